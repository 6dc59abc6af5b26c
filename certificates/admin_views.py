"""Certificates in the Wagtail admin: the list, one certificate's facts and audit trail, and the
staff actions (revoke, reissue, retry a parked one). URLs in admin_urls.py.

Wagtail's admin wraps these views: anonymous visitors and users without admin access are sent to
the login page before the view runs. Here each view checks the model permission and answers 403
itself (a raised PermissionDenied would be turned by Wagtail into a redirect to the dashboard,
which a script or test cannot tell apart from success).

The writes are the services' (certificates/services.py); a view adds the Wagtail audit-log
entry in the same transaction, so an action is either done and logged or neither.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST
from wagtail.admin.paginator import WagtailPaginator
from wagtail.log_actions import log

from certificates.models import Certificate, CertificateEvent
from certificates.services import (
    CertificateError,
    certificate_reissue,
    certificate_retry,
    certificate_revoke,
)
from core.http import private_file

Status = Certificate.Status
PER_PAGE = 50
VIEW_PERMISSION = "certificates.view_certificate"
CHANGE_PERMISSION = "certificates.change_certificate"

# Actions in Wagtail's audit log (registered in wagtail_hooks.py).
LOG_REVOKE = "certificates.revoke"
LOG_REISSUE = "certificates.reissue"
LOG_RETRY = "certificates.retry"


# ---------------------------------------------------------------------------------------------
# Reads
# ---------------------------------------------------------------------------------------------
def needs_attention_q() -> Q:
    """Parked, or still pending after a failed attempt: a certificate nobody has yet."""
    return Q(parked_at__isnull=False) | (Q(status=Status.PENDING) & ~Q(last_error=""))


def certificates_for_admin(
    *, query: str = "", status: str = "", attention: bool = False
) -> QuerySet[Certificate]:
    # The list shows the printed snapshots and the learner's e-mail: one join, whatever the rows.
    certificates = Certificate.objects.select_related("learner").order_by("-created_at", "-pk")
    if status in Status.values:
        certificates = certificates.filter(status=status)
    if attention:
        certificates = certificates.filter(needs_attention_q())
    query = query.strip()
    if query:
        certificates = certificates.filter(
            Q(name__icontains=query)
            | Q(code=query)
            | Q(learner__email__icontains=query)
            | Q(course_title__icontains=query)
            | Q(course__title__icontains=query)
        )
    return certificates


def parked_count() -> int:
    return Certificate.objects.filter(parked_at__isnull=False).count()


def certificate_for_admin(certificate_id: int) -> Certificate:
    return get_object_or_404(
        Certificate.objects.select_related("learner", "course", "cohort", "superseded_by"),
        pk=certificate_id,
    )


# ---------------------------------------------------------------------------------------------
# Forms
# ---------------------------------------------------------------------------------------------
class FilterForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Search"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("Name, code, learner e-mail or course title."),
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("Any status"))] + list(Status.choices),
    )
    attention = forms.BooleanField(label=gettext_lazy("Needs attention only"), required=False)


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
# Views
# ---------------------------------------------------------------------------------------------
def _forbidden(request):
    return TemplateResponse(request, "certificates/admin/forbidden.html", status=403)


def _detail_url(certificate: Certificate) -> str:
    return reverse("certificates_admin:detail", args=[certificate.pk])


@require_GET
def certificate_index(request):
    if not request.user.has_perm(VIEW_PERMISSION):
        return _forbidden(request)
    form = FilterForm(request.GET or None)
    form.is_valid()
    # A bad value in one field (an old bookmark's status) drops that filter only, not the search.
    filters = getattr(form, "cleaned_data", {})
    certificates = certificates_for_admin(
        query=filters.get("q", ""),
        status=filters.get("status", ""),
        attention=filters.get("attention", False),
    )
    paginator = WagtailPaginator(certificates, PER_PAGE)
    page = paginator.get_page(request.GET.get("p"))
    context = {
        "form": form,
        "page": page,
        "certificates": list(page.object_list),
        "elided_page_range": paginator.get_elided_page_range(page.number),
        "parked_count": parked_count(),
        "attention_url": reverse("certificates_admin:index") + "?attention=on",
        "is_filtering": bool(
            request.GET.get("q") or request.GET.get("status") or filters.get("attention")
        ),
    }
    return TemplateResponse(request, "certificates/admin/index.html", context)


def _render_detail(request, certificate, *, revoke_form=None, reissue_form=None, status=200):
    events = CertificateEvent.objects.filter(certificate=certificate).select_related("actor")
    may_change = request.user.has_perm(CHANGE_PERMISSION)
    context = {
        "certificate": certificate,
        "language_name": dict(settings.LANGUAGES).get(certificate.language, certificate.language),
        "supersedes": list(certificate.supersedes.order_by("pk")),
        "events": list(events),
        "may_change": may_change,
        # Pending certificates have no public page yet (it would be the 404 of an unknown code).
        "verify_url": (
            reverse("certificates:verify", args=[certificate.code])
            if certificate.status != Status.PENDING
            else ""
        ),
        "pdf_url": (
            reverse("certificates_admin:pdf", args=[certificate.pk]) if certificate.pdf else ""
        ),
        "revoke_form": revoke_form or RevokeForm(),
        "reissue_form": reissue_form or ReissueForm(initial={"name": certificate.name}),
    }
    return TemplateResponse(request, "certificates/admin/detail.html", context, status=status)


@require_GET
def certificate_detail(request, certificate_id: int):
    if not request.user.has_perm(VIEW_PERMISSION):
        return _forbidden(request)
    return _render_detail(request, certificate_for_admin(certificate_id))


@require_GET
def certificate_pdf(request, certificate_id: int):
    """The stored PDF whatever the status, for staff who may view certificates. The public
    download serves only issued ones (and the holder's own)."""
    if not request.user.has_perm(VIEW_PERMISSION):
        return _forbidden(request)
    certificate = get_object_or_404(Certificate, pk=certificate_id)
    if not certificate.pdf:
        raise Http404
    return private_file(
        certificate.pdf.open("rb"),
        as_attachment=False,
        filename=f"isoko-certificate-{certificate.code[:8]}.pdf",
        content_type="application/pdf",
    )


def _change_allowed(request) -> bool:
    return request.user.has_perm(VIEW_PERMISSION) and request.user.has_perm(CHANGE_PERMISSION)


def _refused(request, certificate: Certificate, error: Exception):
    """A wrong-state refusal from the service: nothing changed; say why on the detail page."""
    messages.error(request, str(error))
    return redirect(_detail_url(certificate))


def _validation_messages(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


@require_POST
def certificate_revoke_view(request, certificate_id: int):
    if not _change_allowed(request):
        return _forbidden(request)
    certificate = certificate_for_admin(certificate_id)
    form = RevokeForm(request.POST)
    if form.is_valid():
        reason = form.cleaned_data["reason"]
        try:
            with transaction.atomic():
                revoked = certificate_revoke(
                    certificate=certificate, actor=request.user, reason=reason
                )
                log(revoked, LOG_REVOKE, user=request.user, data={"reason": reason})
        except CertificateError as error:
            return _refused(request, certificate, error)
        except ValidationError as error:
            form.add_error("reason", _validation_messages(error))
        else:
            messages.success(
                request,
                _("Certificate of %(name)s revoked. Its verification page now says so.")
                % {"name": revoked.name},
            )
            return redirect(_detail_url(revoked))
    messages.error(request, _("The certificate was not revoked. Correct the errors below."))
    return _render_detail(request, certificate, revoke_form=form)


@require_POST
def certificate_reissue_view(request, certificate_id: int):
    if not _change_allowed(request):
        return _forbidden(request)
    certificate = certificate_for_admin(certificate_id)
    form = ReissueForm(request.POST)
    if form.is_valid():
        reason, name = form.cleaned_data["reason"], form.cleaned_data["name"]
        try:
            with transaction.atomic():
                new = certificate_reissue(
                    certificate=certificate, actor=request.user, reason=reason, name=name
                )
                data = {
                    "reason": reason,
                    "old_name": certificate.name,
                    "new_name": name,
                    "old_certificate": certificate.pk,
                    "new_certificate": new.pk,
                }
                # One entry on each: either certificate's history tells the story.
                certificate.refresh_from_db()
                log(certificate, LOG_REISSUE, user=request.user, data=data)
                log(new, LOG_REISSUE, user=request.user, data=data)
        except CertificateError as error:
            return _refused(request, certificate, error)
        except ValidationError as error:
            form.add_error(None, _validation_messages(error))
        else:
            messages.success(
                request,
                _(
                    "Reissued for %(name)s. The old code now shows “superseded” with a link "
                    "to this certificate."
                )
                % {"name": new.name},
            )
            return redirect(_detail_url(new))
    messages.error(request, _("The certificate was not reissued. Correct the errors below."))
    return _render_detail(request, certificate, reissue_form=form)


@require_POST
def certificate_retry_view(request, certificate_id: int):
    if not _change_allowed(request):
        return _forbidden(request)
    certificate = certificate_for_admin(certificate_id)
    try:
        with transaction.atomic():
            retried = certificate_retry(certificate=certificate, actor=request.user)
            log(
                retried,
                LOG_RETRY,
                user=request.user,
                data={"was_parked": bool(certificate.parked_at), "attempts": certificate.attempts},
            )
    except CertificateError as error:
        return _refused(request, certificate, error)
    messages.success(request, _("Issuing again: the certificate has a fresh set of attempts."))
    return redirect(_detail_url(certificate))
