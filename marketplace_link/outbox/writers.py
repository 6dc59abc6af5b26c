"""The outbox's writers: called inside the caller's transaction, each writes OutboxMessage rows
and enqueues their delivery once that transaction commits (a rolled-back change sends nothing).

``storefront_create_for`` (approval), ``storefront_retry`` (staff), ``product_changed`` and
``product_removed`` (the seller, after approval), ``storefront_suspend`` (revocation, staff).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from marketplace_link.models import (
    ApplicationEvent,
    Listing,
    OutboxMessage,
    Product,
    Storefront,
    StorefrontApplication,
)
from marketplace_link.outbox.lease import not_leased
from marketplace_link.outbox.marketplace_status import set_status, status_from_marketplace
from marketplace_link.tasks import deliver_outbox_task

Kind = OutboxMessage.Kind
Status = Storefront.Status


def _require_atomic() -> None:
    # The outbox row must commit (or roll back) with the change that needs it.
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Outbox writers run inside the caller's transaction.")


def _enqueue(message: OutboxMessage, countdown: float = 0) -> None:
    _enqueue_id(message.pk, countdown)


def _enqueue_id(message_id: int, countdown: float = 0) -> None:
    deliver_outbox_task.apply_async_on_commit(args=[message_id], countdown=countdown)


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
            not_leased(now),
            storefront=locked,
            status__in=[OutboxMessage.Status.FAILED, OutboxMessage.Status.PENDING],
        )
        ids = list(waiting.values_list("pk", flat=True))
        # A lease that ran out belonged to a delivery that died: its token goes with it.
        OutboxMessage.objects.filter(not_leased(now), pk__in=ids).update(
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
            set_status(locked, status_from_marketplace(locked))
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
        stopping = locked.outbox.filter(not_leased(now), status=OutboxMessage.Status.PENDING)
        stopping = stopping.exclude(kind=Kind.SUSPEND)
        ids = list(stopping.values_list("pk", flat=True))
        OutboxMessage.objects.filter(not_leased(now), pk__in=ids).update(not_before=now)
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
