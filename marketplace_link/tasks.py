"""Marketplace tasks: thin interfaces to the modules that do the work. They take ids and are
safe to run twice (a message is claimed with a lease and a claim token: outbox/lease.py)."""

from __future__ import annotations

import logging
import random

from celery import shared_task
from django.conf import settings

logger = logging.getLogger(__name__)


def retry_delay(attempts: int, retry_after: float | None = None, failing_for: float = 0) -> float:
    """Exponential backoff from ISOKO_MARKETPLACE_RETRY_DELAY, capped, with jitter so a batch
    that failed together does not come back together; never sooner than the marketplace's own
    Retry-After. Failures that are not counted (a 503 with a short Retry-After) still back off:
    the base is at least half the time the message has been failing."""
    exponent = min(max(attempts - 1, 0), 30)  # 2**1024 would not fit in a float
    base = max(settings.ISOKO_MARKETPLACE_RETRY_DELAY * 2**exponent, failing_for / 2)
    delay = min(base, settings.ISOKO_MARKETPLACE_RETRY_MAX_DELAY) * random.uniform(0.5, 1.0)
    if retry_after is not None:
        # Spread the callers a 429 turned away over a little more than the wait asked for.
        delay = max(delay, retry_after * random.uniform(1.0, 1.2))
    return delay


@shared_task(name="marketplace_link.deliver_outbox")
def deliver_outbox_task(message_id: int) -> str:
    from marketplace_link.outbox.delivery import outbox_message_deliver

    outcome = outbox_message_deliver(message_id=message_id)
    if outcome.result in ("retry", "waiting"):
        if settings.CELERY_TASK_ALWAYS_EAGER:
            # In-process tasks (the embedded demo, inside the reviewer's request) do not loop
            # here, and ignore countdowns: the message stays pending with its not_before, and
            # `manage.py marketplace_outbox_loop` (Procfile.embedded) delivers it when due.
            return outcome.result
        deliver_outbox_task.apply_async(args=[message_id], countdown=outcome.delay)
    return outcome.result


@shared_task(name="marketplace_link.sweep_outbox")
def sweep_outbox_task() -> int:
    """Beat, every minute: hand every due message to the workers again, so a message whose
    task was lost (broker flushed, worker killed) is still delivered. Duplicates are harmless:
    a message is claimed once. A message parked after its bound (attempts and hours) is not
    resent: staff see it as failed and retry it. A suspension is never parked. Without a
    broker, marketplace_outbox_loop does this in-process."""
    from marketplace_link.outbox.lease import outbox_due

    due = outbox_due()
    for message_id in due:
        deliver_outbox_task.delay(message_id)
    return len(due)


# SMTP errors are OSErrors: retried with the base task's backoff (IsokoTask). Sent at most
# once per suspension (suspension_email_send claims it first; a failed send releases the claim).
@shared_task(name="marketplace_link.send_suspension_email", autoretry_for=(OSError,))
def send_suspension_email_task(storefront_id: int, reason: str) -> bool:
    from marketplace_link.storefront.revocation import suspension_email_send

    return suspension_email_send(storefront_id=storefront_id, reason=reason)


# A revocation's side effect, enqueued on commit by the signal receiver: whatever fails here is
# retried (acks_late, from IsokoTask, redelivers it if the worker dies), never a 500 for staff.
# Idempotent: a suspended storefront is not suspended again. 20 retries with IsokoTask's
# backoff (capped at 10 minutes, jittered) span up to about two hours.
@shared_task(
    name="marketplace_link.suspend_for_certificate", autoretry_for=(Exception,), max_retries=20
)
def suspend_for_certificate_task(certificate_id: int) -> int:
    from marketplace_link.storefront.revocation import storefronts_suspend_for_certificate

    return len(storefronts_suspend_for_certificate(certificate_id=certificate_id))


@shared_task(name="marketplace_link.sweep_revocations")
def sweep_revocations_task() -> int:
    """Beat, every 10 minutes: a revocation whose suspension task never ran is followed through."""
    from marketplace_link.storefront.revocation import revocations_follow_through

    return revocations_follow_through()


@shared_task(name="marketplace_link.sweep_kept_uploads")
def sweep_kept_uploads_task() -> int:
    """Beat, hourly: files kept from failed application forms that nobody came back for."""
    from marketplace_link.application.staging import sweep

    return sweep()


# SMTP errors are OSErrors: retried with the base task's backoff (IsokoTask). Enqueued on
# commit by review/decisions.py, with the id of the decision's ApplicationEvent.
@shared_task(name="marketplace_link.send_decision_email", autoretry_for=(OSError,))
def send_decision_email_task(event_id: int) -> bool:
    from marketplace_link.review.decisions import decision_email_send

    return decision_email_send(event_id=event_id)


# Enqueued on commit by applications.application_submit. SMTP errors are retried.
@shared_task(name="marketplace_link.notify_reviewers", autoretry_for=(OSError,))
def notify_reviewers_task(application_id: int) -> int:
    from marketplace_link.review.reviewer_notice import reviewers_notify

    return reviewers_notify(application_id=application_id)
