"""Provisioning storefronts at the marketplace through the outbox.

Writers (called inside the caller's transaction, each writes OutboxMessage rows and enqueues
their delivery on commit): ``storefront_create_for``, ``storefront_retry``, ``product_changed``,
``product_removed``, ``storefront_suspend``.

Delivery (``outbox_message_deliver``, run by the ``deliver_outbox`` task, or in-process by the
``marketplace_outbox_loop`` command where there is no broker): claim the message with a lease and
a claim token, then run its steps; the outcome is written only while the token is still the
delivery's own. Each step is idempotent twice over: it carries
an Idempotency-Key derived from the message and its body, and the marketplace's creates are
create-or-find by our own external ids (the store's ``external_id``, the product's ``sku``).
Every marketplace id is stored the moment it is known, in its own small transaction, so a
delivery that dies half-way resumes from the first step not yet recorded.

Failures: a 429, or a 5xx with Retry-After (the marketplace pacing us), waits without counting
as an attempt. Other failures count; a message is parked (failed, for staff) only after
ISOKO_MARKETPLACE_MAX_ATTEMPTS attempts *and* ISOKO_MARKETPLACE_GIVE_UP_AFTER seconds of failing,
so an outage of a few hours parks nothing. A suspension is never parked: past the bound it is
shown to staff as failed and keeps being retried at the longest delay.

Marketplace statuses that come back in API answers are applied only when no webhook was applied
meanwhile (the webhook's ``sequence`` is the better authority on ordering; see webhooks.py).
"""

from __future__ import annotations

import logging
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone, translation

from core.links import absolute_url
from marketplace_link.choices import DISTRICTS, Sector
from marketplace_link.client import (
    MarketplaceClient,
    PermanentError,
    RetryableError,
    body_digest,
)
from marketplace_link.models import (
    ApplicationEvent,
    Listing,
    OutboxMessage,
    Product,
    Storefront,
    StorefrontApplication,
)
from marketplace_link.tasks import deliver_outbox_task, retry_delay

logger = logging.getLogger(__name__)
Kind = OutboxMessage.Kind
Status = Storefront.Status
# A task may fire a little before its message's not_before (countdown rounding, clock reads).
CLAIM_GRACE = timedelta(seconds=1)
# DELISTED is final at the marketplace (openapi.yaml): no later listing event may change it.
FINAL_SEQUENCE = 2**63 - 1
# An attempt number whose backoff is the capped, longest one (retry_delay).
LONGEST = 64


class NotReady(Exception):
    """The message must wait for another one (a store not created yet): try later, without
    spending an attempt."""


# ---------------------------------------------------------------------------------------------
# What we send
# ---------------------------------------------------------------------------------------------
def _url(file) -> str:
    return absolute_url(file.url) if file else ""


def district_name(code: str) -> str:
    return dict(DISTRICTS).get(code, code)


def sector_name(code: str) -> str:
    with translation.override("en"):
        return str(dict(Sector.choices).get(code, code))


def store_payload(application: StorefrontApplication) -> dict:
    data = {
        "external_id": str(application.public_id),
        "trading_name": application.trading_name or application.legal_name,
        "legal_name": application.legal_name,
        "registration_number": application.registration_number,
        "tin": application.tin,
        # The marketplace shows what we send: names, not our codes (district names are never
        # translated; sectors go in English, the contract's language).
        "district": district_name(application.district),
        "sector": sector_name(application.sector),
        "contact_phone": application.contact_phone,
        "contact_email": application.contact_email,
        "description": {
            "en": application.description_en,
            "fr": application.description_fr,
            "zh": application.description_zh,
        },
    }
    if application.logo:
        data["logo_url"] = _url(application.logo)
    if application.banner:
        data["banner_url"] = _url(application.banner)
    return data


