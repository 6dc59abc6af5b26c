"""Wagtail hooks of the partner API: the token screens (partner_api/viewsets.py)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem


@hooks.register("register_admin_viewset")
def register_token_viewset():
    from partner_api.viewsets import ApiTokenViewSet

    return ApiTokenViewSet()


class TokensMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_staff and request.user.has_perm("partner_api.view_apitoken")


@hooks.register("register_settings_menu_item")
def register_tokens_menu_item():
    return TokensMenuItem(
        _("API tokens"),
        reverse("partner_api_admin:index"),
        name="api-tokens",
        icon_name="key",
        order=900,
    )


@hooks.register("register_log_actions")
def register_token_log_actions(actions):
    actions.register_action(
        "partner_api.token_create", _("Create API token"), _("API token created")
    )
    actions.register_action(
        "partner_api.token_revoke", _("Revoke API token"), _("API token revoked")
    )
