from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.models import Page

from accounts.api import profile_for, user_has_admin_access
from lms.cohorts import checkin
from lms.cohorts.attendance import session_phase
from lms.cohorts.reminders import learner_time_zone
from lms.models import Attendance, CohortSession, Enrolment
from lms.selectors import learner_progress

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


def dashboard_context(user) -> dict:
    """Everything /dashboard/ shows, in a fixed number of queries (asserted in tests)."""
    from allauth.mfa.utils import is_mfa_enabled

    enrolments = list(
        Enrolment.objects.filter(learner=user)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .select_related("course", "last_item", "cohort")
        # The latest activity first; courses not started yet after them, newest first (a
        # NULL would sort first on PostgreSQL and last on SQLite without nulls_last).
        .order_by(F("last_activity_at").desc(nulls_last=True), "-enrolled_at", "-pk")
    )
    progress = learner_progress(learner=user, enrolments=enrolments)
    next_ids = {p.next_item_id for p in progress if p.next_item_id}
    items = {page.pk: page for page in Page.objects.filter(pk__in=next_ids)} if next_ids else {}
    for entry in progress:
        entry.next_item = items.get(entry.next_item_id)
    profile = profile_for(user)
    # Apps downstream of lms (certificates, marketplace_link) fill the dashboard's "My
    # certificates" and "My storefront" panels through this hook: each function takes the user
    # and returns {panel name: HTML}. lms never imports them (the layers go one way).
    panels: dict = {}
    for panel_fn in hooks.get_hooks("isoko_dashboard_panels"):
        panels.update(panel_fn(user))
    cohort_enrolments = [enrolment for enrolment in enrolments if enrolment.cohort_id]
    return {
        # The invitation promises the cohort's sessions here (issue 13, A20). Only learners in
        # a cohort pay for them: two queries, and one for their time zone.
        "in_a_cohort": bool(cohort_enrolments),
        "upcoming_sessions": upcoming_sessions(
            user=user, enrolments=cohort_enrolments, now=timezone.now()
        ),
        "sessions_zone": learner_time_zone(user=user) if cohort_enrolments else None,
        "panels": panels,
        "profile": profile,
        "profile_incomplete": not profile.full_name,
        "mfa_enabled": is_mfa_enabled(user),
        "has_admin_access": user_has_admin_access(user),
        "facilitates": user.facilitated_cohorts.exists() or user.is_staff,
        "in_progress": [p for p in progress if p.enrolment.status == Enrolment.Status.ACTIVE],
        "completed": [p for p in progress if p.enrolment.status == Enrolment.Status.COMPLETED],
    }