def product_payload(product: Product) -> dict:
    return {
        "sku": product.sku,
        "title": product.title,
        "description": product.description,
        "category": sector_name(product.category),
        "price": {"rwf": product.price_rwf, "usd": f"{product.price_usd:.2f}"},
        "min_order_quantity": product.min_order_quantity,
        "stock": product.stock,
        "unit": product.unit,
        "hs_code": product.hs_code,
        "origin_district": district_name(product.origin_district),
        "image_urls": [_url(image.image) for image in product.images.all()],
        "certifications": list(product.certifications),
    }


# ---------------------------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------------------------
def _require_atomic() -> None:
    # The outbox row must commit (or roll back) with the change that needs it.
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Outbox writers run inside the caller's transaction.")


def _enqueue(message: OutboxMessage, countdown: float = 0) -> None:
    _enqueue_id(message.pk, countdown)


def _enqueue_id(message_id: int, countdown: float = 0) -> None:
    deliver_outbox_task.apply_async_on_commit(args=[message_id], countdown=countdown)


def _not_leased(now: datetime) -> Q:
    return Q(leased_until__isnull=True) | Q(leased_until__lte=now)


def storefront_create_for(application: StorefrontApplication) -> Storefront:
    """Approval's side of provisioning: the storefront, a listing per product and the PROVISION
    message, in the approval's transaction; delivery starts once it commits. Calling it again
    for the same application returns the storefront already made."""
    _require_atomic()
    existing = Storefront.objects.filter(application=application).first()
    if existing is not None:
        return existing
    storefront = Storefront.objects.create(application=application)
    Listing.objects.bulk_create(
        Listing(product=product, storefront=storefront)
        for product in application.products.filter(removed_at__isnull=True)
    )
    _enqueue(OutboxMessage.objects.create(storefront=storefront, kind=Kind.PROVISION))
    return storefront


def storefront_retry(storefront: Storefront, *, actor) -> Storefront:
    """Staff's retry of a storefront: its failed messages, and pending ones waiting for a retry
    (with no beat running nothing else might send them soon), start again now with fresh
    attempts and the same idempotency keys, so nothing is made twice. A message a delivery is
    running (under lease) is left to it: resetting it would start a second delivery alongside."""
    with transaction.atomic():
        locked = Storefront.objects.select_for_update().get(pk=storefront.pk)
        now = timezone.now()
        waiting = OutboxMessage.objects.filter(
            _not_leased(now),
            storefront=locked,
            status__in=[OutboxMessage.Status.FAILED, OutboxMessage.Status.PENDING],
        )
        ids = list(waiting.values_list("pk", flat=True))
        # A lease that ran out belonged to a delivery that died: its token goes with it.
        OutboxMessage.objects.filter(_not_leased(now), pk__in=ids).update(
            status=OutboxMessage.Status.PENDING,
            attempts=0,
            not_before=now,
            retrying_since=None,
            leased_until=None,
            claim_token=None,
        )
        for message_id in ids:
            _enqueue_id(message_id)
        never_provisioned = (
            not locked.marketplace_store_id
            and not locked.outbox.filter(
                kind=Kind.PROVISION, status=OutboxMessage.Status.PENDING
            ).exists()
        )
        if never_provisioned:
            _enqueue(OutboxMessage.objects.create(storefront=locked, kind=Kind.PROVISION))
        if locked.status == Status.NEEDS_ATTENTION:
            _set_status(locked, _status_from_marketplace(locked))
            locked.status_reason = ""
            locked.save(update_fields=["status", "status_reason", "went_live_at", "updated_at"])
        ApplicationEvent.objects.create(
            application_id=locked.application_id,
            action=ApplicationEvent.Action.RETRIED,
            actor=actor,
        )
    return locked


