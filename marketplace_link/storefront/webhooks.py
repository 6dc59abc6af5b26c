"""Webhooks from the marketplace, at /marketplace/webhooks/ (signed, never a session).

Checks, in order: the HMAC over timestamp, method, path and body (400 and nothing written when it
is wrong), then the clock (more than ISOKO_MARKETPLACE_WEBHOOK_TOLERANCE seconds either way is
refused), then the event id: each event is recorded in WebhookEvent (unique event_id) in the same
transaction as its effect, so a replay or a duplicate delivery finds it and changes nothing.
Status changes carry a per-object ``sequence`` (required by the contract, at least 1; an event
without one is refused); one not above the last applied is ignored, so deliveries out of order
never take a storefront or listing back to an earlier state. DELISTED is final for a listing.

Rows are locked with FOR UPDATE OF the row itself, found by simple indexed lookups: a lock taken
through a join would also lock the application (or product) row, which a seller's edit locks
first, and the opposite order deadlocks.
"""

from __future__ import annotations

import hmac
import json
import logging
import time
import uuid
from datetime import UTC, datetime

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from marketplace_link.client import sign
from marketplace_link.models import Listing, Storefront, WebhookEvent
from marketplace_link.outbox import storefront_apply_marketplace_status

logger = logging.getLogger(__name__)
DELISTED = "DELISTED"


def _refuse(code: str, message: str) -> JsonResponse:
    return JsonResponse({"error": {"code": code, "message": message}}, status=400)


def signature_problem(request: HttpRequest, *, now: float | None = None) -> str | None:
    """None when the request is authentic and fresh, else an error code. The signature is
    checked before the clock, so "stale_timestamp" is only ever said to the key holder."""
    key_id = request.headers.get("X-Key-Id", "")
    timestamp = request.headers.get("X-Timestamp", "")
    given = request.headers.get("X-Signature", "")
    if not hmac.compare_digest(key_id.encode(), settings.ISOKO_MARKETPLACE_KEY_ID.encode()):
        return "bad_signature"
    # Headers arrive decoded as latin-1, so anything may be in them: ASCII digits only ("²" is
    # a digit to isdigit() but not to int()), and the HMACs compared as bytes (compare_digest
    # raises TypeError on a non-ASCII str).
    if not (timestamp.isascii() and timestamp.isdigit()) or not given:
        return "bad_signature"
    expected = sign(
        settings.ISOKO_MARKETPLACE_SECRET,
        timestamp,
        request.method,
        request.get_full_path(),
        request.body,
    )
    if not hmac.compare_digest(expected.encode(), given.strip().encode()):
        return "bad_signature"
    now = time.time() if now is None else now
    if abs(now - int(timestamp)) > settings.ISOKO_MARKETPLACE_WEBHOOK_TOLERANCE:
        return "stale_timestamp"
    return None


@csrf_exempt  # authenticated by its signature; there is no session or cookie to forge
@require_POST
def marketplace_webhook(request: HttpRequest) -> JsonResponse:
    problem = signature_problem(request)
    if problem:
        logger.warning("marketplace webhook refused: %s", problem)
        return _refuse(problem, "The signature is missing, wrong or too old.")
    try:
        event = json.loads(request.body)
        event_id, kind, data = str(event["id"]), str(event["type"]), event.get("data") or {}
    except (ValueError, KeyError, TypeError):
        return _refuse("invalid_body", "The body is not a webhook event.")
    if not isinstance(data, dict) or not event_id or len(event_id) > 100:
        return _refuse("invalid_body", "The body is not a webhook event.")
    if _outside_contract(kind, data, event):
        return _refuse("invalid_body", "A field of the event is outside the contract.")
    sequence = _sequence(event)
    if kind in SEQUENCED and sequence is None:
        # Without it the order check could not be made, and a late event would win.
        return _refuse("invalid_body", "A status event needs a sequence of at least 1.")
    applied = event_apply(event_id=event_id, kind=kind, data=data, event=event)
    return JsonResponse({"received": True, "duplicate": not applied})


def event_apply(*, event_id: str, kind: str, data: dict, event: dict) -> bool:
    """Record the event and apply it, together. Returns False for an event already seen."""
    with transaction.atomic():
        _, created = WebhookEvent.objects.get_or_create(
            event_id=event_id, defaults={"type": kind[:40], "payload": event}
        )
        if not created:
            return False
        handler = HANDLERS.get(kind)
        if handler is not None:
            handler(data, _sequence(event) or 0)
        else:
            logger.info("marketplace webhook %s: type %r not handled", event_id, kind)
    return True


