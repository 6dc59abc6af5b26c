"""Attendance: the one write path for a learner's mark in a session, from the facilitator's roster
or from a self check-in code. Every change is audited in the same transaction, and completion is
evaluated afterwards (a cohort learner completes on attendance plus the required quizzes)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from lms.cohorts import checkin
from lms.cohorts.models import Attendance, AttendanceChange, CohortSession
from lms.cohorts.selectors import cohort_members
from lms.errors import LmsError
from lms.models import Enrolment

STATUSES = tuple(Attendance.Status.values)


@transaction.atomic
def attendance_set(*, session: CohortSession, learner, status: str, actor, via: str) -> Attendance:
    """Set a learner's mark for a session. Setting the mark it already has changes nothing and
    writes no audit row, so a double tap or a replayed request is harmless."""
    if status not in STATUSES:
        raise LmsError(_("Choose present, absent or excused."), "bad_status")
    if via not in AttendanceChange.Via.values:
        raise LmsError(_("Unknown way of marking attendance."), "bad_via")
    session = CohortSession.objects.select_related("cohort").get(pk=session.pk)
    if session.cancelled:
        raise LmsError(_("This session is cancelled."), "cancelled", 409)
    # Locking the learner's enrolment serialises marks for one learner (roster tap and check-in
    # at the same moment), so the unique (session, learner) row is never created twice, and
    # completion_evaluate below takes the same lock anyway.
    enrolment = cohort_members(session.cohort).select_for_update().filter(learner=learner).first()
    if enrolment is None:
        raise LmsError(_("This person is not in the cohort."), "not_in_cohort", 403)
    attendance = Attendance.objects.filter(session=session, learner=learner).first()
    previous = attendance.status if attendance else ""
    if previous == status:
        return attendance
    if attendance is None:
        attendance = Attendance.objects.create(session=session, learner=learner, status=status)
    else:
        attendance.status = status
        attendance.save(update_fields=["status", "updated_at"])
    AttendanceChange.objects.create(
        session=session,
        learner=learner,
        previous=previous,
        status=status,
        via=via,
        actor=actor,
    )
    # Imported here: completion asks cohorts whether attendance is met (lms.cohorts.api), so
    # a module-level import would make the two modules import each other.
    from lms.services import completion_evaluate

    completion_evaluate(enrolment=enrolment)
    return attendance


@dataclass
class RosterRow:
    learner: object
    name: str
    email: str
    status: str  # "" when not marked yet


@dataclass
class Roster:
    rows: list[RosterRow]
    counts: dict[str, int] = field(default_factory=dict)


def _name(user) -> str:
    profile = getattr(user, "profile", None)  # users made by createsuperuser have none
    if profile is not None:
        return profile.full_name or profile.preferred_name or user.email
    return user.email


def roster_for(session: CohortSession) -> Roster:
    """Every enrolled learner with their mark, in two queries whatever the cohort's size."""
    enrolments = (
        cohort_members(session.cohort)
        .select_related("learner__profile")
        .order_by("learner__profile__full_name", "learner__email")
    )
    marks = dict(Attendance.objects.filter(session=session).values_list("learner_id", "status"))
    rows = [
        RosterRow(
            learner=enrolment.learner,
            name=_name(enrolment.learner),
            email=enrolment.learner.email,
            status=marks.get(enrolment.learner_id, ""),
        )
        for enrolment in enrolments
    ]
    return Roster(rows=rows, counts=roster_counts(rows))


def roster_counts(rows: list[RosterRow]) -> dict[str, int]:
    # Counted over the members only: a withdrawn learner's old mark is not on the roster.
    counts = dict.fromkeys((*STATUSES, "unmarked"), 0)
    for row in rows:
        counts[row.status or "unmarked"] += 1
    return counts


def session_counts(session: CohortSession) -> dict[str, int]:
    """The roster's counts without loading it: two queries (for the JSON answer to a tap)."""
    members = cohort_members(session.cohort)
    counts = dict.fromkeys((*STATUSES, "unmarked"), 0)
    marked = (
        Attendance.objects.filter(session=session, learner__in=members.values("learner"))
        .values("status")
        .annotate(number=Count("pk"))
    )
    for row in marked:
        counts[row["status"]] = row["number"]
    counts["unmarked"] = members.count() - sum(counts[status] for status in STATUSES)
    return counts


def member_enrolment(*, session: CohortSession, learner) -> Enrolment | None:
    if not getattr(learner, "is_authenticated", False):
        return None
    return cohort_members(session.cohort).filter(learner=learner).first()


# ---------------------------------------------------------------------------------------------
# Where a session stands on the clock
# ---------------------------------------------------------------------------------------------
def session_phase(session: CohortSession, *, now: datetime) -> str:
    """ "cancelled", "upcoming" (not started), "now" (started, not ended) or "past" (ended).
    A session starting this very second is under way; one ending this second is past."""
    if session.cancelled:
        return "cancelled"
    if now < session.starts_at:
        return "upcoming"
    if now < session.ends_at:
        return "now"
    return "past"


def session_is_over(session: CohortSession, *, now: datetime) -> bool:
    """Over for attendance: its check-in window has closed (lms/cohorts/checkin.py: 15 minutes
    after it ends). Until then an unmarked learner may still check in, so is not counted as
    missing it."""
    return checkin.window(session)[1] <= now
