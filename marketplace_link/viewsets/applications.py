"""Storefront applications: the list, one application's full record (products, images, private
export documents, audit trail) with the three decisions, and the document downloads.

Drafts are not listed: an application becomes the reviewers' business once it is submitted.
The decisions are the review services' (they write the audit rows and Wagtail's log entries).
"""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib.auth.models import Permission
from django.db.models import Count, F, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic

from core.admin_screens import ObjectActionMixin, ScreenIndexView, ScreenViewSet, TemplateColumn
from core.http import open_stored, private_file
from marketplace_link.models import (
    ApplicationEvent,
    ExportDocument,
    Product,
    Storefront,
    StorefrontApplication,
)
from marketplace_link.review.decisions import (
    CERTIFICATE_STATUS_LABELS,
    MESSAGE_MAX_LENGTH,
    ReviewError,
    application_approve,
    application_reject,
    application_request_changes,
    certificate_status,
)
from marketplace_link.viewsets.common import ReviewerOnly

AppStatus = StorefrontApplication.Status
# Statuses a reviewer sees; a draft is still the applicant's private work.
REVIEWED_STATUSES = [value for value in AppStatus.values if value != AppStatus.DRAFT]
CELLS = "marketplace_link/admin/includes/"


class ApplicationFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=[choice for choice in AppStatus.choices if choice[0] != AppStatus.DRAFT],
        empty_label=gettext_lazy("Any status"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = StorefrontApplication
        fields = []


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


class ApplicationIndexView(ReviewerOnly, ScreenIndexView):
    template_name = "marketplace_link/admin/application_index.html"
    page_title = gettext_lazy("Storefront applications")
    no_match_message = gettext_lazy("No application matches.")
    empty_message = gettext_lazy("No application has been submitted yet.")
    search_help = gettext_lazy("Trading or legal name, registration number, TIN or e-mail.")

    def get_base_queryset(self):
        return (
            StorefrontApplication.objects.filter(status__in=REVIEWED_STATUSES)
            .select_related("applicant")
            .annotate(product_count=Count("products", filter=Q(products__removed_at__isnull=True)))
            .order_by(F("submitted_at").desc(nulls_last=True), "-pk")
        )

    def search_q(self, query: str) -> Q:
        return (
            Q(trading_name__icontains=query)
            | Q(legal_name__icontains=query)
            | Q(registration_number=query)
            | Q(tin=query)
            | Q(applicant__email__icontains=query)
            | Q(contact_email__icontains=query)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.results_only:
            context["awaiting_count"] = StorefrontApplication.objects.filter(
                status=AppStatus.SUBMITTED
            ).count()
            context["awaiting_url"] = self.index_url + "?status=submitted"
        return context


class ApplicationInspectView(ReviewerOnly, generic.InspectView):
    template_name = "marketplace_link/admin/application_inspect.html"

    def get_object(self, queryset=None):
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
            pk=self.pk,
        )

    def get_page_title(self):
        return str(self.object)

    def get_page_subtitle(self):
        return _("Storefront application")

    def get_fields_context(self):
        return []  # the template lays the record out itself

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.object
        status = certificate_status(application)
        context.update(
            application=application,
            products=list(application.products.all()),
            documents=list(application.documents.all()),
            events=list(application.events.all()),
            storefront=Storefront.objects.filter(application=application).first(),
            certificate_status=status,
            certificate_status_label=CERTIFICATE_STATUS_LABELS.get(status, status),
            may_decide=application.status == AppStatus.SUBMITTED,
        )
        context.setdefault("changes_form", RequestChangesForm())
        context.setdefault("reject_form", RejectForm())
        return context


class DocumentView(ReviewerOnly, View):
    """An export document, for reviewers only. The file lives in private storage; the content
    type is the one sniffed at upload, and the browser is told to download, never to render."""

    http_method_names = ["get", "head"]

    def get(self, request, pk: int, document_id: int):
        document = get_object_or_404(
            ExportDocument.objects.filter(application__status__in=REVIEWED_STATUSES),
            pk=document_id,
            application_id=pk,
        )
        return private_file(
            open_stored(document.file),
            filename=document.original_name or f"document-{document.pk}",
            content_type=document.content_type,
        )


class DecisionView(ObjectActionMixin, ApplicationInspectView):
    """The decision services lock and re-read the application, so nothing is prefetched for
    them; the record is loaded in full only to show a form's errors again."""

    refusal_errors = (ReviewError,)

    def get_object(self, queryset=None):
        return get_object_or_404(StorefrontApplication, pk=self.pk, status__in=REVIEWED_STATUSES)

    def object_to_show(self):
        return ApplicationInspectView.get_object(self)

    def is_refusal(self, error) -> bool:
        # A blank message is the form's error; any other is a wrong state (nothing changed).
        return getattr(error, "code", None) != "message_required"


class ApproveView(DecisionView):
    def perform(self, form):
        application_approve(self.object, actor=self.request.user)
        # "will be": the e-mail is a task that runs after this request (and retries if it must).
        return self.object, _(
            "Approved “%(name)s”. The storefront is being set up; the applicant will be e-mailed."
        ) % {"name": self.object}


class RequestChangesView(DecisionView):
    form_class = RequestChangesForm
    form_context_name = "changes_form"
    error_field = "message"
    failure_message = gettext_lazy("Nothing was sent. Correct the errors below.")

    def perform(self, form):
        message = form.cleaned_data["message"]
        application_request_changes(self.object, actor=self.request.user, message=message)
        return self.object, _(
            "Changes requested from the applicant of “%(name)s”, who will be e-mailed."
        ) % {"name": self.object}


class RejectView(DecisionView):
    form_class = RejectForm
    form_context_name = "reject_form"
    error_field = "reason"
    failure_message = gettext_lazy("The application was not rejected. Correct the errors below.")

    def perform(self, form):
        application_reject(self.object, actor=self.request.user, reason=form.cleaned_data["reason"])
        return self.object, _("Rejected “%(name)s”. The applicant will be e-mailed the reason.") % {
            "name": self.object
        }


def _cell(name: str, template: str, label) -> TemplateColumn:
    return TemplateColumn(name, CELLS + template, label=label)


class ApplicationViewSet(ScreenViewSet):
    model = StorefrontApplication
    name = "storefront_applications"
    url_prefix = "storefronts/applications"
    icon = "form"
    inspect_url_name = "detail"
    index_view_class = ApplicationIndexView
    inspect_view_class = ApplicationInspectView
    filterset_class = ApplicationFilterSet
    list_per_page = 50
    list_display = [
        _cell("trading_name", "application_name_cell.html", gettext_lazy("Trading name")),
        Column(
            "sector", label=gettext_lazy("Sector"), accessor=lambda a: a.get_sector_display() or "—"
        ),
        Column(
            "district",
            label=gettext_lazy("District"),
            accessor=lambda a: a.get_district_display() or "—",
        ),
        Column("product_count", label=gettext_lazy("Products")),
        _cell("status", "application_status_cell.html", gettext_lazy("Status")),
        _cell("submitted_at", "submitted_cell.html", gettext_lazy("Submitted")),
        _cell("decided_at", "decided_cell.html", gettext_lazy("Decided")),
    ]

    def extra_urlpatterns(self):
        return [
            path("<int:pk>/documents/<int:document_id>/", DocumentView.as_view(), name="document"),
            path("<int:pk>/approve/", self.action_view(ApproveView), name="approve"),
            path(
                "<int:pk>/request-changes/",
                self.action_view(RequestChangesView),
                name="request_changes",
            ),
            path("<int:pk>/reject/", self.action_view(RejectView), name="reject"),
        ]

    def get_permissions_to_register(self):
        # Lets administrators grant "review storefront applications" in Wagtail's group editor.
        return Permission.objects.filter(
            content_type__app_label="marketplace_link", codename="review_application"
        )
