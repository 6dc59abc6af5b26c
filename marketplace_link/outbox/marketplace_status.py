"""What the marketplace says a store is, turned into what we say it is (API answers and webhooks
alike), and the marketplace's ids and statuses remembered the moment they are known.

Marketplace statuses that come back in API answers are applied only when no webhook was applied
meanwhile (the webhook's ``sequence`` is the better authority on ordering; see
storefront/webhooks.py).
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone

from marketplace_link.models import Listing, OutboxMessage, Storefront

logger = logging.getLogger(__name__)
Kind = OutboxMessage.Kind
Status = Storefront.Status


def _suspended_by_us(storefront: Storefront) -> bool:
    return storefront.outbox.filter(kind=Kind.SUSPEND).exists()


def status_from_marketplace(storefront: Storefront) -> str:
    return {
        "ACTIVE": Status.LIVE,
        "IN_REVIEW": Status.IN_REVIEW,
        "REJECTED": Status.REJECTED,
        "SUSPENDED": Status.SUSPENDED,
    }.get(storefront.marketplace_status, Status.PROVISIONING)


def set_status(storefront: Storefront, status: str) -> None:
    """Every way into LIVE records when the store went live (the seller's dashboard shows it)."""
    storefront.status = status
    if status == Status.LIVE and storefront.went_live_at is None:
        storefront.went_live_at = timezone.now()


def storefront_apply_marketplace_status(storefront: Storefront, status: str, reason: str) -> None:
    """Set the marketplace's store status on a locked storefront, and ours from it. Two of our
    states stand: "needs attention" (until staff retry) and a suspension of our own (the
    marketplace confirming it, or an old ACTIVE, changes nothing)."""
    storefront.marketplace_status = status
    fields = ["marketplace_status", "status", "status_reason", "went_live_at", "updated_at"]
    if storefront.status == Status.NEEDS_ATTENTION:
        storefront.save(update_fields=fields)
        return
    if storefront.status == Status.SUSPENDED and _suspended_by_us(storefront):
        storefront.save(update_fields=fields)
        return
    if status == "ACTIVE":
        set_status(storefront, Status.LIVE)
        storefront.status_reason = ""
    elif status == "IN_REVIEW":
        storefront.status = Status.IN_REVIEW
    elif status in ("REJECTED", "SUSPENDED"):
        storefront.status = Status.REJECTED if status == "REJECTED" else Status.SUSPENDED
        storefront.status_reason = reason or storefront.status_reason
    storefront.save(update_fields=fields)


# -- remembering what the marketplace said, at once -------------------------------------------
def _web_url(value) -> str:
    """The store's public_url is a link in our pages: only an http(s) URL that fits is taken.
    Anything else (javascript:, data:) breaks the contract and is not stored."""
    if not value or not isinstance(value, str):
        return ""
    url = urlsplit(value)
    if url.scheme not in ("http", "https") or not url.netloc or len(value) > 200:
        logger.warning("marketplace sent an unusable public_url: %r", value[:200])
        return ""
    return value


def remember_store(storefront_id: int, data: dict, *, sequence_seen: int) -> Storefront:
    with transaction.atomic():
        storefront = Storefront.objects.select_for_update().get(pk=storefront_id)
        storefront.marketplace_store_id = storefront.marketplace_store_id or data["id"]
        storefront.public_url = _web_url(data.get("public_url")) or storefront.public_url
        storefront.save(update_fields=["marketplace_store_id", "public_url", "updated_at"])
        if storefront.status_sequence == sequence_seen and data.get("status"):
            storefront_apply_marketplace_status(
                storefront, data["status"], data.get("status_reason", "")
            )
    return storefront


def remember_listing(listing_id: int, data: dict, *, sequence_seen: int) -> None:
    with transaction.atomic():
        listing = Listing.objects.select_for_update().get(pk=listing_id)
        listing.marketplace_product_id = listing.marketplace_product_id or data["id"]
        listing.synced_at = timezone.now()
        if listing.status_sequence == sequence_seen and data.get("status"):
            listing.status = data["status"]
            listing.status_reason = data.get("status_reason", "")
        listing.save()
