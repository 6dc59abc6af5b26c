"""Wagtail hooks of marketplace_link: the staff pages in the admin."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.log_actions import LogFormatter

from marketplace_link.setup import REVIEW_PERMISSION

# --- Staff pages in the Wagtail admin (marketplace_link/viewsets/) -----------------------------


@hooks.register("register_admin_viewset")
def register_storefront_viewsets():
    # The applications' viewset also registers "review storefront applications" for Wagtail's
    # group editor (its get_permissions_to_register).
    from marketplace_link.viewsets.applications import ApplicationViewSet
    from marketplace_link.viewsets.storefronts import StorefrontViewSet

    return [ApplicationViewSet(), StorefrontViewSet()]


class ReviewerMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(REVIEW_PERMISSION)


class ReviewerSubmenuItem(SubmenuMenuItem):
    def is_shown(self, request):
        return request.user.has_perm(REVIEW_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_storefronts_menu_item():
    menu = Menu(
        items=[
            ReviewerMenuItem(
                _("Applications"),
                reverse("storefront_applications:index"),
                name="storefront-applications",
                icon_name="form",
                order=100,
            ),
            ReviewerMenuItem(
                _("Storefronts"),
                reverse("storefronts_admin:index"),
                name="storefronts-list",
                icon_name="site",
                order=200,
            ),
        ]
    )
    return ReviewerSubmenuItem(
        _("Storefronts"), menu, name="storefronts", icon_name="site", order=230
    )


class DecisionLogFormatter(LogFormatter):
    """Shows the reviewer's message or reason as the entry's comment in Wagtail's reports."""

    def format_comment(self, log_entry):
        data = log_entry.data or {}
        return data.get("message") or data.get("reason") or ""


@hooks.register("register_log_actions")
def register_storefront_log_actions(actions):
    @actions.register_action("marketplace_link.approve")
    class ApproveFormatter(DecisionLogFormatter):
        label = _("Approve storefront application")
        message = _("Storefront application approved")

    @actions.register_action("marketplace_link.request_changes")
    class RequestChangesFormatter(DecisionLogFormatter):
        label = _("Request changes to a storefront application")
        message = _("Changes requested on the storefront application")

    @actions.register_action("marketplace_link.reject")
    class RejectFormatter(DecisionLogFormatter):
        label = _("Reject storefront application")
        message = _("Storefront application rejected")

    @actions.register_action("marketplace_link.storefront_retry")
    class StorefrontRetryFormatter(DecisionLogFormatter):
        label = _("Retry storefront provisioning")
        message = _("Storefront provisioning retried")