def product_changed(product: Product) -> OutboxMessage | None:
    """A product edited after approval: sync it once the edits have been quiet for
    ISOKO_MARKETPLACE_SYNC_DELAY seconds (every edit restarts the wait)."""
    with transaction.atomic():
        storefront = Storefront.objects.filter(application_id=product.application_id).first()
        if storefront is None or storefront.status == Status.SUSPENDED or product.removed_at:
            return None  # not approved yet (provisioning sends it as it is then), or withdrawn
        Listing.objects.get_or_create(product=product, defaults={"storefront": storefront})
        due = timezone.now() + timedelta(seconds=settings.ISOKO_MARKETPLACE_SYNC_DELAY)
        # Only a message no delivery has started may be pushed back: one already started may
        # have read the product before this edit, so the edit gets a message of its own.
        message = (
            OutboxMessage.objects.select_for_update()
            .filter(
                product=product,
                kind=Kind.SYNC_PRODUCT,
                status=OutboxMessage.Status.PENDING,
                attempts=0,
            )
            .first()
        )
        if message is None:
            message = OutboxMessage.objects.create(
                storefront=storefront, kind=Kind.SYNC_PRODUCT, product=product, not_before=due
            )
        else:
            message.not_before = due
            message.save(update_fields=["not_before"])
        _enqueue(message, countdown=settings.ISOKO_MARKETPLACE_SYNC_DELAY)
    return message


def product_removed(product: Product) -> OutboxMessage | None:
    """A product withdrawn by its seller: delist it at the marketplace."""
    with transaction.atomic():
        if product.removed_at is None:
            product.removed_at = timezone.now()
            product.save(update_fields=["removed_at", "updated_at"])
        OutboxMessage.objects.filter(
            product=product, kind=Kind.SYNC_PRODUCT, status=OutboxMessage.Status.PENDING, attempts=0
        ).update(status=OutboxMessage.Status.DONE, done_at=timezone.now(), last_error="superseded")
        listing = Listing.objects.filter(product=product).select_related("storefront").first()
        if listing is None:
            return None
        message = OutboxMessage.objects.create(
            storefront=listing.storefront, kind=Kind.DELIST_PRODUCT, product=product
        )
        _enqueue(message)
    return message


def storefront_suspend(
    storefront: Storefront, *, reason: str, actor=None, marketplace_reason: str | None = None
) -> bool:
    """Suspend at once here, and at the marketplace through the outbox (with
    ``marketplace_reason`` if given: what the marketplace may show). Provisioning and syncs
    waiting for a retry are brought forward so they see the suspension and stop (one being
    delivered checks between its steps). Returns False when the storefront was already
    suspended: nothing changed, so nobody needs telling again."""
    with transaction.atomic():
        locked = Storefront.objects.select_for_update().get(pk=storefront.pk)
        if locked.status == Status.SUSPENDED:
            return False
        locked.status = Status.SUSPENDED
        locked.status_reason = reason
        locked.suspension_notified_at = None  # a new suspension: its notice is still to send
        locked.save(
            update_fields=["status", "status_reason", "suspension_notified_at", "updated_at"]
        )
        now = timezone.now()
        stopping = locked.outbox.filter(_not_leased(now), status=OutboxMessage.Status.PENDING)
        stopping = stopping.exclude(kind=Kind.SUSPEND)
        ids = list(stopping.values_list("pk", flat=True))
        OutboxMessage.objects.filter(_not_leased(now), pk__in=ids).update(not_before=now)
        for message_id in ids:
            _enqueue_id(message_id)
        message = OutboxMessage.objects.create(
            storefront=locked,
            kind=Kind.SUSPEND,
            # The contract's limit: a longer reason would be refused for good (400).
            payload={"reason": (marketplace_reason or reason)[:5000]},
        )
        _enqueue(message)
        ApplicationEvent.objects.create(
            application_id=locked.application_id,
            action=ApplicationEvent.Action.SUSPENDED,
            actor=actor,
            message=reason,
        )
    return True


# ---------------------------------------------------------------------------------------------
# Marketplace status → storefront status (API answers and webhooks alike)
# ---------------------------------------------------------------------------------------------
def _suspended_by_us(storefront: Storefront) -> bool:
    return storefront.outbox.filter(kind=Kind.SUSPEND).exists()


