"""The steps of each kind of outbox message, run by a delivery that holds the message's claim.

Each step is idempotent twice over: it carries an Idempotency-Key derived from the message and
its body, and the marketplace's creates are create-or-find by our own external ids (the store's
``external_id``, the product's ``sku``). Every marketplace id is stored the moment it is known,
in its own small transaction (marketplace_status.py), so a delivery that dies half-way resumes
from the first step not yet recorded.

A step returns None when it is done, or why it had nothing left to do (the message is then
cancelled); it raises ``NotReady`` when the message must wait for another one.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from marketplace_link.client import MarketplaceClient, body_digest
from marketplace_link.models import Listing, OutboxMessage, Storefront
from marketplace_link.outbox.lease import Claim
from marketplace_link.outbox.marketplace_status import (
    remember_listing,
    remember_store,
    storefront_apply_marketplace_status,
)
from marketplace_link.outbox.payloads import product_payload, store_payload

Kind = OutboxMessage.Kind
Status = Storefront.Status
# DELISTED is final at the marketplace (openapi.yaml): no later listing event may change it.
FINAL_SEQUENCE = 2**63 - 1


class NotReady(Exception):
    """The message must wait for another one (a store not created yet): try later, without
    spending an attempt."""


def is_suspended(storefront_id: int) -> bool:
    return Storefront.objects.filter(pk=storefront_id, status=Status.SUSPENDED).exists()


def _pending(storefront: Storefront, kind: str) -> bool:
    return storefront.outbox.filter(kind=kind, status=OutboxMessage.Status.PENDING).exists()


def _key(message: OutboxMessage, *parts: str) -> str:
    return ":".join([str(message.key), *parts])


def _provision(claim: Claim, client: MarketplaceClient) -> str | None:
    message = claim.message
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
        storefront = remember_store(storefront.pk, answer.data, sequence_seen=seen)
        claim.steps_done += 1
    store_id = storefront.marketplace_store_id
    # 2. Each product not yet known there, create-or-find by sku. Read one at a time, fresh,
    # so a product withdrawn (or the store suspended) meanwhile is not sent.
    todo = Listing.objects.filter(storefront=storefront, marketplace_product_id="")
    for listing_id in list(todo.values_list("pk", flat=True)):
        listing = Listing.objects.select_related("product").get(pk=listing_id)
        if listing.marketplace_product_id or listing.product.removed_at:
            continue
        if is_suspended(storefront.pk):
            return "storefront suspended"
        data = product_payload(listing.product)
        answer = client.product_create(
            store_id,
            data,
            idempotency_key=_key(message, "product", listing.product.sku, body_digest(data)),
        )
        remember_listing(listing.pk, answer.data, sequence_seen=listing.status_sequence)
        claim.steps_done += 1
    # 3. Ask for go-live. The store goes IN_REVIEW, then ACTIVE by webhook.
    if is_suspended(storefront.pk):
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


def _sync_product(claim: Claim, client: MarketplaceClient) -> str | None:
    message = claim.message
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
        remember_listing(listing.pk, answer.data, sequence_seen=listing.status_sequence)
        claim.steps_done += 1
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
    remember_listing(listing.pk, answer.data, sequence_seen=listing.status_sequence)
    return None


def _delist_product(claim: Claim, client: MarketplaceClient) -> str | None:
    message = claim.message
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


def _suspend(claim: Claim, client: MarketplaceClient) -> str | None:
    message = claim.message
    storefront = Storefront.objects.select_related("application").get(pk=message.storefront_id)
    store_id = storefront.marketplace_store_id
    if not store_id:
        found = client.store_find(str(storefront.application.public_id))
        if found:
            storefront = remember_store(storefront.pk, found, sequence_seen=-1)
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
    remember_store(storefront.pk, answer.data, sequence_seen=seen)
    return None


STEPS = {
    Kind.PROVISION: _provision,
    Kind.SYNC_PRODUCT: _sync_product,
    Kind.DELIST_PRODUCT: _delist_product,
    Kind.SUSPEND: _suspend,
}
