"""Who delivers a message: a claim with a lease and a claim token, and attempt accounting.

A delivery claims a due message in one conditional UPDATE: it counts the attempt, leases the
message and gives it a new claim token. Until the lease runs out no other delivery (a duplicate
task, the sweep, staff's retry) touches it; a killed delivery's lease runs out and the message
is handed on, counted as an attempt that failed. The outcome is written only through ``mine``:
while the token is still the delivery's own.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from marketplace_link.models import OutboxMessage

Kind = OutboxMessage.Kind
# A task may fire a little before its message's not_before (countdown rounding, clock reads).
CLAIM_GRACE = timedelta(seconds=1)
# What writing an outcome sets besides it: the message is free again.
RELEASE = {"leased_until": None, "claim_token": None}


@dataclass
class Claim:
    """A message this delivery holds, and what the delivery learns of it as it goes."""

    message: OutboxMessage
    lost: bool = False  # the delivery before this one never reported back
    steps_done: int = 0  # marketplace steps this delivery got through (the give-up policy)


def not_leased(now: datetime) -> Q:
    return Q(leased_until__isnull=True) | Q(leased_until__lte=now)


def deliverable() -> Q:
    # A failed suspension is still delivered (it is never parked: policy.py).
    return Q(status=OutboxMessage.Status.PENDING) | Q(
        status=OutboxMessage.Status.FAILED, kind=Kind.SUSPEND
    )


def claim(message_id: int) -> Claim | None:
    """Take the message if it is due and no delivery holds it: count the attempt, lease it, and
    give it a new claim token, in one conditional UPDATE (a compare-and-set on the token, so it
    is race-free on SQLite too, where there are no row locks)."""
    now = timezone.now()
    due = deliverable() & not_leased(now) & Q(pk=message_id, not_before__lte=now + CLAIM_GRACE)
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
    return Claim(message, lost=lost)


def mine(message: OutboxMessage):
    """The message, if this delivery still holds it: its outcome is written through this."""
    return OutboxMessage.objects.filter(pk=message.pk, claim_token=message.claim_token)


def count_calls(message_id: int, calls: int) -> None:
    if calls:
        OutboxMessage.objects.filter(pk=message_id).update(calls=F("calls") + calls)


def outbox_due(limit: int = 500) -> list[int]:
    """Messages whose time has come and that no delivery holds (the sweep hands them to the
    workers; the embedded loop delivers them itself)."""
    now = timezone.now()
    return list(
        OutboxMessage.objects.filter(deliverable(), not_leased(now), not_before__lte=now)
        .order_by("not_before", "pk")
        .values_list("pk", flat=True)[:limit]
    )