def _status_from_marketplace(storefront: Storefront) -> str:
    return {
        "ACTIVE": Status.LIVE,
        "IN_REVIEW": Status.IN_REVIEW,
        "REJECTED": Status.REJECTED,
        "SUSPENDED": Status.SUSPENDED,
    }.get(storefront.marketplace_status, Status.PROVISIONING)


def _set_status(storefront: Storefront, status: str) -> None:
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
        _set_status(storefront, Status.LIVE)
        storefront.status_reason = ""
    elif status == "IN_REVIEW":
        storefront.status = Status.IN_REVIEW
    elif status in ("REJECTED", "SUSPENDED"):
        storefront.status = Status.REJECTED if status == "REJECTED" else Status.SUSPENDED
        storefront.status_reason = reason or storefront.status_reason
    storefront.save(update_fields=fields)


# ---------------------------------------------------------------------------------------------
# Delivery
# ---------------------------------------------------------------------------------------------
@dataclass
class Outcome:
    result: str  # done | cancelled | retry | waiting | failed | skipped
    delay: float = 0.0
    error: str = ""


def outbox_message_deliver(*, message_id: int, client: MarketplaceClient | None = None) -> Outcome:
    """Deliver one message once. The caller (the task) re-enqueues on ``retry``/``waiting``."""
    message = _claim(message_id)
    if message is None:
        return Outcome("skipped")
    return outbox_claimed_deliver(message, client=client)


def outbox_claimed_deliver(
    message: OutboxMessage, *, client: MarketplaceClient | None = None
) -> Outcome:
    """Run the steps of a message this delivery has claimed (``_claim``), and write the outcome
    under its claim token."""
    made = message.attempts - 1  # before this one, which has not failed yet
    if message.lost and message.kind != Kind.SUSPEND and _exhausted(message, made=made):
        # Deliveries that never reported back (a worker killed every time): park it.
        return _give_up(message, message.last_error)
    own_client = client is None
    client = client or MarketplaceClient.from_settings()
    calls_before = client.calls
    try:
        cancelled = STEPS[message.kind](message, client)
    except NotReady as error:
        message.attempts -= 1  # waiting for another message is not an attempt
        delay = settings.ISOKO_MARKETPLACE_RETRY_DELAY
        return _reschedule(message, "waiting", delay=delay, error=str(error))
    except PermanentError as error:
        reason = _cancelled_meanwhile(message)
        if reason:
            return _finish(message, cancelled=reason)
        return _fail(message, str(error))
    except Exception as error:  # noqa: BLE001  (timeouts, 5xx, 429, and our own bugs: retried)
        return _retry(message, error)
    finally:
        _count_calls(message.pk, client.calls - calls_before)
        if own_client:
            client.close()
    return _finish(message, cancelled=cancelled)


def _paced(error: Exception) -> bool:
    """The marketplace asked us to come back later (a 429, or a 5xx with Retry-After): that
    spends no attempt, else a rate limit or a planned maintenance would park our messages."""
    if not isinstance(error, RetryableError) or error.status is None:
        return False
    return error.status == 429 or (error.status >= 500 and error.retry_after is not None)


def _exhausted(message: OutboxMessage, *, made: int | None = None) -> bool:
    """The bound is attempts *and* time. ISOKO_MARKETPLACE_MAX_ATTEMPTS alone, with the backoff
    capped at 15 minutes, parks everything after 26 to 51 minutes of outage."""
    made = message.attempts if made is None else made
    if made < settings.ISOKO_MARKETPLACE_MAX_ATTEMPTS:
        return False
    now = timezone.now()
    since = message.retrying_since or now
    return (now - since).total_seconds() >= settings.ISOKO_MARKETPLACE_GIVE_UP_AFTER


