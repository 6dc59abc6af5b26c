"""Storefront applications and storefronts in the Wagtail admin: the applications list, one
application's full record (products, images, private export documents, audit trail) with the
three decisions, and the storefronts list with their provisioning problems and a retry action.
URLs in admin_urls.py.

Wagtail's admin wraps these views: anonymous visitors and users without admin access are sent to
the login page before the view runs. Each view then checks the review permission and answers 403
itself (as certificates/admin_views.py does, for the same reason: Wagtail would turn a raised
PermissionDenied into a redirect a script cannot tell apart from success).

Drafts are not listed: an application becomes the reviewers' business once it is submitted.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db import transaction
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST
from wagtail.admin.paginator import WagtailPaginator
from wagtail.log_actions import log

from marketplace_link.models import (
    ApplicationEvent,
    ExportDocument,
    Listing,
    OutboxMessage,
    Product,
    Storefront,
    StorefrontApplication,
)
from marketplace_link.outbox import storefront_retry
from marketplace_link.review.decisions import (
    CERTIFICATE_STATUS_LABELS,
    LOG_STOREFRONT_RETRY,
    MESSAGE_MAX_LENGTH,
    ReviewError,
    application_approve,
    application_reject,
    application_request_changes,
    certificate_status,
)
from marketplace_link.setup import REVIEW_PERMISSION

AppStatus = StorefrontApplication.Status
StoreStatus = Storefront.Status
PER_PAGE = 50
# Statuses a reviewer sees; a draft is still the applicant's private work.
REVIEWED_STATUSES = [value for value in AppStatus.values if value != AppStatus.DRAFT]


# ---------------------------------------------------------------------------------------------
# Reads
# ---------------------------------------------------------------------------------------------
def applications_for_admin(*, query: str = "", status: str = "") -> QuerySet:
    applications = (
        StorefrontApplication.objects.filter(status__in=REVIEWED_STATUSES)
        .select_related("applicant")
        .annotate(product_count=Count("products", filter=Q(products__removed_at__isnull=True)))
        .order_by(F("submitted_at").desc(nulls_last=True), "-pk")
    )
    if status in REVIEWED_STATUSES:
        applications = applications.filter(status=status)
    query = query.strip()
    if query:
        applications = applications.filter(
            Q(trading_name__icontains=query)
            | Q(legal_name__icontains=query)
            | Q(registration_number=query)
            | Q(tin=query)
            | Q(applicant__email__icontains=query)
            | Q(contact_email__icontains=query)
        )
    return applications


def application_for_admin(application_id: int) -> StorefrontApplication:
    return get_object_or_404(
        StorefrontApplication.objects.filter(status__in=REVIEWED_STATUSES)
        .select_related("applicant", "certificate", "decided_by")
        .prefetch_related(
            Prefetch(
                "products",
                Product.objects.filter(removed_at__isnull=True).prefetch_related("images"),
            ),
            Prefetch("documents", ExportDocument.objects.order_by("kind", "pk")),
            Prefetch("events", ApplicationEvent.objects.select_related("actor")),
        ),
        pk=application_id,
    )


def application_to_decide(application_id: int) -> StorefrontApplication:
    """The application a decision is posted on: the decision services lock and re-read it, so
    nothing is prefetched (application_for_admin is for pages that show it)."""
    return get_object_or_404(StorefrontApplication, pk=application_id, status__in=REVIEWED_STATUSES)


def needs_attention_q() -> Q:
    """Delivery gave up on the store, or on one of its messages (a later sync or delisting)."""
    return Q(status=StoreStatus.NEEDS_ATTENTION) | Q(failed_count__gt=0)


def storefronts_for_admin(*, query: str = "", status: str = "", attention: bool = False):
    storefronts = (
        Storefront.objects.select_related("application", "application__applicant")
        .annotate(
            failed_count=Count("outbox", filter=Q(outbox__status=OutboxMessage.Status.FAILED)),
            pending_count=Count("outbox", filter=Q(outbox__status=OutboxMessage.Status.PENDING)),
        )
        .order_by("-updated_at", "-pk")
    )
    if status in StoreStatus.values:
        storefronts = storefronts.filter(status=status)
    if attention:
        storefronts = storefronts.filter(needs_attention_q())
    query = query.strip()
    if query:
        storefronts = storefronts.filter(
            Q(application__trading_name__icontains=query)
            | Q(application__applicant__email__icontains=query)
            | Q(marketplace_store_id=query)
        )
    return storefronts


def attention_count() -> int:
    return storefronts_for_admin(attention=True).count()


# ---------------------------------------------------------------------------------------------
# Forms
# ---------------------------------------------------------------------------------------------
class ApplicationFilterForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Search"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("Trading or legal name, registration number, TIN or e-mail."),
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("Any status"))]
        + [choice for choice in AppStatus.choices if choice[0] != AppStatus.DRAFT],
    )


class StorefrontFilterForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Search"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("Trading name, applicant e-mail or marketplace store id."),
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("Any status"))] + list(StoreStatus.choices),
    )
    attention = forms.BooleanField(label=gettext_lazy("Needs attention only"), required=False)


def _text_field(label, help_text) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=help_text,
    )


# The review page shows both forms: each has its own prefix, so ids and labels never collide.
class RequestChangesForm(forms.Form):
    prefix = "changes"
    message = _text_field(
        gettext_lazy("What should the applicant change?"),
        gettext_lazy("E-mailed to the applicant and shown on their application. Be specific."),
    )


class RejectForm(forms.Form):
    prefix = "reject"
    reason = _text_field(
        gettext_lazy("Reason"),
        gettext_lazy("E-mailed to the applicant, and kept in the audit trail."),
    )


# ---------------------------------------------------------------------------------------------
# Applications
# ---------------------------------------------------------------------------------------------
def _allowed(request) -> bool:
    return request.user.has_perm(REVIEW_PERMISSION)


def _forbidden(request):
    return TemplateResponse(request, "marketplace_link/admin/forbidden.html", status=403)


def _detail_url(application) -> str:
    return reverse("storefronts_admin:application", args=[application.pk])


@require_GET
def application_index(request):
    if not _allowed(request):
        return _forbidden(request)
    form = ApplicationFilterForm(request.GET or None)
    form.is_valid()
    # A bad value in one field (an old bookmark's status) drops that filter only.
    filters = getattr(form, "cleaned_data", {})
    applications = applications_for_admin(
        query=filters.get("q", ""), status=filters.get("status", "")
    )
    paginator = WagtailPaginator(applications, PER_PAGE)
    page = paginator.get_page(request.GET.get("p"))
    context = {
        "form": form,
        "page": page,
        "applications": list(page.object_list),
        "awaiting_count": StorefrontApplication.objects.filter(status=AppStatus.SUBMITTED).count(),
        "awaiting_url": reverse("storefronts_admin:applications") + "?status=submitted",
        "is_filtering": bool(request.GET.get("q") or request.GET.get("status")),
    }
    return TemplateResponse(request, "marketplace_link/admin/application_index.html", context)


def _render_application(request, application, *, changes_form=None, reject_form=None):
    status = certificate_status(application)
    context = {
        "application": application,
        "products": list(application.products.all()),
        "documents": list(application.documents.all()),
        "events": list(application.events.all()),
        "storefront": Storefront.objects.filter(application=application).first(),
        "certificate_status": status,
        "certificate_status_label": CERTIFICATE_STATUS_LABELS.get(status, status),
        "may_decide": application.status == AppStatus.SUBMITTED,
        "changes_form": changes_form or RequestChangesForm(),
        "reject_form": reject_form or RejectForm(),
    }
    # An invalid decision form is shown again with 200, as Wagtail's own edit views do.
    return TemplateResponse(request, "marketplace_link/admin/application_detail.html", context)


@require_GET
def application_detail(request, application_id: int):
    if not _allowed(request):
        return _forbidden(request)
    return _render_application(request, application_for_admin(application_id))


@require_GET
def document_download(request, application_id: int, document_id: int):
    """An export document, for reviewers only. The file lives in private storage; the content
    type is the one sniffed at upload, and the browser is told to download, never to render."""
    if not _allowed(request):
        return _forbidden(request)
    document = get_object_or_404(
        ExportDocument.objects.filter(application__status__in=REVIEWED_STATUSES),
        pk=document_id,
        application_id=application_id,
    )
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name or f"document-{document.pk}",
        content_type=document.content_type or "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _refused(request, application, error: ReviewError):
    messages.error(request, str(error))
    return redirect(_detail_url(application))


@require_POST
def application_approve_view(request, application_id: int):
    if not _allowed(request):
        return _forbidden(request)
    application = application_to_decide(application_id)
    try:
        application_approve(application, actor=request.user)
    except ReviewError as error:
        return _refused(request, application, error)
    # "will be": the e-mail is a task that runs after this request (and retries if it must).
    messages.success(
        request,
        _("Approved “%(name)s”. The storefront is being set up; the applicant will be e-mailed.")
        % {"name": application},
    )
    return redirect(_detail_url(application))


@require_POST
def application_request_changes_view(request, application_id: int):
    if not _allowed(request):
        return _forbidden(request)
    application = application_to_decide(application_id)
    form = RequestChangesForm(request.POST)
    if form.is_valid():
        try:
            application_request_changes(
                application, actor=request.user, message=form.cleaned_data["message"]
            )
        except ReviewError as error:
            if error.code != "message_required":
                return _refused(request, application, error)
            form.add_error("message", str(error))
        else:
            messages.success(
                request,
                _("Changes requested from the applicant of “%(name)s”, who will be e-mailed.")
                % {"name": application},
            )
            return redirect(_detail_url(application))
    messages.error(request, _("Nothing was sent. Correct the errors below."))
    return _render_application(request, application_for_admin(application_id), changes_form=form)


@require_POST
def application_reject_view(request, application_id: int):
    if not _allowed(request):
        return _forbidden(request)
    application = application_to_decide(application_id)
    form = RejectForm(request.POST)
    if form.is_valid():
        try:
            application_reject(application, actor=request.user, reason=form.cleaned_data["reason"])
        except ReviewError as error:
            if error.code != "message_required":
                return _refused(request, application, error)
            form.add_error("reason", str(error))
        else:
            messages.success(
                request,
                _("Rejected “%(name)s”. The applicant will be e-mailed the reason.")
                % {"name": application},
            )
            return redirect(_detail_url(application))
    messages.error(request, _("The application was not rejected. Correct the errors below."))
    return _render_application(request, application_for_admin(application_id), reject_form=form)


# ---------------------------------------------------------------------------------------------
# Storefronts
# ---------------------------------------------------------------------------------------------
def _storefront_url(storefront) -> str:
    return reverse("storefronts_admin:storefront", args=[storefront.pk])


@require_GET
def storefront_index(request):
    if not _allowed(request):
        return _forbidden(request)
    form = StorefrontFilterForm(request.GET or None)
    form.is_valid()
    filters = getattr(form, "cleaned_data", {})
    storefronts = storefronts_for_admin(
        query=filters.get("q", ""),
        status=filters.get("status", ""),
        attention=filters.get("attention", False),
    )
    paginator = WagtailPaginator(storefronts, PER_PAGE)
    page = paginator.get_page(request.GET.get("p"))
    context = {
        "form": form,
        "page": page,
        "storefronts": list(page.object_list),
        "attention_count": attention_count(),
        "attention_url": reverse("storefronts_admin:index") + "?attention=on",
        "is_filtering": bool(
            request.GET.get("q") or request.GET.get("status") or filters.get("attention")
        ),
    }
    return TemplateResponse(request, "marketplace_link/admin/storefront_index.html", context)


@require_GET
def storefront_detail(request, storefront_id: int):
    if not _allowed(request):
        return _forbidden(request)
    storefront = get_object_or_404(
        storefronts_for_admin().select_related("application__decided_by"), pk=storefront_id
    )
    outbox = list(
        OutboxMessage.objects.filter(storefront=storefront)
        .select_related("product")
        .order_by("-created_at", "-pk")
    )
    failed = [m for m in outbox if m.status == OutboxMessage.Status.FAILED]
    # A failed suspension is not given up: provisioning keeps retrying it (see _deliverable).
    suspension_retrying = [m for m in failed if m.kind == OutboxMessage.Kind.SUSPEND]
    context = {
        "storefront": storefront,
        "application": storefront.application,
        "listings": list(
            Listing.objects.filter(storefront=storefront)
            .select_related("product")
            .order_by("product__created_at", "pk")
        ),
        "outbox": outbox,
        "needs_attention": storefront.status == StoreStatus.NEEDS_ATTENTION or bool(failed),
        "gave_up": storefront.status == StoreStatus.NEEDS_ATTENTION
        or len(failed) > len(suspension_retrying),
        "suspension_retrying": bool(suspension_retrying),
    }
    return TemplateResponse(request, "marketplace_link/admin/storefront_detail.html", context)


@require_POST
def storefront_retry_view(request, storefront_id: int):
    if not _allowed(request):
        return _forbidden(request)
    storefront = get_object_or_404(Storefront, pk=storefront_id)
    # The retry (its ApplicationEvent included) and Wagtail's log entry commit together.
    with transaction.atomic():
        retried = storefront_retry(storefront, actor=request.user)
        # The status the retry left (read under its lock), not the one before it.
        log(storefront, LOG_STOREFRONT_RETRY, user=request.user, data={"status": retried.status})
    messages.success(
        request, _("Delivery to the marketplace starts again, with a fresh set of attempts.")
    )
    return redirect(_storefront_url(storefront))
