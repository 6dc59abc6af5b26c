"""The storefront at the marketplace: the store (after approval), its listings, the outbox of
work for the marketplace and the webhook events it sent. Re-exported by marketplace_link.models,
where Django and every caller find them.

State machines (docs/architecture.md):
- Storefront (after approval): provisioning → live; needs_attention when delivery gave up (staff
  retry); suspended when the qualifying certificate is revoked (or the marketplace says so);
  rejected when the marketplace rejects the store.
- Outbox message: pending → done, or failed (after bounded attempts and a bounded time, so an
  outage of hours parks nothing; visible to staff, who retry it). A failing suspension is marked
  failed for staff but keeps being delivered: it never parks (outbox/policy.py).
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Storefront(models.Model):
    class Status(models.TextChoices):
        PROVISIONING = "provisioning", _("Being set up")
        NEEDS_ATTENTION = "needs_attention", _("Needs attention")
        IN_REVIEW = "in_review", _("In review at the marketplace")
        LIVE = "live", _("Live")
        REJECTED = "rejected", _("Rejected by the marketplace")
        SUSPENDED = "suspended", _("Suspended")

    application = models.OneToOneField(
        "marketplace_link.StorefrontApplication",
        on_delete=models.PROTECT,
        related_name="storefront",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PROVISIONING)
    status_reason = models.TextField(blank=True)
    marketplace_store_id = models.CharField(max_length=60, blank=True, db_index=True)
    marketplace_status = models.CharField(max_length=20, blank=True)
    # The sequence of the last store.status_changed applied: older deliveries are ignored.
    status_sequence = models.BigIntegerField(default=0)
    public_url = models.URLField(blank=True)
    order_count = models.PositiveIntegerField(default=0)
    last_order_at = models.DateTimeField(null=True, blank=True)
    went_live_at = models.DateTimeField(null=True, blank=True)
    # Claimed by the suspension e-mail's task before it sends, so the seller is told once.
    suspension_notified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return str(self.application)


class Listing(models.Model):
    """A product as the marketplace knows it."""

    product = models.OneToOneField(
        "marketplace_link.Product", on_delete=models.CASCADE, related_name="listing"
    )
    storefront = models.ForeignKey(Storefront, on_delete=models.CASCADE, related_name="listings")
    # Indexed: webhooks find a listing by it when they carry no SKU.
    marketplace_product_id = models.CharField(max_length=60, blank=True, db_index=True)
    status = models.CharField(max_length=20, blank=True)
    status_reason = models.TextField(blank=True)
    status_sequence = models.BigIntegerField(default=0)
    synced_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.product} ({self.status or 'new'})"


class OutboxMessage(models.Model):
    """Work for the marketplace, written in the same transaction as the change that needs it
    and delivered by a Celery task (at least once; the marketplace dedupes by Idempotency-Key)."""

    class Kind(models.TextChoices):
        PROVISION = "provision", _("Create the store, its products, publish")
        SYNC_PRODUCT = "sync_product", _("Update a product")
        DELIST_PRODUCT = "delist_product", _("Delist a product")
        SUSPEND = "suspend", _("Suspend the store")

    class Status(models.TextChoices):
        # A context of its own: certificates' "Pending" means "not issued yet" in Chinese.
        PENDING = "pending", pgettext_lazy("outbox message", "Pending")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed: needs attention")

    storefront = models.ForeignKey(Storefront, on_delete=models.CASCADE, related_name="outbox")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    product = models.ForeignKey(
        "marketplace_link.Product", null=True, blank=True, on_delete=models.CASCADE
    )
    payload = models.JSONField(default=dict, blank=True)
    # One key per message: every retry of it sends the same Idempotency-Key prefix.
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    # Deliveries counted towards the bound (a 429, a 5xx with Retry-After or a wait for another
    # message is not counted; a delivery whose worker died is).
    attempts = models.PositiveSmallIntegerField(default=0)
    # When the next delivery may start.
    not_before = models.DateTimeField(default=timezone.now)
    # The running delivery's lease and its claim token: a delivery writes its outcome only while
    # the token is still its own, so one whose lease ran out cannot overwrite its successor's.
    leased_until = models.DateTimeField(null=True, blank=True)
    claim_token = models.UUIDField(null=True, blank=True)
    # Since when deliveries have been failing (None once one gets a step through): the bound
    # is attempts *and* time, so an outage of a few hours parks nothing.
    retrying_since = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    calls = models.PositiveIntegerField(default=0)
    retries = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["status", "not_before"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display()})"


class WebhookEvent(models.Model):
    """Every webhook event applied, by the marketplace's event id: a replay finds it and stops."""

    event_id = models.CharField(
        max_length=100,
        unique=True,
        error_messages={"unique": _("This marketplace event was already received.")},
    )
    type = models.CharField(max_length=40)
    payload = models.JSONField()
    received_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.type} {self.event_id}"