def _retry(message: OutboxMessage, error: Exception) -> Outcome:
    text = str(error) if isinstance(error, RetryableError) else f"{type(error).__name__}: {error}"
    now = timezone.now()
    if message.progress:
        # This delivery got some steps through before failing: the marketplace is working,
        # only flaky, so the count starts again (bounded: there are finitely many steps).
        message.attempts = 1
        message.retrying_since = now
    message.retrying_since = message.retrying_since or now
    message.retries += 1
    if _paced(error):
        message.attempts -= 1
    elif _exhausted(message):
        return _fail(message, text)
    failing_for = (now - message.retrying_since).total_seconds()
    delay = retry_delay(message.attempts, getattr(error, "retry_after", None), failing_for)
    logger.info("outbox %s: attempt %s failed, retry in %.1fs: %s", message.pk,
                message.attempts, delay, text)  # fmt: skip
    return _reschedule(message, "retry", delay=delay, error=text)


def _claim(message_id: int) -> OutboxMessage | None:
    """Take the message if it is due and no delivery holds it: count the attempt, lease it, and
    give it a new claim token, in one conditional UPDATE (a compare-and-set on the token, so it
    is race-free on SQLite too, where there are no row locks). Until the lease runs out no other
    delivery (a duplicate task, the sweep, staff's retry) touches it; a killed delivery's lease
    runs out and the message is handed on, counted as an attempt that failed."""
    now = timezone.now()
    due = _deliverable() & _not_leased(now) & Q(pk=message_id, not_before__lte=now + CLAIM_GRACE)
    seen = OutboxMessage.objects.filter(due).values("claim_token", "leased_until").first()
    if seen is None:
        return None
    lost = seen["leased_until"] is not None  # the last delivery never reported back
    updates = {
        "attempts": F("attempts") + 1,
        "leased_until": now + timedelta(seconds=settings.ISOKO_MARKETPLACE_LEASE),
        "claim_token": uuid.uuid4(),
    }
    if lost:
        updates["retrying_since"] = Coalesce(F("retrying_since"), now)
        updates["last_error"] = "a delivery never reported back (its worker was killed?)"
    if not OutboxMessage.objects.filter(due, claim_token=seen["claim_token"]).update(**updates):
        return None  # another delivery claimed it first
    message = OutboxMessage.objects.select_related("storefront").get(pk=message_id)
    message.lost = lost
    message.progress = 0  # steps of this delivery that went through (see _retry)
    return message


def _deliverable() -> Q:
    # A failed suspension is still delivered (see _fail).
    return Q(status=OutboxMessage.Status.PENDING) | Q(
        status=OutboxMessage.Status.FAILED, kind=Kind.SUSPEND
    )


def _mine(message: OutboxMessage):
    """The message, if this delivery still holds it: its outcome is written through this."""
    return OutboxMessage.objects.filter(pk=message.pk, claim_token=message.claim_token)


RELEASE = {"leased_until": None, "claim_token": None}


def _reschedule(message: OutboxMessage, result: str, *, delay: float, error: str) -> Outcome:
    written = _mine(message).update(
        not_before=timezone.now() + timedelta(seconds=delay),
        last_error=error[:2000],
        attempts=max(message.attempts, 0),
        retries=message.retries,
        retrying_since=message.retrying_since,
        **RELEASE,
    )
    if not written:
        return Outcome("skipped", error="the claim was lost")
    return Outcome(result, delay, error)


def _count_calls(message_id: int, calls: int) -> None:
    if calls:
        OutboxMessage.objects.filter(pk=message_id).update(calls=F("calls") + calls)


def _finish(message: OutboxMessage, *, cancelled: str | None = None) -> Outcome:
    with transaction.atomic():
        written = _mine(message).update(
            status=OutboxMessage.Status.DONE,
            done_at=timezone.now(),
            last_error=f"cancelled: {cancelled}" if cancelled else "",
            **RELEASE,
        )
        if not written:
            return Outcome("skipped", error="the claim was lost")
        if message.kind == Kind.PROVISION and not cancelled:
            ApplicationEvent.objects.create(
                application_id=message.storefront.application_id,
                action=ApplicationEvent.Action.PROVISIONED,
            )
    return Outcome("cancelled" if cancelled else "done", error=cancelled or "")


