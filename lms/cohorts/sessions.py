"""Changing a cohort session: the one way code and the admin save a session.

A session that moves or is cancelled raises its ``sequence`` (calendar apps replace an event only
by a higher SEQUENCE, RFC 5545 §3.8.7.4) and tells its learners, once per learner and version, by
e-mail with the new calendar entry. Whoever changes a session says so by calling
``cohort_session_update``: the Wagtail admin's session form does (lms/cohorts/admin_forms.py).
A bare ``session.save()`` or a ``QuerySet.update`` tells nobody, so a data fix or a seed never
e-mails learners by accident.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from lms.cohorts.models import CohortSession, SessionReminder
from lms.cohorts.reminders import recipients, record

Kind = SessionReminder.Kind
# The fields whose change moves the learners' calendar entry and is e-mailed to them.
NOTIFY_FIELDS = ("starts_at", "ends_at", "venue", "meeting_url", "cancelled")


def session_changes(*, before: Mapping[str, Any], session: CohortSession) -> set[str]:
    """The NOTIFY_FIELDS whose value differs between ``before`` (a row's saved values) and the
    session about to be saved."""
    return {
        name for name in NOTIFY_FIELDS if name in before and before[name] != getattr(session, name)
    }


def cohort_session_update(
    *,
    session: CohortSession,
    update_fields: Iterable[str] | None = None,
    now: datetime | None = None,
) -> int:
    """Save ``session`` as edited in memory (all its fields, or only ``update_fields``). When its
    time, place or cancellation changed, raise its ``sequence`` and tell its learners
    (``cohort_session_notify``). A new session is saved and tells nobody: learners see it on the
    timetable and get its reminders. Returns the number of e-mails queued."""
    if session._state.adding or session.pk is None:
        session.save()
        return 0
    if update_fields is not None:
        update_fields = set(update_fields)
    fields = [name for name in NOTIFY_FIELDS if update_fields is None or name in update_fields]
    with transaction.atomic():
        # The row lock makes two edits of one session take turns, each raising the sequence
        # from the value the other committed.
        before = (
            CohortSession.objects.select_for_update()
            .filter(pk=session.pk)
            .values(*fields, "sequence")
            .first()
            if fields
            else None
        )
        changes = session_changes(before=before, session=session) if before else set()
        if changes:
            session.sequence = before["sequence"] + 1
            if update_fields is not None:
                update_fields.add("sequence")
        session.save(update_fields=update_fields)
        if not changes:
            return 0
        return cohort_session_notify(session=session, changes=changes, now=now)


def cohort_session_notify(
    *, session: CohortSession, changes: Collection[str], now: datetime | None = None
) -> int:
    """Tell the cohort's learners that ``session`` (saved, its ``sequence`` already raised)
    changed in ``changes``: an e-mail with the new calendar entry, once per learner and
    version (lms/cohorts/reminders.py records and sends it).

    Nothing is sent for a session that is over, nor for edits to a cancelled session; reopening
    a cancelled session is a change like any other. Returns the number of e-mails queued."""
    changes = set(changes) & set(NOTIFY_FIELDS)
    now = now or timezone.now()
    if not changes or session.ends_at <= now:
        return 0
    if session.cancelled:
        if "cancelled" not in changes:
            return 0
        kind = Kind.CANCELLED
    else:
        kind = Kind.CHANGED
    with transaction.atomic():
        session = (
            CohortSession.objects.select_for_update(of=("self",))
            .select_related("cohort")
            .get(pk=session.pk)
        )
        already = SessionReminder.objects.filter(
            session=session, kind=kind, sequence=session.sequence
        ).values("learner_id")
        learner_ids = list(
            recipients(session.cohort)
            .exclude(learner_id__in=already)
            .order_by("learner_id")
            .values_list("learner_id", flat=True)
        )
        return record(session=session, learner_ids=learner_ids, kind=kind, now=now)
