"""API tokens in the Wagtail admin (Settings → API tokens), on Wagtail's ModelViewSet through
core.admin_screens: the list, one token's facts and audit (its inspect view), "New token" and
"Revoke". No edit or delete screen: a token is made, then revoked; its rows stay as the audit.

Only staff accounts (``is_staff``) with the model's permissions may open these screens: a token
reads learners' records. Looking needs view_apitoken, making one add_apitoken, revoking one
change_apitoken (superusers have them all). The token's secret is shown once, in the answer to
the form that made it; only its hash is kept.
"""

from __future__ import annotations

from datetime import datetime, time

from django import forms
from django.contrib.auth.models import Permission
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.log_actions import log

from core.admin_screens import (
    ObjectActionMixin,
    PermissionRefusalMixin,
    ScreenIndexView,
    ScreenViewSet,
    TemplateColumn,
)
from partner_api.models import ApiToken, ApiTokenEvent, ApiTokenUse, Scope
from partner_api.services import token_create, token_revoke

VIEW_PERMISSION = "partner_api.view_apitoken"
ADD_PERMISSION = "partner_api.add_apitoken"
CHANGE_PERMISSION = "partner_api.change_apitoken"
LOG_CREATE = "partner_api.token_create"
LOG_REVOKE = "partner_api.token_revoke"


class StaffOnly(PermissionRefusalMixin):
    required_permissions = (VIEW_PERMISSION,)
    refusal_template = "partner_api/admin/forbidden.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if not request.user.is_staff:
            self.permission_refused = True


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        help_text=gettext_lazy(
            "Who uses it, and for what, e.g. “Development board: monthly sync”."
        ),
    )
    scopes = forms.MultipleChoiceField(
        label=gettext_lazy("Scopes"),
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Give only what the partner needs. Public data needs no token."),
    )
    expires_on = forms.DateField(
        label=gettext_lazy("Expires on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("Leave empty for a token that lasts until it is revoked."),
    )

    def clean_expires_on(self):
        day = self.cleaned_data["expires_on"]
        if day is not None and day <= timezone.localdate():
            raise forms.ValidationError(_("Choose a day after today."))
        return day


class TokenIndexView(StaffOnly, ScreenIndexView):
    page_title = gettext_lazy("API tokens")
    no_match_message = gettext_lazy("No token matches.")
    empty_message = gettext_lazy("No token yet.")
    search_help = gettext_lazy("Name or prefix.")
    template_name = "partner_api/admin/index.html"

    def get_base_queryset(self):
        return ApiToken.objects.select_related("created_by").order_by("-created_at", "-pk")

    def search_q(self, query: str):
        from django.db.models import Q

        return Q(name__icontains=query) | Q(prefix__startswith=query)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["may_add"] = self.request.user.has_perm(ADD_PERMISSION)
        context["add_url"] = reverse("partner_api_admin:new")
        return context


class TokenInspectView(StaffOnly, generic.InspectView):
    template_name = "partner_api/admin/inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(
            ApiToken.objects.select_related("created_by", "revoked_by"), pk=self.pk
        )

    def get_page_title(self):
        return self.object.name

    def get_page_subtitle(self):
        return _("API token")

    def get_fields_context(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        token = self.object
        context.update(
            token=token,
            state=token.state(),
            events=list(ApiTokenEvent.objects.filter(token=token).select_related("actor")),
            uses=list(ApiTokenUse.objects.filter(token=token).order_by("-minute")[:30]),
            may_revoke=self.request.user.has_perm(CHANGE_PERMISSION) and token.revoked_at is None,
        )
        return context


class TokenCreateView(StaffOnly, View):
    """The form, and on success a page with the token, shown this once (no redirect: nothing of
    the secret is put in the session or a message)."""

    required_permissions = (VIEW_PERMISSION, ADD_PERMISSION)
    http_method_names = ["get", "post"]
    template_name = "partner_api/admin/new.html"

    def render(self, form, status=200):
        return TemplateResponse(
            self.request,
            self.template_name,
            {"form": form, "index_url": reverse("partner_api_admin:index")},
            status=status,
        )

    def get(self, request):
        return self.render(TokenForm())

    def post(self, request):
        form = TokenForm(request.POST)
        if not form.is_valid():
            return self.render(form)
        day = form.cleaned_data["expires_on"]
        expires_at = (
            timezone.make_aware(datetime.combine(day, time.min)) if day is not None else None
        )
        made = token_create(
            name=form.cleaned_data["name"],
            scopes=form.cleaned_data["scopes"],
            created_by=request.user,
            expires_at=expires_at,
        )
        log(made.token, LOG_CREATE, user=request.user, data={"scopes": made.token.scopes})
        response = TemplateResponse(
            request,
            "partner_api/admin/created.html",
            {
                "token": made.token,
                "plaintext": made.plaintext,
                "detail_url": reverse("partner_api_admin:detail", args=[made.token.pk]),
            },
        )
        response["Cache-Control"] = "no-store"
        return response


class RevokeView(ObjectActionMixin, TokenInspectView):
    required_permissions = (VIEW_PERMISSION, CHANGE_PERMISSION)

    def perform(self, form):
        token = token_revoke(token=self.object, actor=self.request.user)
        log(token, LOG_REVOKE, user=self.request.user)
        return token, _("Token “%(name)s” revoked: it no longer opens the API.") % {
            "name": token.name
        }


class ApiTokenViewSet(ScreenViewSet):
    model = ApiToken
    name = "api_tokens"
    url_namespace = "partner_api_admin"
    url_prefix = "api-tokens"
    icon = "key"
    inspect_url_name = "detail"
    index_view_class = TokenIndexView
    inspect_view_class = TokenInspectView
    list_per_page = 50
    list_display = [
        TemplateColumn("name", "partner_api/admin/name_cell.html", label=gettext_lazy("Name")),
        Column("prefix", label=gettext_lazy("Prefix")),
        TemplateColumn(
            "scopes", "partner_api/admin/scopes_cell.html", label=gettext_lazy("Scopes")
        ),
        TemplateColumn("state", "partner_api/admin/state_cell.html", label=gettext_lazy("State")),
        Column("created_at", label=gettext_lazy("Created")),
        Column("last_used_at", label=gettext_lazy("Last used")),
    ]

    def extra_urlpatterns(self):
        return [
            path("new/", TokenCreateView.as_view(), name="new"),
            path("<int:pk>/revoke/", self.action_view(RevokeView), name="revoke"),
        ]

    def get_permissions_to_register(self):
        return Permission.objects.filter(
            content_type__app_label="partner_api",
            codename__in=["view_apitoken", "add_apitoken", "change_apitoken"],
        )