def _fail(message: OutboxMessage, error: str) -> Outcome:
    if message.kind == Kind.SUSPEND:
        return _keep_failing(message, error)
    return _give_up(message, error)


def _give_up(message: OutboxMessage, error: str) -> Outcome:
    """The bound is reached (or the marketplace refused outright): the message fails, and staff
    see it (failed count, "needs attention") with a retry action. Only a failed provisioning
    makes the storefront "need attention": a failed sync or delisting leaves a live store in
    the showcase."""
    with transaction.atomic():
        storefront = Storefront.objects.select_for_update().get(pk=message.storefront_id)
        written = _mine(message).update(
            status=OutboxMessage.Status.FAILED,
            last_error=error[:2000],
            attempts=message.attempts,
            retries=message.retries,
            **RELEASE,
        )
        if not written:
            return Outcome("skipped", error="the claim was lost")
        if message.kind == Kind.PROVISION and storefront.status != Status.SUSPENDED:
            storefront.status = Status.NEEDS_ATTENTION
            storefront.status_reason = f"{message.get_kind_display()}: {error}"[:2000]
            storefront.save(update_fields=["status", "status_reason", "updated_at"])
        ApplicationEvent.objects.create(
            application_id=storefront.application_id,
            action=ApplicationEvent.Action.NEEDS_ATTENTION,
            message=f"{message.get_kind_display()}: {error}"[:2000],
        )
    logger.warning("outbox %s failed after %s attempts: %s", message.pk, message.attempts, error)
    return Outcome("failed", error=error)


def _keep_failing(message: OutboxMessage, error: str) -> Outcome:
    """A suspension is never parked: a revoked seller's store must not stay on sale because the
    marketplace was down, or refused once. Past the bound it is shown to staff as failed (the
    failed count, the audit trail) and retried at the longest delay until it goes through."""
    delay = retry_delay(LONGEST)
    with transaction.atomic():
        written = _mine(message).update(
            status=OutboxMessage.Status.FAILED,
            last_error=error[:2000],
            not_before=timezone.now() + timedelta(seconds=delay),
            # Held at the bound: later failures are not counted.
            attempts=min(message.attempts, settings.ISOKO_MARKETPLACE_MAX_ATTEMPTS),
            retries=message.retries,
            retrying_since=message.retrying_since,
            **RELEASE,
        )
        if not written:
            return Outcome("skipped", error="the claim was lost")
        if message.status != OutboxMessage.Status.FAILED:  # told once, not at every retry
            ApplicationEvent.objects.create(
                application_id=message.storefront.application_id,
                action=ApplicationEvent.Action.NEEDS_ATTENTION,
                message=f"{message.get_kind_display()}: {error}"[:2000],
            )
    logger.warning("outbox %s (suspend) failing, retry in %.0fs: %s", message.pk, delay, error)
    return Outcome("retry", delay, error)


def _cancelled_meanwhile(message: OutboxMessage) -> str | None:
    """A refusal explained by a change made while the message was being delivered (the store
    suspended, the product removed: the marketplace answers 409) cancels it, not fails it."""
    if message.kind != Kind.SUSPEND and _is_suspended(message.storefront_id):
        return "storefront suspended"
    if (
        message.kind == Kind.SYNC_PRODUCT
        and Product.objects.filter(pk=message.product_id, removed_at__isnull=False).exists()
    ):
        return "product removed"
    return None


def _is_suspended(storefront_id: int) -> bool:
    return Storefront.objects.filter(pk=storefront_id, status=Status.SUSPENDED).exists()


def _pending(storefront: Storefront, kind: str) -> bool:
    return storefront.outbox.filter(kind=kind, status=OutboxMessage.Status.PENDING).exists()


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


def _remember_store(storefront_id: int, data: dict, *, sequence_seen: int) -> Storefront:
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


