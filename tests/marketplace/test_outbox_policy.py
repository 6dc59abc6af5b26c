"""The outbox's give-up policy, rule by rule and rule against rule (marketplace_link/outbox/
policy.py). A pure function: no database, no settings, no clock."""

from datetime import UTC, datetime, timedelta

import pytest

from marketplace_link.outbox.policy import LONGEST, Action, Decision, Delivery, Failure, decide

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
MAX = 5  # max_attempts
AFTER = 3600  # give_up_after, seconds


def ago(seconds: float) -> datetime:
    return NOW - timedelta(seconds=seconds)


LONG = ago(AFTER)  # failing for exactly the time bound
SHORT = ago(AFTER - 1)  # one second short of it

# (why, the delivery, the expected decision)
CASES = [
    # --- A delivery that never reported back (asked before the steps run again) -------------
    (
        "lost, attempts left: deliver as usual",
        Delivery(Failure.LOST, attempts=3, retries=1, retrying_since=LONG, now=NOW),
        Decision(Action.GO_ON, 3, 1, LONG),
    ),
    (
        "lost, the attempts made before this one reach the bound, long enough: park it",
        Delivery(Failure.LOST, attempts=MAX + 1, retries=2, retrying_since=LONG, now=NOW),
        Decision(Action.GIVE_UP, MAX + 1, 2, LONG),
    ),
    (
        "lost, this delivery's own attempt does not count yet",
        Delivery(Failure.LOST, attempts=MAX, retries=0, retrying_since=LONG, now=NOW),
        Decision(Action.GO_ON, MAX, 0, LONG),
    ),
    (
        "lost, attempts used up but failing for too short a time: go on",
        Delivery(Failure.LOST, attempts=MAX + 1, retries=0, retrying_since=SHORT, now=NOW),
        Decision(Action.GO_ON, MAX + 1, 0, SHORT),
    ),
    (
        "lost, a suspension is never parked",
        Delivery(
            Failure.LOST, attempts=50, retries=0, retrying_since=LONG, now=NOW, suspension=True
        ),
        Decision(Action.GO_ON, 50, 0, LONG),
    ),
    # --- Waiting for another message ---------------------------------------------------------
    (
        "not ready: wait, and give back the attempt",
        Delivery(Failure.NOT_READY, attempts=2, retries=4, retrying_since=None, now=NOW),
        Decision(Action.WAIT, 1, 4, None),
    ),
    (
        "not ready past every bound: still only a wait",
        Delivery(Failure.NOT_READY, attempts=MAX + 9, retries=0, retrying_since=LONG, now=NOW),
        Decision(Action.WAIT, MAX + 8, 0, LONG),
    ),
    (
        "not ready, never below zero attempts",
        Delivery(Failure.NOT_READY, attempts=0, retries=0, retrying_since=None, now=NOW),
        Decision(Action.WAIT, 0, 0, None),
    ),
    # --- A refusal (4xx) ---------------------------------------------------------------------
    (
        "refused: park at once, on the first attempt",
        Delivery(Failure.REFUSED, attempts=1, retries=0, retrying_since=None, now=NOW),
        Decision(Action.GIVE_UP, 1, 0, None),
    ),
    (
        "refused, but explained by a change made meanwhile: cancel",
        Delivery(
            Failure.REFUSED,
            attempts=1,
            retries=0,
            retrying_since=None,
            now=NOW,
            cancelled_meanwhile=True,
        ),
        Decision(Action.CANCEL, 1, 0, None),
    ),
    (
        "refused suspension: keep failing at the longest delay, attempts held at the bound",
        Delivery(
            Failure.REFUSED,
            attempts=MAX + 3,
            retries=7,
            retrying_since=SHORT,
            now=NOW,
            suspension=True,
        ),  # fmt: skip
        Decision(Action.KEEP_FAILING, MAX, 7, SHORT, backoff_attempt=LONGEST),
    ),
    (
        "refused suspension below the bound keeps its count",
        Delivery(
            Failure.REFUSED, attempts=1, retries=0, retrying_since=None, now=NOW, suspension=True
        ),
        Decision(Action.KEEP_FAILING, 1, 0, None, backoff_attempt=LONGEST),
    ),
    # --- Errors (timeouts, 5xx, our own bugs): counted, with a bound of attempts and time ----
    (
        "first error: retry, and start the clock",
        Delivery(Failure.ERROR, attempts=1, retries=0, retrying_since=None, now=NOW),
        Decision(Action.RETRY, 1, 1, NOW, backoff_attempt=1, failing_for=0.0),
    ),
    (
        "error below the attempts bound, failing long: retry",
        Delivery(Failure.ERROR, attempts=MAX - 1, retries=3, retrying_since=LONG, now=NOW),
        Decision(Action.RETRY, MAX - 1, 4, LONG, backoff_attempt=MAX - 1, failing_for=AFTER),
    ),
    (
        "error at the attempts bound but not failing long enough: retry (an outage of hours)",
        Delivery(Failure.ERROR, attempts=MAX, retries=4, retrying_since=SHORT, now=NOW),
        Decision(Action.RETRY, MAX, 5, SHORT, backoff_attempt=MAX, failing_for=AFTER - 1),
    ),
    (
        "error at both bounds: park it",
        Delivery(Failure.ERROR, attempts=MAX, retries=4, retrying_since=LONG, now=NOW),
        Decision(Action.GIVE_UP, MAX, 5, LONG),
    ),
    (
        "error at both bounds, a suspension: keep failing instead",
        Delivery(
            Failure.ERROR,
            attempts=MAX + 2,
            retries=4,
            retrying_since=LONG,
            now=NOW,
            suspension=True,
        ),  # fmt: skip
        Decision(Action.KEEP_FAILING, MAX, 5, LONG, backoff_attempt=LONGEST),
    ),
    (
        "error after some steps went through: the count and the clock start again",
        Delivery(
            Failure.ERROR, attempts=MAX, retries=4, retrying_since=LONG, now=NOW, steps_done=2
        ),
        Decision(Action.RETRY, 1, 5, NOW, backoff_attempt=1, failing_for=0.0),
    ),
    # --- The marketplace pacing us (429, 5xx with Retry-After): not an attempt ---------------
    (
        "paced: retry without spending an attempt",
        Delivery(Failure.PACED, attempts=2, retries=1, retrying_since=SHORT, now=NOW),
        Decision(Action.RETRY, 1, 2, SHORT, backoff_attempt=1, failing_for=AFTER - 1),
    ),
    (
        "paced past both bounds: never parked",
        Delivery(Failure.PACED, attempts=MAX + 1, retries=9, retrying_since=LONG, now=NOW),
        Decision(Action.RETRY, MAX, 10, LONG, backoff_attempt=MAX, failing_for=AFTER),
    ),
    (
        "paced suspension past both bounds: a plain retry, not keep-failing",
        Delivery(
            Failure.PACED,
            attempts=MAX + 1,
            retries=0,
            retrying_since=LONG,
            now=NOW,
            suspension=True,
        ),  # fmt: skip
        Decision(Action.RETRY, MAX, 1, LONG, backoff_attempt=MAX, failing_for=AFTER),
    ),
    (
        "paced on the first attempt: starts the clock, backs off from attempt zero",
        Delivery(Failure.PACED, attempts=1, retries=0, retrying_since=None, now=NOW),
        Decision(Action.RETRY, 0, 1, NOW, backoff_attempt=0, failing_for=0.0),
    ),
    (
        "paced after some steps went through: the count restarts, then is given back",
        Delivery(Failure.PACED, attempts=4, retries=0, retrying_since=LONG, now=NOW, steps_done=3),
        Decision(Action.RETRY, 0, 1, NOW, backoff_attempt=0, failing_for=0.0),
    ),
]


@pytest.mark.parametrize(("why", "delivery", "expected"), CASES, ids=[case[0] for case in CASES])
def test_the_give_up_policy(why, delivery, expected):
    assert decide(delivery, max_attempts=MAX, give_up_after=AFTER) == expected


def test_every_failure_and_action_is_covered_by_the_table():
    assert {case[1].failure for case in CASES} == set(Failure)
    assert {case[2].action for case in CASES} == set(Action)


def test_steps_that_went_through_restart_the_count_but_not_past_a_bound_of_one():
    delivery = Delivery(
        Failure.ERROR, attempts=9, retries=0, retrying_since=LONG, now=NOW, steps_done=1
    )
    expected = Decision(Action.GIVE_UP, 1, 1, NOW)
    assert decide(delivery, max_attempts=1, give_up_after=0) == expected


def test_a_zero_time_bound_parks_on_the_attempts_alone():
    delivery = Delivery(Failure.ERROR, attempts=MAX, retries=0, retrying_since=None, now=NOW)
    assert decide(delivery, max_attempts=MAX, give_up_after=0).action == Action.GIVE_UP
    assert decide(delivery, max_attempts=MAX + 1, give_up_after=0).action == Action.RETRY
