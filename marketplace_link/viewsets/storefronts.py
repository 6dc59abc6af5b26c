"""Storefronts: the list with their provisioning problems, one storefront's facts, listings and
outbox, and the retry that starts delivery to the marketplace again."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.log_actions import log

from core.admin_screens import ScreenIndexView, ScreenViewSet, TemplateColumn, status_filterset
from marketplace_link.models import Listing, OutboxMessage, Storefront
from marketplace_link.outbox import storefront_retry
from marketplace_link.review.decisions import LOG_STOREFRONT_RETRY
from marketplace_link.viewsets.common import ReviewerOnly

StoreStatus = Storefront.Status
CELLS = "marketplace_link/admin/includes/"


def needs_attention_q() -> Q:
    """Delivery gave up on the store, or on one of its messages (a later sync or delisting)."""
    return Q(status=StoreStatus.NEEDS_ATTENTION) | Q(failed_count__gt=0)


def storefronts_with_counts():
    return (
        Storefront.objects.select_related("application", "application__applicant")
        .annotate(
            failed_count=Count("outbox", filter=Q(outbox__status=OutboxMessage.Status.FAILED)),
            pending_count=Count("outbox", filter=Q(outbox__status=OutboxMessage.Status.PENDING)),
        )
        .order_by("-updated_at", "-pk")
    )


StorefrontFilterSet = status_filterset(
    Storefront, choices=StoreStatus.choices, needs_attention=needs_attention_q
)


class StorefrontIndexView(ReviewerOnly, ScreenIndexView):
    template_name = "marketplace_link/admin/storefront_index.html"
    page_title = gettext_lazy("Storefronts")
    no_match_message = gettext_lazy("No storefront matches.")
    empty_message = gettext_lazy(
        "No storefront yet: they appear here once an application is approved."
    )
    search_help = gettext_lazy("Trading name, applicant e-mail or marketplace store id.")

    def get_base_queryset(self):
        return storefronts_with_counts()

    def search_q(self, query: str) -> Q:
        return (
            Q(application__trading_name__icontains=query)
            | Q(application__applicant__email__icontains=query)
            | Q(marketplace_store_id=query)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.results_only:
            context["attention_count"] = (
                storefronts_with_counts().filter(needs_attention_q()).count()
            )
            context["attention_url"] = self.index_url + "?attention=on"
        return context


class StorefrontInspectView(ReviewerOnly, generic.InspectView):
    template_name = "marketplace_link/admin/storefront_inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(
            storefronts_with_counts().select_related("application__decided_by"), pk=self.pk
        )

    def get_page_title(self):
        return str(self.object)

    def get_page_subtitle(self):
        return _("Storefront")

    def get_fields_context(self):
        return []  # the template lays the facts out itself

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        storefront = self.object
        outbox = list(
            OutboxMessage.objects.filter(storefront=storefront)
            .select_related("product")
            .order_by("-created_at", "-pk")
        )
        failed = [m for m in outbox if m.status == OutboxMessage.Status.FAILED]
        # A failed suspension is not given up: provisioning keeps retrying it.
        suspension_retrying = [m for m in failed if m.kind == OutboxMessage.Kind.SUSPEND]
        context.update(
            storefront=storefront,
            application=storefront.application,
            listings=list(
                Listing.objects.filter(storefront=storefront)
                .select_related("product")
                .order_by("product__created_at", "pk")
            ),
            outbox=outbox,
            needs_attention=storefront.status == StoreStatus.NEEDS_ATTENTION or bool(failed),
            gave_up=storefront.status == StoreStatus.NEEDS_ATTENTION
            or len(failed) > len(suspension_retrying),
            suspension_retrying=bool(suspension_retrying),
        )
        return context


class RetryView(ReviewerOnly, View):
    """POST only: delivery to the marketplace starts again, with a fresh set of attempts."""

    http_method_names = ["post"]

    def post(self, request, pk: int):
        storefront = get_object_or_404(Storefront, pk=pk)
        # The retry (its ApplicationEvent included) and Wagtail's log entry commit together.
        with transaction.atomic():
            retried = storefront_retry(storefront, actor=request.user)
            # The status the retry left (read under its lock), not the one before it.
            log(
                storefront, LOG_STOREFRONT_RETRY, user=request.user, data={"status": retried.status}
            )
        messages.success(
            request, _("Delivery to the marketplace starts again, with a fresh set of attempts.")
        )
        return redirect(reverse("storefronts_admin:storefront", args=[storefront.pk]))


def _cell(name: str, template: str, label) -> TemplateColumn:
    return TemplateColumn(name, CELLS + template, label=label)


class StorefrontViewSet(ScreenViewSet):
    model = Storefront
    name = "storefronts"
    url_namespace = "storefronts_admin"
    icon = "site"
    inspect_url_name = "storefront"
    index_view_class = StorefrontIndexView
    inspect_view_class = StorefrontInspectView
    filterset_class = StorefrontFilterSet
    list_per_page = 50
    list_display = [
        _cell("application", "storefront_name_cell.html", gettext_lazy("Trading name")),
        _cell("status", "storefront_status_cell.html", gettext_lazy("Status")),
        _cell("marketplace_store_id", "store_cell.html", gettext_lazy("Marketplace store")),
        Column("pending_count", label=gettext_lazy("Outbox: pending")),
        _cell("failed_count", "failed_cell.html", gettext_lazy("Outbox: failed")),
        Column("order_count", label=gettext_lazy("Orders")),
        _cell("updated_at", "changed_cell.html", gettext_lazy("Changed")),
    ]

    def extra_urlpatterns(self):
        return [path("<int:pk>/retry/", RetryView.as_view(), name="retry")]
