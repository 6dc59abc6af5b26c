"""Per-learner generations in the shared cache, for pages cached per learner (/dashboard/).

A page built from a learner's own rows (enrolments, progress, certificates, their storefront
application...) may be kept in the shared cache (Redis in production) if it is stamped with the
learner's *generation*: a token in the cache that every write to those rows replaces. A cached
copy whose stamp differs from the current token is never served, so a write is seen on the next
request, on every node.

- ``learner_changed(user_id, ...)`` (called by the receivers of each app's post_save/post_delete
  signals, and by every ``update()``/bulk write of those rows) writes a new token at once and
  again after the transaction commits: a request that read the generation and then the old rows
  meanwhile stores its copy under a token that is already gone.
- ``all_learners_changed()`` replaces a token every stamp includes (for a change whose learners
  are not known one by one).
- ``learner_generations(user_id)`` reads both (creating them when missing: a stamp never holds
  ``None``, so a token lost to eviction can never match an old copy again).
- Each learner has a second token, their *state* generation (``state_generation_key``), which
  every write replaces too except ``learner_activity_changed``: the enrolment's activity time and
  last item, written by a lesson view (lms.services.enrolment_view_record) on the first view of
  each lesson. The dashboard shows those ("Last activity", "Next:"), so they replace its token;
  what is stamped with the state token (the lesson page's enrolment and items done, the account
  menu's name) does not show them, or keeps them up to date itself, and so survives a learner
  going from lesson to lesson.

Core imports no app: the apps call it, each for its own models.
"""

from __future__ import annotations

import functools
import uuid
from datetime import datetime, time, timedelta

from django.core.cache import cache
from django.db import transaction

ALL_KEY = "learner-gen:all"
# Longer than any copy stamped with them lives (config/dashboard.py keeps one for a day): when a
# token expires the next reader makes a new one, and the old copies are missed, never served.
GENERATION_TIMEOUT = 3 * 24 * 3600


def generation_key(user_id) -> str:
    return f"learner-gen:{int(user_id)}"


def state_generation_key(user_id) -> str:
    return f"learner-gen:{int(user_id)}:state"


def learner_changed(*user_ids) -> None:
    """The rows shown to these learners changed (or are about to, in this transaction)."""
    ids = {int(user_id) for user_id in user_ids if user_id is not None}
    if not ids:
        return
    _bump(ids)
    transaction.on_commit(functools.partial(_bump, ids))


def learner_activity_changed(*user_ids) -> None:
    """Only these learners' enrolment activity (time, last item) changed: their generation is
    replaced, their state generation is not (see the module's docstring)."""
    ids = {int(user_id) for user_id in user_ids if user_id is not None}
    if not ids:
        return
    _bump_activity(ids)
    transaction.on_commit(functools.partial(_bump_activity, ids))


def all_learners_changed() -> None:
    _bump_all()
    transaction.on_commit(_bump_all)


def _bump_all() -> None:
    cache.set(ALL_KEY, uuid.uuid4().hex, timeout=None)


def is_generation_bump(callback) -> bool:
    """Whether an on-commit callback is one of these bumps (for tests that count the others)."""
    return getattr(callback, "func", callback) in (_bump, _bump_activity, _bump_all)


def _bump(ids: set[int]) -> None:
    tokens = {generation_key(user_id): uuid.uuid4().hex for user_id in ids}
    tokens.update({state_generation_key(user_id): uuid.uuid4().hex for user_id in ids})
    cache.set_many(tokens, timeout=GENERATION_TIMEOUT)


def _bump_activity(ids: set[int]) -> None:
    cache.set_many(
        {generation_key(user_id): uuid.uuid4().hex for user_id in ids}, timeout=GENERATION_TIMEOUT
    )


def ensure_generations(user_id, found: dict, *, state: bool = False) -> tuple[str, str]:
    """The learner's token (their state token with ``state``) and the all-learners token from
    ``found`` (a get_many answer that asked for both keys), creating the missing ones (add: if
    another process creates it first, theirs wins and both read it back)."""
    key = state_generation_key(user_id) if state else generation_key(user_id)
    mine, everyone = found.get(key), found.get(ALL_KEY)
    if mine is None:
        cache.add(key, uuid.uuid4().hex, timeout=GENERATION_TIMEOUT)
        mine = cache.get(key)
    if everyone is None:
        cache.add(ALL_KEY, uuid.uuid4().hex, timeout=None)
        everyone = cache.get(ALL_KEY)
    return mine, everyone


def timesince_stable_until(value: datetime, now: datetime) -> datetime:
    """A moment after ``now`` until which ``value|timesince`` (Django's, two units) reads the same.

    Under a day it shows hours and minutes, which change every minute counted from ``value``;
    from a day on, at most days and hours (or coarser units, which change on whole days counted
    from ``value``), which change every hour. Earlier than necessary for weeks and months: a
    cached copy is only rebuilt sooner."""
    # Django counts from ``value`` for hours and minutes, and from ``value`` without its
    # microseconds once months are counted: the sooner of the two next boundaries.
    # Months are counted by calendar day too, which turns at midnight in ``value``'s zone.
    candidates = [_next_boundary(value, now), _next_boundary(value.replace(microsecond=0), now)]
    if (now - value).total_seconds() >= 24 * 3600:
        local = now.astimezone(value.tzinfo) if value.tzinfo else now
        midnight = datetime.combine(local.date() + timedelta(days=1), time(), tzinfo=local.tzinfo)
        candidates.append(midnight)
    return min(candidates)


def _next_boundary(start: datetime, now: datetime) -> datetime:
    elapsed = (now - start).total_seconds()
    unit = 60 if elapsed < 24 * 3600 - 60 else 3600
    return start + timedelta(seconds=(elapsed // unit + 1) * unit)
