"""Programme-impact numbers that belong to marketplace_link: storefront applications, stores,
listings and orders (docs/impact.md).

From the same records the seller and the reviewers see: an application's audit trail
(ApplicationEvent "submitted" and "approved"), the store (``went_live_at``, set once, the first
time it went live; its current status), its listings, and the marketplace's "order.created"
webhook events (WebhookEvent, one row per order: the same rows that raised the store's
``order_count``). An order is dated by when its webhook was received and belongs to the store
the webhook handler gave it to (by the marketplace's store id, else by our external id). Four
queries, whatever the number of stores and orders.
"""

from __future__ import annotations

import uuid
from collections import Counter

from django.db.models import Count, F, Min, Q
from django.db.models.fields.json import KT
from django.db.models.functions import TruncMonth
from django.utils import timezone

from accounts.api import impact_bounds, impact_people_q, impact_period_q, month_key
from core.impact import ImpactFilter
from lms.api import impact_member_ids
from marketplace_link.models import (
    ApplicationEvent,
    Storefront,
    StorefrontApplication,
    WebhookEvent,
)

ORDER_EVENT = "order.created"
LISTED = "ACTIVE"  # a listing the marketplace approved (storefront/webhooks.py)
# The stores' statuses in the order the impact tables list them: (value, label).
STOREFRONT_STATUSES = [
    (Storefront.Status.LIVE, Storefront.Status.LIVE.label),
    (Storefront.Status.SUSPENDED, Storefront.Status.SUSPENDED.label),
    (Storefront.Status.PROVISIONING, Storefront.Status.PROVISIONING.label),
    (Storefront.Status.IN_REVIEW, Storefront.Status.IN_REVIEW.label),
    (Storefront.Status.NEEDS_ATTENTION, Storefront.Status.NEEDS_ATTENTION.label),
    (Storefront.Status.REJECTED, Storefront.Status.REJECTED.label),
]


def _uuid(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


def impact_storefronts(filters: ImpactFilter) -> dict:
    """The storefront stages of the funnel (distinct people: applied, approved, live,
    first_order), stores by current status, listings live, and went-live and orders by month."""
    people = impact_people_q(filters, "applicant__", members=impact_member_ids(filters))
    submitted = Q(events__action=ApplicationEvent.Action.SUBMITTED) & impact_period_q(
        filters, "events__at"
    )
    approved = Q(events__action=ApplicationEvent.Action.APPROVED) & impact_period_q(
        filters, "events__at"
    )
    live = Q(storefront__went_live_at__isnull=False) & impact_period_q(
        filters, "storefront__went_live_at"
    )
    funnel = StorefrontApplication.objects.filter(people).aggregate(
        applied=Count("applicant_id", distinct=True, filter=submitted),
        approved=Count("applicant_id", distinct=True, filter=approved),
        live=Count("applicant_id", distinct=True, filter=live),
    )

    store_people = impact_people_q(
        filters, "application__applicant__", members=impact_member_ids(filters)
    )
    stores = list(
        Storefront.objects.filter(store_people)
        .values(
            "pk",
            "status",
            "went_live_at",
            "marketplace_store_id",
            applicant=F("application__applicant_id"),
            external_id=F("application__public_id"),
        )
        .annotate(
            listed=Count(
                "listings",
                filter=Q(listings__status=LISTED, listings__product__removed_at__isnull=True),
            ),
        )
        .order_by()
    )
    by_status = Counter(store["status"] for store in stores)

    # Orders grouped in SQL by (store id, external id[, month]), each group then given to its
    # store as the webhook handler did. Groups are few (stores × months), whatever the orders.
    zone = timezone.get_default_timezone()
    events = WebhookEvent.objects.filter(type=ORDER_EVENT).annotate(
        store_id=KT("payload__data__store_id"), external_id=KT("payload__data__external_id")
    )
    by_store_id = {s["marketplace_store_id"]: s for s in stores if s["marketplace_store_id"]}
    by_external = {_uuid(s["external_id"]): s for s in stores}

    def store_of(group):
        return by_store_id.get(str(group["store_id"] or "")) or by_external.get(
            _uuid(group["external_id"])
        )

    first_order: dict[int, object] = {}
    for group in (
        events.values("store_id", "external_id").annotate(first=Min("received_at")).order_by()
    ):
        store = store_of(group)
        if store is not None and (
            store["pk"] not in first_order or group["first"] < first_order[store["pk"]]
        ):
            first_order[store["pk"]] = group["first"]
    orders_by_month: Counter[str] = Counter()
    for group in (
        events.filter(impact_period_q(filters, "received_at"))
        .annotate(month=TruncMonth("received_at", tzinfo=zone))
        .values("store_id", "external_id", "month")
        .annotate(orders=Count("pk"))
        .order_by()
    ):
        if store_of(group) is not None:
            orders_by_month[month_key(group["month"])] += group["orders"]
    start, end = impact_bounds(filters)

    def inside(at) -> bool:
        return at is not None and (start is None or at >= start) and (end is None or at < end)

    went_live_by_month: Counter[str] = Counter(
        month_key(timezone.localtime(store["went_live_at"], zone))
        for store in stores
        if inside(store["went_live_at"])
    )
    first_order_people = {
        store["applicant"] for store in stores if inside(first_order.get(store["pk"]))
    }
    return {
        "applied": funnel["applied"],
        "approved": funnel["approved"],
        "live": funnel["live"],
        "first_order": len(first_order_people),
        "by_status": dict(by_status),
        "storefronts_live": by_status.get(Storefront.Status.LIVE, 0),
        # Listed: approved by the marketplace, not removed, in a store that is live now.
        "products_listed": sum(
            store["listed"] for store in stores if store["status"] == Storefront.Status.LIVE
        ),
        "orders": sum(orders_by_month.values()),
        "orders_by_month": dict(orders_by_month),
        "went_live_by_month": dict(went_live_by_month),
    }