# openapi.yaml, StoreStatus: the only values marketplace_status (20 characters) may take.
STORE_STATUSES = {"PENDING", "IN_REVIEW", "ACTIVE", "REJECTED", "SUSPENDED"}
# Ids the handlers look rows up by and may store (CharField(max_length=60) columns).
ID_FIELDS = ("store_id", "product_id", "sku", "external_id")
MAX_ID = 60


def _outside_contract(kind: str, data: dict, event) -> bool:
    """True for an event no column could take: signed is not the same as well formed, and a
    value that does not fit (a NUL, which PostgreSQL refuses in text; an unknown status longer
    than its column; an id of the wrong shape) must be a 400, not a 500 and a redelivery."""
    if _has_nul(event):
        return True
    for name in ID_FIELDS:
        value = data.get(name)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, str | int) or len(str(value)) > MAX_ID:
            return True
    if not isinstance(data.get("reason") or "", str):
        return True
    status = data.get("status")
    return kind == "store.status_changed" and (
        not isinstance(status, str) or status not in STORE_STATUSES
    )


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(item) for item in value)
    return False


def _sequence(event: dict) -> int | None:
    value = event.get("sequence")
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    return None


def _first_locked(model, lookups: list[tuple[str, object]]):
    """The row found by the first lookup that has a value and matches, locked FOR UPDATE OF
    the row only (see the module's docstring)."""
    rows = model.objects.select_for_update(of=("self",))
    for field, value in lookups:
        if value:
            row = rows.filter(**{field: value}).first()
            if row is not None:
                return row
    return None


def _locked_storefront(data: dict) -> Storefront | None:
    # By store id, else by our own external id: the webhook can beat our copy of the store id.
    return _first_locked(
        Storefront,
        [
            ("marketplace_store_id", str(data.get("store_id") or "")),
            ("application__public_id", _uuid_or_none(data.get("external_id"))),
        ],
    )


def _uuid_or_none(value) -> uuid.UUID | None:
    if not value:
        return None
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def _store_status_changed(data: dict, sequence: int) -> None:
    storefront = _locked_storefront(data)
    if storefront is None:
        return
    if sequence <= storefront.status_sequence:
        return  # an older change delivered late
    if data.get("store_id") and not storefront.marketplace_store_id:
        storefront.marketplace_store_id = data["store_id"]
    storefront.status_sequence = sequence
    storefront.save(update_fields=["marketplace_store_id", "status_sequence"])
    storefront_apply_marketplace_status(
        storefront, str(data.get("status", "")), str(data.get("reason") or "")
    )


def _locked_listing(data: dict) -> Listing | None:
    # By our sku, else by the marketplace's product id (the webhook can beat our copy of it).
    return _first_locked(
        Listing,
        [
            ("product__sku", str(data.get("sku") or "")),
            ("marketplace_product_id", str(data.get("product_id") or "")),
        ],
    )


def _listing_status(data: dict, sequence: int, status: str) -> None:
    """``status`` comes from the event's type, the part of the contract that says what
    happened; a ``status`` field in the data is not trusted over it."""
    listing = _locked_listing(data)
    if listing is None:
        return
    if listing.status == DELISTED:
        return  # final: a review finishing after the delisting must not bring it back
    if sequence <= listing.status_sequence:
        return
    if data.get("product_id") and not listing.marketplace_product_id:
        listing.marketplace_product_id = str(data["product_id"])
    listing.status_sequence = sequence
    listing.status = status
    # The reason is shown to the seller on their dashboard; empty when approved.
    listing.status_reason = str(data.get("reason") or "") if status == "REJECTED" else ""
    listing.save()


def _listing_approved(data: dict, sequence: int) -> None:
    _listing_status(data, sequence, "ACTIVE")


def _listing_rejected(data: dict, sequence: int) -> None:
    _listing_status(data, sequence, "REJECTED")


def _order_created(data: dict, sequence: int) -> None:
    storefront = _locked_storefront(data)
    if storefront is None:
        return
    at = _datetime(data.get("created_at")) or timezone.now()
    storefront.order_count += 1  # once per event id: duplicates stop at WebhookEvent
    if storefront.last_order_at is None or at > storefront.last_order_at:
        storefront.last_order_at = at
    storefront.save(update_fields=["order_count", "last_order_at", "updated_at"])


def _datetime(value) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if timezone.is_aware(parsed) else parsed.replace(tzinfo=UTC)


HANDLERS = {
    "store.status_changed": _store_status_changed,
    "listing.approved": _listing_approved,
    "listing.rejected": _listing_rejected,
    "order.created": _order_created,
}
# Events whose effect depends on their order: refused without a sequence.
SEQUENCED = {"store.status_changed", "listing.approved", "listing.rejected"}
