"""Programme-impact numbers of cohorts: members, completion and attendance per session.

The same rules as the cohort report (lms/cohorts/report.py): withdrawn learners are not
members; cancelled sessions do not count; an excused session is left out; a session counts
for a member who did not attend once its check-in has closed (lms/cohorts/checkin.py), and
before that only if marked. Four queries, whatever the number of cohorts and sessions.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, F, Q
from django.utils import timezone

from accounts.api import impact_people_q
from core.impact import ImpactFilter
from courses.api import CoursePage
from lms.cohorts.checkin import MARGIN
from lms.cohorts.models import Attendance, Cohort, CohortSession
from lms.models import Enrolment

MEMBER_STATUSES = (Enrolment.Status.ACTIVE, Enrolment.Status.COMPLETED)


def _cohorts(filters: ImpactFilter):
    cohorts = Cohort.objects.all()
    if filters.cohort_id is not None:
        cohorts = cohorts.filter(pk=filters.cohort_id)
    if filters.course_id is not None:
        keys = CoursePage.objects.filter(pk=filters.course_id).values("translation_key")
        cohorts = cohorts.filter(course__translation_key__in=keys)
    # A cohort is in the period when its run overlaps it.
    if filters.start is not None:
        cohorts = cohorts.filter(ends_on__gte=filters.start)
    if filters.end is not None:
        cohorts = cohorts.filter(starts_on__lte=filters.end)
    return cohorts


def _rate(part: int, whole: int) -> float | None:
    return None if whole <= 0 else round(100 * part / whole, 1)


def impact_cohorts(filters: ImpactFilter, *, now: datetime | None = None) -> dict:
    """``{"cohorts": [...], "sessions": [...]}``: per cohort its members (people of the
    filter), completion and attendance rates; per session the attendance expected and
    attended. Four queries."""
    now = now or timezone.now()
    people = impact_people_q(filters, "learner__")
    cohorts = _cohorts(filters)
    members = {
        row["cohort_id"]: row
        for row in Enrolment.objects.filter(people, cohort__in=cohorts, status__in=MEMBER_STATUSES)
        .values("cohort_id")
        .annotate(
            learners=Count("pk"),
            completed=Count("pk", filter=Q(status=Enrolment.Status.COMPLETED)),
        )
        .order_by()
    }
    sessions = list(
        CohortSession.objects.filter(cohort__in=cohorts, cancelled=False)
        .values(
            "pk",
            "title",
            "starts_at",
            "ends_at",
            "cohort_id",
            cohort_name=F("cohort__name"),
            cohort_starts=F("cohort__starts_on"),
            course_title=F("cohort__course__title"),
        )
        .order_by("cohort__starts_on", "cohort__name", "cohort_id", "starts_at", "pk")
    )
    # Marks of current members only (one cohort enrolment per learner and course, so the join
    # matches at most one row per mark).
    marks = {
        row["session_id"]: row
        for row in Attendance.objects.filter(
            people,
            session__cohort__in=cohorts,
            session__cancelled=False,
            learner__enrolments__cohort=F("session__cohort"),
            learner__enrolments__status__in=MEMBER_STATUSES,
        )
        .values("session_id")
        .annotate(
            present=Count("pk", filter=Q(status=Attendance.Status.PRESENT)),
            absent=Count("pk", filter=Q(status=Attendance.Status.ABSENT)),
            excused=Count("pk", filter=Q(status=Attendance.Status.EXCUSED)),
        )
        .order_by()
    }
    zone = timezone.get_default_timezone()
    session_rows = []
    totals: dict[int, list[int]] = {}
    cohort_info = {
        row["pk"]: row
        for row in cohorts.values(
            "pk",
            cohort_name=F("name"),
            cohort_starts=F("starts_on"),
            course_title=F("course__title"),
        ).order_by()
    }
    for session in sessions:
        mark = marks.get(session["pk"], {})
        present, absent = mark.get("present", 0), mark.get("absent", 0)
        over = session["ends_at"] + MARGIN <= now
        size = members.get(session["cohort_id"], {}).get("learners", 0)
        expected = max(size - mark.get("excused", 0), 0) if over else present + absent
        total = totals.setdefault(session["cohort_id"], [0, 0])
        total[0] += present
        total[1] += expected
        session_rows.append(
            {
                "cohort": session["cohort_name"],
                "session": session["title"],
                "starts": timezone.localtime(session["starts_at"], zone).strftime("%Y-%m-%d %H:%M"),
                "expected": expected,
                "attended": present,
                "attendance_rate": _rate(present, expected),
            }
        )
    cohort_rows = []
    for pk, info in sorted(
        cohort_info.items(),
        key=lambda item: (item[1]["cohort_starts"], item[1]["cohort_name"], item[0]),
    ):
        member = members.get(pk, {})
        present, expected = totals.get(pk, [0, 0])
        cohort_rows.append(
            {
                "cohort": info["cohort_name"],
                "course": info["course_title"],
                "learners": member.get("learners", 0),
                "completion_rate": _rate(member.get("completed", 0), member.get("learners", 0)),
                "attendance_rate": _rate(present, expected),
            }
        )
    return {"cohorts": cohort_rows, "sessions": session_rows}
