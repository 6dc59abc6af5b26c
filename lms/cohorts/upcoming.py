"""The learner's next sessions, for the dashboard (lms/dashboard.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse

from lms.cohorts import checkin
from lms.cohorts.attendance import session_phase
from lms.cohorts.models import Attendance, CohortSession
from lms.models import Enrolment

# How many sessions "Upcoming sessions" lists; the cohort's timetable has them all.
UPCOMING_SESSIONS = 5


@dataclass(frozen=True)
class UpcomingSession:
    session: CohortSession
    phase: str  # lms.cohorts.attendance.session_phase
    checkin_open: bool
    checked_in: bool

    @property
    def checkin_url(self) -> str:
        return reverse("lms_cohort_checkin", args=[self.session.cohort.public_id, self.session.pk])

    @property
    def timetable_url(self) -> str:
        url = reverse("lms_cohort_timetable", args=[self.session.cohort.public_id])
        return f"{url}#session-{self.session.pk}"


def upcoming_sessions(*, user, enrolments: list[Enrolment], now: datetime) -> list[UpcomingSession]:
    """The next sessions of the learner's cohorts: those under way or to come, and those whose
    check-in is still open (15 minutes after the end), cancelled ones too. Two queries however
    many cohorts and sessions: the sessions, and the learner's present marks among them."""
    cohort_ids = {enrolment.cohort_id for enrolment in enrolments if enrolment.cohort_id}
    if not cohort_ids:
        return []
    sessions = list(
        CohortSession.objects.filter(cohort_id__in=cohort_ids, ends_at__gt=now - checkin.MARGIN)
        .select_related("cohort")
        .order_by("starts_at", "pk")[:UPCOMING_SESSIONS]
    )
    present = set(
        Attendance.objects.filter(
            learner=user, session__in=sessions, status=Attendance.Status.PRESENT
        ).values_list("session_id", flat=True)
    )
    return [
        UpcomingSession(
            session=session,
            phase=session_phase(session, now=now),
            checkin_open=not session.cancelled and checkin.is_open(session, at=now),
            checked_in=session.pk in present,
        )
        for session in sessions
    ]
