"""The give-up policy of the outbox: after a delivery fails, try again, wait, or give up?

One pure function, ``decide``: it reads only its arguments (no database, no settings, no clock),
so every rule and every interaction between rules is tested by a table
(tests/marketplace/test_outbox_policy.py). delivery.py gathers the facts, asks, and writes the
answer under the delivery's claim token.

The rules:
- A failure counts as an attempt, except a wait for another message (NOT_READY) and the
  marketplace pacing us (PACED: a 429, or a 5xx with Retry-After): a rate limit or a planned
  maintenance must not park our messages.
- A message is parked (GIVE_UP: failed, for staff to retry) only when the attempts reach
  ``max_attempts`` *and* it has been failing for ``give_up_after`` seconds: attempts alone,
  with the backoff capped at 15 minutes, would park everything after 26 to 51 minutes of outage.
- A delivery that got some steps through before failing shows a marketplace that works, only
  flakily: the count starts again (bounded: a message has finitely many steps).
- A refusal (REFUSED: a 4xx) parks at once, unless a change made meanwhile explains it (the
  store suspended, the product removed): then the message is cancelled, not failed.
- A delivery that never reported back (LOST: its worker was killed) is checked before the steps
  run again: one that has used up its bound is parked without calling the marketplace again.
- A suspension is never parked: a revoked seller's store must not stay on sale because the
  marketplace was down, or refused once. Where another message would be parked, a suspension is
  shown to staff as failed and retried at the longest delay (KEEP_FAILING), its attempts held
  at the bound.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Failure(StrEnum):
    LOST = "lost"  # the last delivery never reported back (asked before the steps run)
    NOT_READY = "not_ready"  # the message waits for another one (a store not created yet)
    REFUSED = "refused"  # the marketplace refused the request itself (a 4xx)
    PACED = "paced"  # the marketplace asked us to come back later (429, 5xx with Retry-After)
    ERROR = "error"  # anything else: timeouts, 5xx, connection errors, our own bugs


class Action(StrEnum):
    GO_ON = "go_on"  # (LOST) run the steps as usual
    WAIT = "wait"  # try again after the plain retry delay, without spending an attempt
    RETRY = "retry"  # try again after the backoff of ``backoff_attempt``
    CANCEL = "cancel"  # done: the refusal is explained by a change made meanwhile
    GIVE_UP = "give_up"  # park it: failed, shown to staff, who retry it
    KEEP_FAILING = "keep_failing"  # (suspensions) failed for staff, retried at the longest delay


@dataclass(frozen=True)
class Delivery:
    """What the policy knows of the message and of the delivery that just failed."""

    failure: Failure
    attempts: int  # counted so far, this delivery's included (claiming a message counts it)
    retries: int  # failures retried so far, paced ones included
    retrying_since: datetime | None  # when it started failing (None: it has not, so far)
    now: datetime
    suspension: bool = False  # a SUSPEND message: never parked
    steps_done: int = 0  # steps this delivery got through before it failed
    cancelled_meanwhile: bool = False  # (REFUSED) a change made meanwhile explains the refusal


@dataclass(frozen=True)
class Decision:
    action: Action
    attempts: int  # what to record
    retries: int
    retrying_since: datetime | None
    # The attempt number whose backoff to wait (retry_delay), and how long the message has been
    # failing; None for WAIT (the plain retry delay) and for actions that wait for nothing.
    backoff_attempt: int | None = None
    failing_for: float = 0.0


# An attempt number whose backoff is the capped, longest one (retry_delay).
LONGEST = 64


def decide(delivery: Delivery, *, max_attempts: int, give_up_after: float) -> Decision:
    """What to do with a message whose delivery failed (or, for LOST, before running it)."""
    d = delivery

    def bound_reached(attempts: int, since: datetime | None) -> bool:
        failing_for = (d.now - (since or d.now)).total_seconds()
        return attempts >= max_attempts and failing_for >= give_up_after

    def stop(attempts: int, retries: int, retrying_since: datetime | None) -> Decision:
        if d.suspension:
            return Decision(
                Action.KEEP_FAILING,
                attempts=min(attempts, max_attempts),
                retries=retries,
                retrying_since=retrying_since,
                backoff_attempt=LONGEST,
            )
        return Decision(Action.GIVE_UP, attempts, retries, retrying_since)

    if d.failure == Failure.LOST:
        # The attempts made before this delivery, which has not failed yet.
        if not d.suspension and bound_reached(d.attempts - 1, d.retrying_since):
            return Decision(Action.GIVE_UP, d.attempts, d.retries, d.retrying_since)
        return Decision(Action.GO_ON, d.attempts, d.retries, d.retrying_since)
    if d.failure == Failure.NOT_READY:
        return Decision(Action.WAIT, max(d.attempts - 1, 0), d.retries, d.retrying_since)
    if d.failure == Failure.REFUSED:
        if d.cancelled_meanwhile:
            return Decision(Action.CANCEL, d.attempts, d.retries, d.retrying_since)
        return stop(d.attempts, d.retries, d.retrying_since)

    # ERROR or PACED: retried, with a bound.
    attempts, retrying_since = d.attempts, d.retrying_since
    if d.steps_done:
        attempts, retrying_since = 1, d.now
    retrying_since = retrying_since or d.now
    retries = d.retries + 1
    if d.failure == Failure.PACED:
        attempts -= 1
    elif bound_reached(attempts, retrying_since):
        return stop(attempts, retries, retrying_since)
    failing_for = (d.now - retrying_since).total_seconds()
    return Decision(
        Action.RETRY,
        max(attempts, 0),
        retries,
        retrying_since,
        backoff_attempt=attempts,
        failing_for=failing_for,
    )
