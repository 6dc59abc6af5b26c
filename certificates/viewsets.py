"""Certificates in the Wagtail admin, on Wagtail's ModelViewSet: the list (search, filters, the
parked count), one certificate's facts and audit trail (the inspect view, at <pk>/), the stored
PDF, and the staff actions (revoke, reissue, retry a parked one). No add, edit or delete screen:
certificates are made by issuing and changed only through these actions.

Looking needs view_certificate; acting needs change_certificate too. A signed-in user without
them gets a 403 page that says so (accounts.api.PermissionRefusalMixin).

The writes are the services' (certificates/services.py); a view adds the Wagtail audit-log
entry in the same transaction, so an action is either done and logged or neither.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.log_actions import log

from certificates.models import Certificate, CertificateEvent
from certificates.services import (
    CertificateError,
    certificate_reissue,
    certificate_retry,
    certificate_revoke,
)
from core.admin_screens import (
    ObjectActionMixin,
    PermissionRefusalMixin,
    ScreenIndexView,
    ScreenViewSet,
    TemplateColumn,
    status_filterset,
)
from core.http import open_stored, private_file

Status = Certificate.Status
VIEW_PERMISSION = "certificates.view_certificate"
CHANGE_PERMISSION = "certificates.change_certificate"

# Actions in Wagtail's audit log (registered in wagtail_hooks.py).
LOG_REVOKE = "certificates.revoke"
LOG_REISSUE = "certificates.reissue"
LOG_RETRY = "certificates.retry"


def needs_attention_q() -> Q:
    """Parked, or still pending after a failed attempt: a certificate nobody has yet."""
    return Q(parked_at__isnull=False) | (Q(status=Status.PENDING) & ~Q(last_error=""))


# ---------------------------------------------------------------------------------------------
# Forms
# ---------------------------------------------------------------------------------------------
CertificateFilterSet = status_filterset(
    Certificate, choices=Status.choices, needs_attention=needs_attention_q
)


def _reason_field(help_text) -> forms.CharField:
    return forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=help_text,
    )


# Each form on the detail page has its own prefix, so their fields' ids never collide (both have
# a "reason": without prefixes the Revoke label pointed at the Reissue box).
class RevokeForm(forms.Form):
    prefix = "revoke"
    reason = _reason_field(
        gettext_lazy("Shown on the public verification page, and kept in the audit trail.")
    )


class ReissueForm(forms.Form):
    prefix = "reissue"
    name = forms.CharField(
        label=gettext_lazy("Name to print"),
        max_length=Certificate._meta.get_field("name").max_length,
        help_text=gettext_lazy("Correct the spelling here; the old certificate is superseded."),
    )
    reason = _reason_field(gettext_lazy("Kept in the audit trail of both certificates."))


# ---------------------------------------------------------------------------------------------
# The list
# ---------------------------------------------------------------------------------------------
class CertificatePermissions(PermissionRefusalMixin):
    required_permissions = (VIEW_PERMISSION,)
    refusal_template = "certificates/admin/forbidden.html"


class CertificateIndexView(CertificatePermissions, ScreenIndexView):
    template_name = "certificates/admin/index.html"
    page_title = gettext_lazy("Certificates")
    no_match_message = gettext_lazy("No certificate matches.")
    empty_message = gettext_lazy("No certificate yet.")
    search_help = gettext_lazy("Name, code, learner e-mail or course title.")

    def get_base_queryset(self):
        # The list shows the printed snapshots and the learner's e-mail: one join, whatever
        # the rows; newest first.
        return Certificate.objects.select_related("learner").order_by("-created_at", "-pk")

    def search_q(self, query: str) -> Q:
        return (
            Q(name__icontains=query)
            | Q(code=query)
            | Q(learner__email__icontains=query)
            | Q(course_title__icontains=query)
            | Q(course__title__icontains=query)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.results_only:
            context["parked_count"] = Certificate.objects.filter(parked_at__isnull=False).count()
            context["attention_url"] = self.index_url + "?attention=on"
        return context


# ---------------------------------------------------------------------------------------------
# One certificate, and the actions on it
# ---------------------------------------------------------------------------------------------
class CertificateInspectView(CertificatePermissions, generic.InspectView):
    template_name = "certificates/admin/inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Certificate.objects.select_related("learner", "course", "cohort", "superseded_by"),
            pk=self.pk,
        )

    def get_page_title(self):
        return self.object.name

    def get_page_subtitle(self):
        return self.object.course_title

    def get_fields_context(self):
        return []  # the template lays the facts out itself

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        certificate = self.object
        context.update(
            certificate=certificate,
            language_name=dict(settings.LANGUAGES).get(certificate.language, certificate.language),
            supersedes=list(certificate.supersedes.order_by("pk")),
            events=list(
                CertificateEvent.objects.filter(certificate=certificate).select_related("actor")
            ),
            may_change=self.request.user.has_perm(CHANGE_PERMISSION),
            # Pending certificates have no public page yet (it would be an unknown code's 404).
            verify_url=(
                reverse("certificates:verify", args=[certificate.code])
                if certificate.status != Status.PENDING
                else ""
            ),
            pdf_url=(
                reverse("certificates_admin:pdf", args=[certificate.pk]) if certificate.pdf else ""
            ),
        )
        context.setdefault("revoke_form", RevokeForm())
        context.setdefault("reissue_form", ReissueForm(initial={"name": certificate.name}))
        return context


class CertificatePdfView(CertificatePermissions, View):
    """The stored PDF whatever the status, for staff who may view certificates. The public
    download serves only issued ones (and the holder's own)."""

    http_method_names = ["get", "head"]

    def get(self, request, pk: int):
        certificate = get_object_or_404(Certificate, pk=pk)
        if not certificate.pdf:
            raise Http404
        return private_file(
            open_stored(certificate.pdf),
            as_attachment=False,
            filename=f"isoko-certificate-{certificate.code[:8]}.pdf",
            content_type="application/pdf",
        )


class CertificateActionView(ObjectActionMixin, CertificateInspectView):
    required_permissions = (VIEW_PERMISSION, CHANGE_PERMISSION)
    refusal_errors = (CertificateError,)


class RevokeView(CertificateActionView):
    form_class = RevokeForm
    form_context_name = "revoke_form"
    error_field = "reason"
    failure_message = gettext_lazy("The certificate was not revoked. Correct the errors below.")

    def perform(self, form):
        user, reason = self.request.user, form.cleaned_data["reason"]
        with transaction.atomic():
            revoked = certificate_revoke(certificate=self.object, actor=user, reason=reason)
            log(revoked, LOG_REVOKE, user=user, data={"reason": reason})
        return revoked, _("Certificate of %(name)s revoked. Its verification page now says so.") % {
            "name": revoked.name
        }


class ReissueView(CertificateActionView):
    form_class = ReissueForm
    form_context_name = "reissue_form"
    failure_message = gettext_lazy("The certificate was not reissued. Correct the errors below.")

    def perform(self, form):
        certificate, user = self.object, self.request.user
        reason, name = form.cleaned_data["reason"], form.cleaned_data["name"]
        with transaction.atomic():
            new = certificate_reissue(certificate=certificate, actor=user, reason=reason, name=name)
            data = {
                "reason": reason,
                "old_name": certificate.name,
                "new_name": name,
                "old_certificate": certificate.pk,
                "new_certificate": new.pk,
            }
            # One entry on each: either certificate's history tells the story.
            certificate.refresh_from_db()
            log(certificate, LOG_REISSUE, user=user, data=data)
            log(new, LOG_REISSUE, user=user, data=data)
        return new, _(
            "Reissued for %(name)s. The old code now shows “superseded” with a link to this "
            "certificate."
        ) % {"name": new.name}


class RetryView(CertificateActionView):
    def perform(self, form):
        certificate = self.object
        data = {"was_parked": bool(certificate.parked_at), "attempts": certificate.attempts}
        with transaction.atomic():
            retried = certificate_retry(certificate=certificate, actor=self.request.user)
            log(retried, LOG_RETRY, user=self.request.user, data=data)
        return certificate, _("Issuing again: the certificate has a fresh set of attempts.")


# ---------------------------------------------------------------------------------------------
# The viewset
# ---------------------------------------------------------------------------------------------
class CertificateViewSet(ScreenViewSet):
    model = Certificate
    name = "certificates"
    url_namespace = "certificates_admin"
    icon = "doc-full"
    inspect_url_name = "detail"
    index_view_class = CertificateIndexView
    inspect_view_class = CertificateInspectView
    filterset_class = CertificateFilterSet
    list_per_page = 50
    list_display = [
        TemplateColumn(
            "name",
            "certificates/admin/includes/name_cell.html",
            label=gettext_lazy("Name as printed"),
        ),
        Column("course_title", label=gettext_lazy("Course")),
        TemplateColumn(
            "status", "certificates/admin/includes/status_cell.html", label=gettext_lazy("Status")
        ),
        TemplateColumn(
            "issued_on",
            "certificates/admin/includes/issued_cell.html",
            label=gettext_lazy("Issued on"),
        ),
        Column("attempts", label=gettext_lazy("Attempts")),
        TemplateColumn(
            "parked_at",
            "certificates/admin/includes/parked_cell.html",
            label=gettext_lazy("Parked"),
        ),
    ]

    def extra_urlpatterns(self):
        return [
            path("<int:pk>/certificate.pdf", CertificatePdfView.as_view(), name="pdf"),
            path("<int:pk>/revoke/", self.action_view(RevokeView), name="revoke"),
            path("<int:pk>/reissue/", self.action_view(ReissueView), name="reissue"),
            path("<int:pk>/retry/", self.action_view(RetryView), name="retry"),
        ]

    def get_permissions_to_register(self):
        # Lets administrators grant "view" and "change" certificates to a group in Wagtail's
        # own group editor. Not "add" or "delete": certificates are made by issuing.
        return Permission.objects.filter(
            content_type__app_label="certificates",
            codename__in=["view_certificate", "change_certificate"],
        )