def _remember_listing(listing_id: int, data: dict, *, sequence_seen: int) -> None:
    with transaction.atomic():
        listing = Listing.objects.select_for_update().get(pk=listing_id)
        listing.marketplace_product_id = listing.marketplace_product_id or data["id"]
        listing.synced_at = timezone.now()
        if listing.status_sequence == sequence_seen and data.get("status"):
            listing.status = data["status"]
            listing.status_reason = data.get("status_reason", "")
        listing.save()


# -- the steps ------------------------------------------------------------------------------
def _key(message: OutboxMessage, *parts: str) -> str:
    return ":".join([str(message.key), *parts])


def _provision(message: OutboxMessage, client: MarketplaceClient) -> str | None:
    storefront = Storefront.objects.select_related("application").get(pk=message.storefront_id)
    if storefront.status == Status.SUSPENDED:
        return "storefront suspended"
    # 1. The store, create-or-find by external_id.
    if not storefront.marketplace_store_id:
        data = store_payload(storefront.application)
        seen = storefront.status_sequence
        answer = client.store_create(
            data, idempotency_key=_key(message, "store", body_digest(data))
        )
        storefront = _remember_store(storefront.pk, answer.data, sequence_seen=seen)
        message.progress += 1
    store_id = storefront.marketplace_store_id
    # 2. Each product not yet known there, create-or-find by sku. Read one at a time, fresh,
    # so a product withdrawn (or the store suspended) meanwhile is not sent.
    todo = Listing.objects.filter(storefront=storefront, marketplace_product_id="")
    for listing_id in list(todo.values_list("pk", flat=True)):
        listing = Listing.objects.select_related("product").get(pk=listing_id)
        if listing.marketplace_product_id or listing.product.removed_at:
            continue
        if _is_suspended(storefront.pk):
            return "storefront suspended"
        data = product_payload(listing.product)
        answer = client.product_create(
            store_id,
            data,
            idempotency_key=_key(message, "product", listing.product.sku, body_digest(data)),
        )
        _remember_listing(listing.pk, answer.data, sequence_seen=listing.status_sequence)
        message.progress += 1
    # 3. Ask for go-live. The store goes IN_REVIEW, then ACTIVE by webhook.
    if _is_suspended(storefront.pk):
        return "storefront suspended"
    seen = Storefront.objects.get(pk=storefront.pk).status_sequence
    answer = client.store_publish(store_id, idempotency_key=_key(message, "publish"))
    with transaction.atomic():
        locked = Storefront.objects.select_for_update().get(pk=storefront.pk)
        if locked.status == Status.PROVISIONING:
            locked.status = Status.IN_REVIEW
            locked.save(update_fields=["status", "updated_at"])
        if locked.status_sequence == seen and answer.data.get("status") not in (None, "PENDING"):
            storefront_apply_marketplace_status(
                locked, answer.data["status"], answer.data.get("status_reason", "")
            )
    return None


def _store_id_or_wait(storefront: Storefront) -> str:
    if storefront.marketplace_store_id:
        return storefront.marketplace_store_id
    if _pending(storefront, Kind.PROVISION):
        raise NotReady("the store is not created at the marketplace yet")
    return ""


def _sync_product(message: OutboxMessage, client: MarketplaceClient) -> str | None:
    listing = Listing.objects.select_related("storefront", "product").get(
        product_id=message.product_id
    )
    if listing.storefront.status == Status.SUSPENDED:
        return "storefront suspended"
    if listing.product.removed_at:
        return "product removed"
    store_id = _store_id_or_wait(listing.storefront)
    if not store_id:
        return "the store was never created"
    data = product_payload(listing.product)
    digest = body_digest(data)
    if not listing.marketplace_product_id:
        answer = client.product_create(
            store_id, data, idempotency_key=_key(message, "product", listing.product.sku, digest)
        )
        _remember_listing(listing.pk, answer.data, sequence_seen=listing.status_sequence)
        message.progress += 1
        if answer.created:
            return None  # made with the current data: nothing to update
        listing.refresh_from_db()
    data.pop("sku")
    answer = client.product_update(
        store_id,
        listing.marketplace_product_id,
        data,
        idempotency_key=_key(message, "update", digest),
    )
    _remember_listing(listing.pk, answer.data, sequence_seen=listing.status_sequence)
    return None


