"""Delivering an outbox message to the marketplace, once.

``outbox_message_deliver`` (run by the ``deliver_outbox`` task, or in-process by the
``marketplace_outbox_loop`` command where there is no broker) claims the message with a lease
and a claim token (lease.py), runs its steps (steps.py) and writes the outcome while the token is
still the delivery's own. When the steps fail, the give-up policy (policy.py, one pure function)
says whether to wait, retry, cancel, keep failing or give up, and this module writes its answer.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from marketplace_link.client import MarketplaceClient, PermanentError, RetryableError
from marketplace_link.models import ApplicationEvent, OutboxMessage, Product, Storefront
from marketplace_link.outbox.lease import RELEASE, Claim, claim, count_calls, mine, outbox_due
from marketplace_link.outbox.policy import Action, Decision, Delivery, Failure, decide
from marketplace_link.outbox.steps import STEPS, NotReady, is_suspended
from marketplace_link.tasks import retry_delay

logger = logging.getLogger(__name__)
Kind = OutboxMessage.Kind
Status = Storefront.Status


@dataclass
class Outcome:
    result: str  # done | cancelled | retry | waiting | failed | skipped
    delay: float = 0.0
    error: str = ""


def outbox_message_deliver(*, message_id: int, client: MarketplaceClient | None = None) -> Outcome:
    """Deliver one message once. The caller (the task) re-enqueues on ``retry``/``waiting``."""
    claimed = claim(message_id)
    if claimed is None:
        return Outcome("skipped")
    return outbox_claimed_deliver(claimed, client=client)


def outbox_claimed_deliver(claimed: Claim, *, client: MarketplaceClient | None = None) -> Outcome:
    """Run the steps of a message this delivery has claimed (lease.claim), and write the outcome
    under its claim token."""
    message = claimed.message
    if claimed.lost:
        # Deliveries that never reported back (a worker killed every time) may have used up
        # the bound: then it is parked without calling the marketplace again.
        decision = _decide(claimed, Failure.LOST)
        if decision.action != Action.GO_ON:
            return _act(message, decision, message.last_error)
    own_client = client is None
    client = client or MarketplaceClient.from_settings()
    calls_before = client.calls
    try:
        cancelled = STEPS[message.kind](claimed, client)
    except NotReady as error:
        return _act(message, _decide(claimed, Failure.NOT_READY), str(error))
    except PermanentError as error:
        reason = _cancelled_meanwhile(message)
        decision = _decide(claimed, Failure.REFUSED, cancelled_meanwhile=bool(reason))
        return _act(message, decision, reason or str(error))
    except Exception as error:  # noqa: BLE001  (timeouts, 5xx, 429, and our own bugs: retried)
        text = (
            str(error) if isinstance(error, RetryableError) else f"{type(error).__name__}: {error}"
        )
        failure = Failure.PACED if _paced(error) else Failure.ERROR
        return _act(
            message,
            _decide(claimed, failure),
            text,
            retry_after=getattr(error, "retry_after", None),
        )
    finally:
        count_calls(message.pk, client.calls - calls_before)
        if own_client:
            client.close()
    return _finish(message, cancelled=cancelled)


def _paced(error: Exception) -> bool:
    """The marketplace asked us to come back later (a 429, or a 5xx with Retry-After)."""
    if not isinstance(error, RetryableError) or error.status is None:
        return False
    return error.status == 429 or (error.status >= 500 and error.retry_after is not None)


def _decide(claimed: Claim, failure: Failure, *, cancelled_meanwhile: bool = False) -> Decision:
    message = claimed.message
    delivery = Delivery(
        failure=failure,
        attempts=message.attempts,
        retries=message.retries,
        retrying_since=message.retrying_since,
        now=timezone.now(),
        suspension=message.kind == Kind.SUSPEND,
        steps_done=claimed.steps_done,
        cancelled_meanwhile=cancelled_meanwhile,
    )
    return decide(
        delivery,
        max_attempts=settings.ISOKO_MARKETPLACE_MAX_ATTEMPTS,
        give_up_after=settings.ISOKO_MARKETPLACE_GIVE_UP_AFTER,
    )


def _act(
    message: OutboxMessage, decision: Decision, error: str, *, retry_after: float | None = None
) -> Outcome:
    """Write the policy's decision under the claim token."""
    if decision.action == Action.CANCEL:
        return _finish(message, cancelled=error)
    if decision.action == Action.GIVE_UP:
        return _give_up(message, error, decision)
    if decision.action == Action.KEEP_FAILING:
        return _keep_failing(message, error, decision)
    if decision.action == Action.WAIT:
        delay = settings.ISOKO_MARKETPLACE_RETRY_DELAY
        return _reschedule(message, "waiting", decision, delay=delay, error=error)
    delay = retry_delay(decision.backoff_attempt, retry_after, decision.failing_for)
    logger.info("outbox %s: attempt %s failed, retry in %.1fs: %s", message.pk,
                decision.attempts, delay, error)  # fmt: skip
    return _reschedule(message, "retry", decision, delay=delay, error=error)


def _reschedule(
    message: OutboxMessage, result: str, decision: Decision, *, delay: float, error: str
) -> Outcome:
    written = mine(message).update(
        not_before=timezone.now() + timedelta(seconds=delay),
        last_error=error[:2000],
        attempts=decision.attempts,
        retries=decision.retries,
        retrying_since=decision.retrying_since,
        **RELEASE,
    )
    if not written:
        return Outcome("skipped", error="the claim was lost")
    return Outcome(result, delay, error)


def _finish(message: OutboxMessage, *, cancelled: str | None = None) -> Outcome:
    with transaction.atomic():
        written = mine(message).update(
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


def _give_up(message: OutboxMessage, error: str, decision: Decision | None = None) -> Outcome:
    """The bound is reached (or the marketplace refused outright): the message fails, and staff
    see it (failed count, "needs attention") with a retry action. Only a failed provisioning
    makes the storefront "need attention": a failed sync or delisting leaves a live store in
    the showcase."""
    attempts = decision.attempts if decision else message.attempts
    retries = decision.retries if decision else message.retries
    with transaction.atomic():
        storefront = Storefront.objects.select_for_update().get(pk=message.storefront_id)
        written = mine(message).update(
            status=OutboxMessage.Status.FAILED,
            last_error=error[:2000],
            attempts=attempts,
            retries=retries,
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
    logger.warning("outbox %s failed after %s attempts: %s", message.pk, attempts, error)
    return Outcome("failed", error=error)


def _keep_failing(message: OutboxMessage, error: str, decision: Decision) -> Outcome:
    """A suspension past the bound: shown to staff as failed (the failed count, the audit
    trail) and retried at the longest delay until it goes through (policy.py says why)."""
    delay = retry_delay(decision.backoff_attempt)
    with transaction.atomic():
        written = mine(message).update(
            status=OutboxMessage.Status.FAILED,
            last_error=error[:2000],
            not_before=timezone.now() + timedelta(seconds=delay),
            attempts=decision.attempts,  # held at the bound: later failures are not counted
            retries=decision.retries,
            retrying_since=decision.retrying_since,
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
    if message.kind != Kind.SUSPEND and is_suspended(message.storefront_id):
        return "storefront suspended"
    if (
        message.kind == Kind.SYNC_PRODUCT
        and Product.objects.filter(pk=message.product_id, removed_at__isnull=False).exists()
    ):
        return "product removed"
    return None


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
