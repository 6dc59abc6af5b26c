"""Provisioning storefronts at the marketplace through the outbox.

Writers (called inside the caller's transaction, each writes OutboxMessage rows and enqueues
their delivery on commit): ``storefront_create_for``, ``storefront_retry``, ``product_changed``,
``product_removed``, ``storefront_suspend``.

Delivery (``outbox_message_deliver``, run by the ``deliver_outbox`` task): claim the message
under a row lock with a lease, then run its steps. Each step is idempotent twice over: it carries
an Idempotency-Key derived from the message and its body, and the marketplace's creates are
create-or-find by our own external ids (the store's ``external_id``, the product's ``sku``).
Every marketplace id is stored the moment it is known, in its own small transaction, so a
delivery that dies half-way resumes from the first step not yet recorded.

Marketplace statuses that come back in API answers are applied only when no webhook was applied
meanwhile (the webhook's ``sequence`` is the better authority on ordering; see webhooks.py).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from lms.api import absolute_url
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
    deliver_outbox_task.apply_async_on_commit(args=[message.pk], countdown=countdown)


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
    """Staff's retry of a storefront: its failed messages, and pending ones still waiting for
    a retry (with no beat running, as in the embedded demo, nothing else would send them),
    start again now with fresh attempts and the same idempotency keys, so nothing is made
    twice."""
    with transaction.atomic():
        locked = Storefront.objects.select_for_update().get(pk=storefront.pk)
        failed = list(
            OutboxMessage.objects.select_for_update().filter(
                storefront=locked,
                status__in=[OutboxMessage.Status.FAILED, OutboxMessage.Status.PENDING],
            )
        )
        now = timezone.now()
        for message in failed:
            message.status = OutboxMessage.Status.PENDING
            message.attempts = 0
            message.not_before = now
            message.save(update_fields=["status", "attempts", "not_before"])
            _enqueue(message)
        never_provisioned = (
            not locked.marketplace_store_id
            and not locked.outbox.filter(
                kind=Kind.PROVISION, status=OutboxMessage.Status.PENDING
            ).exists()
        )
        if never_provisioned:
            _enqueue(OutboxMessage.objects.create(storefront=locked, kind=Kind.PROVISION))
        if locked.status == Status.NEEDS_ATTENTION:
            locked.status = _status_from_marketplace(locked)
            locked.status_reason = ""
            locked.save(update_fields=["status", "status_reason", "updated_at"])
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
) -> Storefront:
    """Suspend at once here, and at the marketplace through the outbox (with
    ``marketplace_reason`` if given: what the marketplace may show). Provisioning and syncs
    still pending are brought forward so they see the suspension and stop."""
    with transaction.atomic():
        locked = Storefront.objects.select_for_update().get(pk=storefront.pk)
        if locked.status == Status.SUSPENDED:
            return locked
        locked.status = Status.SUSPENDED
        locked.status_reason = reason
        locked.save(update_fields=["status", "status_reason", "updated_at"])
        now = timezone.now()
        stopping = list(
            locked.outbox.filter(status=OutboxMessage.Status.PENDING).exclude(kind=Kind.SUSPEND)
        )
        OutboxMessage.objects.filter(pk__in=[m.pk for m in stopping]).update(not_before=now)
        for message in stopping:
            _enqueue(message)
        message = OutboxMessage.objects.create(
            storefront=locked, kind=Kind.SUSPEND, payload={"reason": marketplace_reason or reason}
        )
        _enqueue(message)
        ApplicationEvent.objects.create(
            application_id=locked.application_id,
            action=ApplicationEvent.Action.SUSPENDED,
            actor=actor,
            message=reason,
        )
    return locked


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
        storefront.status = Status.LIVE
        storefront.status_reason = ""
        storefront.went_live_at = storefront.went_live_at or timezone.now()
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
    if message.attempts > settings.ISOKO_MARKETPLACE_MAX_ATTEMPTS:
        # Deliveries that never reported back (a worker killed every time): park it.
        return _give_up(message, message.last_error or "delivery never completed")
    own_client = client is None
    client = client or MarketplaceClient.from_settings()
    calls_before = client.calls
    try:
        cancelled = STEPS[message.kind](message, client)
    except NotReady as error:
        delay = settings.ISOKO_MARKETPLACE_RETRY_DELAY
        _reschedule(message, delay=delay, error=str(error), spend_attempt=False)
        return Outcome("waiting", delay, str(error))
    except PermanentError as error:
        if _is_suspended(message.storefront_id) and message.kind != Kind.SUSPEND:
            return _finish(message, cancelled="storefront suspended")
        return _give_up(message, str(error))
    except Exception as error:  # noqa: BLE001  (timeouts, 5xx, 429, and our own bugs: retried)
        text = (
            f"{type(error).__name__}: {error}"
            if not isinstance(error, RetryableError)
            else str(error)
        )
        if message.progress:
            # This delivery got some steps through before failing: the marketplace is working,
            # only flaky, so the count starts again (bounded: there are finitely many steps).
            message.attempts = 1
        if message.attempts >= settings.ISOKO_MARKETPLACE_MAX_ATTEMPTS:
            return _give_up(message, text)
        retry_after = getattr(error, "retry_after", None)
        delay = retry_delay(message.attempts, retry_after)
        _reschedule(message, delay=delay, error=text, spend_attempt=True)
        logger.info("outbox %s: attempt %s failed, retry in %.1fs: %s", message.pk,
                    message.attempts, delay, text)  # fmt: skip
        return Outcome("retry", delay, text)
    finally:
        _count_calls(message.pk, client.calls - calls_before)
        if own_client:
            client.close()
    return _finish(message, cancelled=cancelled)


def _claim(message_id: int) -> OutboxMessage | None:
    """Take the message under a row lock, count the attempt and lease it: until the lease runs
    out no other delivery (a duplicate task, the sweep) takes it. A killed delivery's lease
    runs out and the sweep hands the message on again."""
    now = timezone.now()
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(
                pk=message_id,
                status=OutboxMessage.Status.PENDING,
                not_before__lte=now + CLAIM_GRACE,
            )
            .first()
        )
        if message is None:
            return None
        message.attempts += 1
        message.not_before = now + timedelta(seconds=settings.ISOKO_MARKETPLACE_LEASE)
        message.save(update_fields=["attempts", "not_before"])
    message.progress = 0  # steps of this delivery that went through (see the retry above)
    return message


def _reschedule(message: OutboxMessage, *, delay: float, error: str, spend_attempt: bool) -> None:
    updates = {
        "not_before": timezone.now() + timedelta(seconds=delay),
        "last_error": error[:2000],
    }
    if spend_attempt:
        message.retries += 1
        updates["retries"] = message.retries
        updates["attempts"] = message.attempts
    else:
        message.attempts -= 1
        updates["attempts"] = message.attempts
    OutboxMessage.objects.filter(pk=message.pk, status=OutboxMessage.Status.PENDING).update(
        **updates
    )


def _count_calls(message_id: int, calls: int) -> None:
    if calls:
        from django.db.models import F

        OutboxMessage.objects.filter(pk=message_id).update(calls=F("calls") + calls)


def _finish(message: OutboxMessage, *, cancelled: str | None = None) -> Outcome:
    with transaction.atomic():
        updated = OutboxMessage.objects.filter(
            pk=message.pk, status=OutboxMessage.Status.PENDING
        ).update(
            status=OutboxMessage.Status.DONE,
            done_at=timezone.now(),
            last_error=f"cancelled: {cancelled}" if cancelled else "",
        )
        if updated and message.kind == Kind.PROVISION and not cancelled:
            ApplicationEvent.objects.create(
                application_id=message.storefront.application_id,
                action=ApplicationEvent.Action.PROVISIONED,
            )
    return Outcome("cancelled" if cancelled else "done", error=cancelled or "")


def _give_up(message: OutboxMessage, error: str) -> Outcome:
    """Bounded attempts are spent (or the marketplace refused outright): the message fails and
    its storefront needs attention, which staff see with a retry action."""
    with transaction.atomic():
        storefront = Storefront.objects.select_for_update().get(pk=message.storefront_id)
        OutboxMessage.objects.filter(pk=message.pk).update(
            status=OutboxMessage.Status.FAILED, last_error=error[:2000]
        )
        if storefront.status != Status.SUSPENDED:
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


def _is_suspended(storefront_id: int) -> bool:
    return Storefront.objects.filter(pk=storefront_id, status=Status.SUSPENDED).exists()


def _pending(storefront: Storefront, kind: str) -> bool:
    return storefront.outbox.filter(kind=kind, status=OutboxMessage.Status.PENDING).exists()


# -- remembering what the marketplace said, at once -------------------------------------------
def _remember_store(storefront_id: int, data: dict, *, sequence_seen: int) -> Storefront:
    with transaction.atomic():
        storefront = Storefront.objects.select_for_update().get(pk=storefront_id)
        storefront.marketplace_store_id = storefront.marketplace_store_id or data["id"]
        storefront.public_url = data.get("public_url") or storefront.public_url
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
    if not product_id:
        found = client.product_find(store_id, listing.product.sku)
        product_id = found["id"] if found else ""
    if not product_id:
        return "never listed"
    answer = client.product_delist(store_id, product_id, idempotency_key=_key(message, "delist"))
    _remember_listing(listing.pk, answer.data | {"id": product_id}, sequence_seen=-1)
    Listing.objects.filter(pk=listing.pk).update(status="DELISTED", status_reason="")
    return None


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
    """Pending messages whose time has come (the sweep hands them to the workers)."""
    return list(
        OutboxMessage.objects.filter(
            status=OutboxMessage.Status.PENDING, not_before__lte=timezone.now()
        )
        .order_by("not_before", "pk")
        .values_list("pk", flat=True)[:limit]
    )
