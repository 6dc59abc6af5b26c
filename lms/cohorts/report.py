"""Cohort report: who may see a cohort's back office, and the attendance matrix.

Everything here reads. ``cohort_report`` runs a fixed number of queries (six) whatever the
number of learners and sessions: the matrix is assembled in Python from one query per kind of
row, never one query per learner or per cell (asserted in tests/lms/cohorts/test_report.py for
300 learners × 20 sessions against 3 × 2).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from lms.cohorts.attendance import session_is_over
from lms.cohorts.models import Attendance, Cohort, CohortSession
from lms.cohorts.selectors import cohort_members
from lms.models import Enrolment, QuizAttempt
from lms.selectors import requirements_for

# --- The matrix ----------------------------------------------------------------------------

MARKS = (
    Attendance.Status.PRESENT,
    Attendance.Status.ABSENT,
    Attendance.Status.EXCUSED,
)


@dataclass(frozen=True)
class ReportRow:
    enrolment_id: int
    name: str
    email: str
    marks: list[str | None]  # one Attendance.Status value (or None: not marked) per session
    attendance_percent: int
    missed: int  # marked absent, or over without a mark
    counted: int  # sessions that count so far (attendance_counts); none: no rate yet
    attendance_met: bool
    quizzes_passed: int
    quizzes_required: int
    completed: bool
    completed_at: datetime | None

    @property
    def progress_percent(self) -> int:
        """Required quizzes passed ÷ required quizzes; 100 when the course requires none, as
        lms.selectors.CourseProgress does."""
        if not self.quizzes_required:
            return 100
        return round(100 * self.quizzes_passed / self.quizzes_required)


@dataclass(frozen=True)
class CohortReport:
    cohort: Cohort
    sessions: list[CohortSession]  # not cancelled, by start
    over: list[bool]  # for each session: over (its check-in has closed)
    rows: list[ReportRow]

    @property
    def completed(self) -> int:
        return sum(row.completed for row in self.rows)


def attendance_counts(marks: list[str | None], over: list[bool]) -> tuple[int, int]:
    """(present, counted) over the sessions that count for a learner: those marked present or
    absent, and those over without a mark (missed). Excused sessions are left out, and so is a
    session that is not over yet and not marked: it is not missed while it can still be
    attended (future sessions used to count as missed)."""
    present = marks.count(Attendance.Status.PRESENT)
    absent = marks.count(Attendance.Status.ABSENT)
    missed = sum(1 for mark, ended in zip(marks, over, strict=True) if mark is None and ended)
    return present, present + absent + missed


def attendance_share(present: int, counted: int) -> int:
    return 0 if counted <= 0 else round(100 * present / counted)


def attendance_percent(marks: list[str | None], over: list[bool] | None = None) -> int:
    """Present ÷ the sessions that count (attendance_counts). Without ``over``, every session
    is taken as over, as lms.cohorts.selectors.attendance_rate counts for completion."""
    if over is None:
        over = [True] * len(marks)
    return attendance_share(*attendance_counts(marks, over))


def _members(cohort: Cohort) -> QuerySet[Enrolment]:
    return (
        cohort_members(cohort)
        .select_related("learner__profile")
        .order_by("learner__profile__full_name", "learner__email", "pk")
    )


def _display_name(learner) -> str:
    profile = getattr(learner, "profile", None)
    if profile is None:
        return ""
    return profile.full_name or profile.preferred_name


def cohort_report(*, cohort: Cohort, now: datetime | None = None) -> CohortReport:
    """The cohort's members (withdrawn ones left out) × its sessions, with progress. Attendance
    counts the sessions over at ``now`` (default: this moment) and the ones already marked.

    Six queries: the sessions, the course's requirements (two), the members with their
    profiles, every attendance mark of the cohort, and the passed required quizzes. ``cohort``
    should come with its course (select_related), or a seventh query loads it.
    """
    now = now or timezone.now()
    sessions = list(CohortSession.objects.filter(cohort=cohort, cancelled=False))
    over = [session_is_over(session, now=now) for session in sessions]
    requirements = requirements_for([cohort.course])[cohort.course_id]
    required_quizzes = set(requirements.quizzes)
    enrolments = list(_members(cohort))

    # Marks of learners who have left the cohort are read and ignored; filtering them out in
    # SQL would cost a join or a parameter per learner for no gain.
    marks: dict[int, dict[int, str]] = defaultdict(dict)
    if sessions and enrolments:
        rows = Attendance.objects.filter(
            session__cohort=cohort, session__cancelled=False
        ).values_list("learner_id", "session_id", "status")
        for learner_id, session_id, status in rows.order_by():
            marks[learner_id][session_id] = status

    passed: dict[int, set[int]] = defaultdict(set)
    if required_quizzes and enrolments:
        rows = (
            QuizAttempt.objects.filter(
                course_id=cohort.course_id,
                passed=True,
                quiz_id__in=required_quizzes,
                learner_id__in=cohort_members(cohort).values("learner_id"),
            )
            .values_list("learner_id", "quiz_id")
            .distinct()
            .order_by()
        )
        for learner_id, quiz_id in rows:
            passed[learner_id].add(quiz_id)

    threshold = cohort.attendance_threshold
    result = []
    for enrolment in enrolments:
        learner_marks = marks.get(enrolment.learner_id, {})
        row_marks = [learner_marks.get(session.pk) for session in sessions]
        present, counted = attendance_counts(row_marks, over)
        percent = attendance_share(present, counted)
        result.append(
            ReportRow(
                enrolment_id=enrolment.pk,
                name=_display_name(enrolment.learner),
                email=enrolment.learner.email,
                marks=row_marks,
                attendance_percent=percent,
                missed=counted - present,
                counted=counted,
                # Nothing to go by before the first session is over: not below the threshold.
                attendance_met=counted == 0 or percent >= threshold,
                quizzes_passed=len(passed.get(enrolment.learner_id, ())),
                quizzes_required=len(required_quizzes),
                completed=enrolment.status == Enrolment.Status.COMPLETED,
                completed_at=enrolment.completed_at,
            )
        )
    return CohortReport(cohort=cohort, sessions=sessions, over=over, rows=result)
