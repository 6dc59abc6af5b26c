"""Marketplace tasks: thin interfaces to marketplace_link/provisioning.py. They take ids and are
safe to run twice (a message is claimed under a row lock with a lease; see ``_claim``)."""

from __future__ import annotations

import logging
import random

from celery import shared_task
from django.conf import settings

logger = logging.getLogger(__name__)


def retry_delay(attempts: int, retry_after: float | None = None) -> float:
    """Exponential backoff from ISOKO_MARKETPLACE_RETRY_DELAY, capped, with jitter so a batch
    that failed together does not come back together; never sooner than the marketplace's own
    Retry-After."""
    base = settings.ISOKO_MARKETPLACE_RETRY_DELAY * (2 ** max(attempts - 1, 0))
    delay = min(base, settings.ISOKO_MARKETPLACE_RETRY_MAX_DELAY) * random.uniform(0.5, 1.0)
    if retry_after is not None:
        # Spread the callers a 429 turned away over a little more than the wait asked for.
        delay = max(delay, retry_after * random.uniform(1.0, 1.2))
    return delay


@shared_task(name="marketplace_link.deliver_outbox")
def deliver_outbox_task(message_id: int) -> str:
    from marketplace_link.provisioning import outbox_message_deliver

    outcome = outbox_message_deliver(message_id=message_id)
    if outcome.result in ("retry", "waiting"):
        if settings.CELERY_TASK_ALWAYS_EAGER:
            # In-process tasks (the embedded demo, inside the reviewer's request) do not loop
            # here: the message stays pending with its not_before, and the sweep takes it.
            return outcome.result
        deliver_outbox_task.apply_async(args=[message_id], countdown=outcome.delay)
    return outcome.result


@shared_task(name="marketplace_link.sweep_outbox")
def sweep_outbox_task() -> int:
    """Beat, every minute: hand every due pending message to the workers again, so a message
    whose task was lost (broker flushed, worker killed, marketplace down for longer than the
    task's retries) is still delivered. Duplicates are harmless: a message is claimed once."""
    from marketplace_link.provisioning import outbox_due

    due = outbox_due()
    for message_id in due:
        deliver_outbox_task.delay(message_id)
    return len(due)


# SMTP errors are OSErrors: retried with the base task's backoff (IsokoTask).
@shared_task(name="marketplace_link.send_suspension_email", autoretry_for=(OSError,))
def send_suspension_email_task(storefront_id: int, reason: str) -> bool:
    from marketplace_link.signals import suspension_email_send

    return suspension_email_send(storefront_id=storefront_id, reason=reason)


@shared_task(name="marketplace_link.sweep_kept_uploads")
def sweep_kept_uploads_task() -> int:
    """Beat, hourly: files kept from failed application forms that nobody came back for."""
    from marketplace_link.staging import sweep

    return sweep()