def _delist_product(message: OutboxMessage, client: MarketplaceClient) -> str | None:
    listing = (
        Listing.objects.select_related("storefront", "product")
        .filter(product_id=message.product_id)
        .first()
    )
    if listing is None:
        return "no listing"
    store_id = _store_id_or_wait(listing.storefront)
    if not store_id:
        return "the store was never created"
    product_id = listing.marketplace_product_id
    if not product_id and _creating(listing):
        # Not listed yet as far as we know, but a delivery may be creating it right now: a
        # "never listed" now would leave it on sale once that delivery is done.
        raise NotReady("the product may still be being created")
    if not product_id:
        found = client.product_find(store_id, listing.product.sku)
        product_id = found["id"] if found else ""
    if not product_id:
        return "never listed"
    client.product_delist(store_id, product_id, idempotency_key=_key(message, "delist"))
    with transaction.atomic():
        locked = Listing.objects.select_for_update().get(pk=listing.pk)
        locked.marketplace_product_id = locked.marketplace_product_id or product_id
        locked.status, locked.status_reason = "DELISTED", ""
        locked.status_sequence = FINAL_SEQUENCE
        locked.synced_at = timezone.now()
        locked.save()
    return None


def _creating(listing: Listing) -> bool:
    """A provisioning of the store, or a started sync of this product, is still pending."""
    pending = listing.storefront.outbox.filter(status=OutboxMessage.Status.PENDING)
    return pending.filter(
        Q(kind=Kind.PROVISION)
        | Q(kind=Kind.SYNC_PRODUCT, product_id=listing.product_id, attempts__gt=0)
    ).exists()


def _suspend(message: OutboxMessage, client: MarketplaceClient) -> str | None:
    storefront = Storefront.objects.select_related("application").get(pk=message.storefront_id)
    store_id = storefront.marketplace_store_id
    if not store_id:
        found = client.store_find(str(storefront.application.public_id))
        if found:
            storefront = _remember_store(storefront.pk, found, sequence_seen=-1)
            store_id = found["id"]
        elif _pending(storefront, Kind.PROVISION):
            # A provisioning delivery may be creating the store right now: let it stop first.
            raise NotReady("provisioning is still stopping")
        else:
            return "the store was never created"
    seen = storefront.status_sequence
    answer = client.store_suspend(
        store_id,
        reason=message.payload.get("reason") or "suspended",
        idempotency_key=_key(message, "suspend"),
    )
    _remember_store(storefront.pk, answer.data, sequence_seen=seen)
    return None


STEPS = {
    Kind.PROVISION: _provision,
    Kind.SYNC_PRODUCT: _sync_product,
    Kind.DELIST_PRODUCT: _delist_product,
    Kind.SUSPEND: _suspend,
}


def outbox_due(limit: int = 500) -> list[int]:
    """Messages whose time has come and that no delivery holds (the sweep hands them to the
    workers; the embedded loop delivers them itself)."""
    now = timezone.now()
    return list(
        OutboxMessage.objects.filter(_deliverable(), _not_leased(now), not_before__lte=now)
        .order_by("not_before", "pk")
        .values_list("pk", flat=True)[:limit]
    )


def outbox_deliver_due(*, client: MarketplaceClient | None = None) -> Counter:
    """Deliver every due message here and now, one after the other: the embedded demo's loop
    (no broker, no beat; see the marketplace_outbox_loop command). Returns the outcomes."""
    results: Counter = Counter()
    own_client = client is None
    client = client or MarketplaceClient.from_settings()
    try:
        for message_id in outbox_due():
            results[outbox_message_deliver(message_id=message_id, client=client).result] += 1
    finally:
        if own_client:
            client.close()
    return results
