"""Reading cohorts: who is in one, in which time zone a learner reads session times, the
timetable and its calendar files, attendance as completion counts it, and what learning asks of
cohorts (through lms/cohorts/api.py). Queries only; changes go through lms/cohorts/services.py
and lms/cohorts/sessions.py."""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable
from datetime import datetime
from email.utils import parseaddr

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from wagtail.documents import get_document_model

from core.links import absolute_url
from courses.api import LessonPage
from lms.cohorts import ics
from lms.cohorts.access import user_may_manage_cohort
from lms.cohorts.models import Attendance, Cohort, CohortSession, LearnerSettings
from lms.models import Enrolment


def cohort_members(cohort: Cohort) -> QuerySet[Enrolment]:
    """The cohort's enrolments, withdrawn learners excepted."""
    return Enrolment.objects.filter(cohort=cohort).exclude(status=Enrolment.Status.WITHDRAWN)


def cohort_choices() -> list[tuple[int, str]]:
    """Every cohort as (id, "name (course)"), newest first: the programme dashboard's filter
    (impact/dashboard/), one query."""
    rows = Cohort.objects.order_by("-starts_on", "name").values_list("pk", "name", "course__title")
    return [(pk, f"{name} ({course})") for pk, name, course in rows]


def cohorts_taking_applications(*, course_id: int) -> QuerySet[Cohort]:
    """The course's cohorts that take applications and are not finished, for its "Apply" links."""
    return (
        Cohort.objects.filter(course_id=course_id, enrolment_mode=Cohort.Mode.APPLICATION)
        .exclude(status=Cohort.Status.FINISHED)
        .order_by("starts_on")
    )


def cohorts_handing_out(*, document_id: int) -> set[int]:
    """The ids of the cohorts whose sessions hand out this document."""
    return set(
        CohortSession.documents.through.objects.filter(document_id=document_id).values_list(
            "cohortsession__cohort_id", flat=True
        )
    )


def facilitates_any(*, user, cohort_ids: Iterable[int]) -> bool:
    """Whether the user facilitates one of these cohorts."""
    return Cohort.facilitators.through.objects.filter(
        cohort_id__in=list(cohort_ids), user_id=user.pk
    ).exists()


def attendance_rate(*, learner, cohort_id: int) -> int:
    """Percent of the cohort's sessions attended. Cancelled sessions do not count, nor do
    sessions the learner was excused from."""
    sessions = CohortSession.objects.filter(cohort_id=cohort_id, cancelled=False)
    marks = dict(
        Attendance.objects.filter(learner=learner, session__in=sessions).values_list(
            "session_id", "status"
        )
    )
    counted = sessions.count() - sum(1 for status in marks.values() if status == "excused")
    present = sum(1 for status in marks.values() if status == "present")
    return 0 if counted <= 0 else round(100 * present / counted)


def attendance_met(*, enrolment: Enrolment) -> bool:
    """Whether the learner attended enough of their cohort's sessions to complete the course."""
    cohort = enrolment.cohort
    return attendance_rate(learner=enrolment.learner, cohort_id=cohort.pk) >= (
        cohort.attendance_threshold
    )


# ---------------------------------------------------------------------------------------------
# Time zones
# ---------------------------------------------------------------------------------------------
def learner_time_zone_name(*, user) -> str:
    """The time zone the user chose, or "" for the site's (settings.TIME_ZONE)."""
    if not user.is_authenticated:
        return ""
    row = LearnerSettings.objects.filter(user=user).values_list("time_zone", flat=True).first()
    return row or ""


def time_zone_named(name: str) -> zoneinfo.ZoneInfo:
    """The zone of that name; the site's for "" or for a name the tz database no longer has."""
    try:
        return zoneinfo.ZoneInfo(name or settings.TIME_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        # A zone removed from a later tz database release: fall back rather than fail the page.
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def learner_time_zone(*, user) -> zoneinfo.ZoneInfo:
    return time_zone_named(learner_time_zone_name(user=user))


# ---------------------------------------------------------------------------------------------
# Timetable
# ---------------------------------------------------------------------------------------------
def cohort_timetable_visible(*, user, cohort: Cohort) -> bool:
    """Learners enrolled in the cohort, its facilitators, and staff."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user_may_manage_cohort(user=user, cohort=cohort):
        return True
    return cohort_members(cohort).filter(learner=user).exists()


def timetable_sessions(*, cohort: Cohort) -> QuerySet[CohortSession]:
    """The cohort's sessions in order, with their live lessons and documents: three queries
    whatever the number of sessions."""
    return (
        CohortSession.objects.filter(cohort=cohort)
        .order_by("starts_at", "pk")
        .prefetch_related(
            Prefetch("lessons", queryset=LessonPage.objects.live().order_by("path")),
            Prefetch("documents", queryset=get_document_model().objects.order_by("title", "pk")),
        )
    )


def timetable_url(*, cohort: Cohort) -> str:
    return absolute_url(reverse("lms_cohort_timetable", args=[cohort.public_id]))


def session_url(session: CohortSession) -> str:
    return f"{timetable_url(cohort=session.cohort)}#session-{session.pk}"


def sessions_ics(
    *,
    sessions: Iterable[CohortSession],
    name: str = "",
    method: str = "PUBLISH",
    attendee=None,
    now: datetime | None = None,
) -> str:
    """The calendar file of these sessions (each with its ``cohort`` loaded). For an e-mail
    (``method`` REQUEST or CANCEL), ``attendee`` is the learner it goes to."""
    organizer = attendee_entry = None
    if attendee is not None:
        sender_name, sender_email = parseaddr(settings.DEFAULT_FROM_EMAIL)
        organizer = (sender_name or "Isoko", sender_email)
        attendee_entry = (attendee.get_short_name(), attendee.email)
    return ics.calendar(
        sessions,
        url_for=session_url,
        method=method,
        name=name,
        dtstamp=now,
        organizer=organizer,
        attendee=attendee_entry,
    )
