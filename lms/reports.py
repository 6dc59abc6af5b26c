"""Trainer reports: who may see which course, and the figures shown in the admin.

Everything here reads; nothing writes. Each selector runs a fixed number of queries, whatever
the number of learners, attempts or quizzes (asserted in tests/lms/test_reports.py), and the
statistics are plain functions over plain values so that they can be checked by hand.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.api import CoursePage, QuizPage, trained_courses
from lms.models import Enrolment, LessonProgress, QuizAttempt
from lms.selectors import percent_done, requirements_for

# courses.services names the group REVIEWERS but is not part of courses.api; the name is part of
# the editorial setup every deployment runs (manage.py setup_editorial), so it is stable.
REVIEWERS_GROUP = "Reviewers"
ACTIVE_WINDOW = timedelta(days=7)
FINISHED = (QuizAttempt.Status.SUBMITTED, QuizAttempt.Status.EXPIRED)
# Fractions are stored rounded to 4 places; "fully right" allows for that rounding.
FULL_MARKS = 1 - 1e-6


# --- Who sees what -------------------------------------------------------------------------


def user_sees_all_courses(user) -> bool:
    """Staff, superusers and reviewers see every course's report. Memoised on the user object,
    which lives for one request: the admin menu asks on every page."""
    if not (user.is_authenticated and user.is_active):
        return False
    cached = getattr(user, "_lms_reports_all", None)
    if cached is None:
        cached = bool(
            user.is_staff or user.is_superuser or user.groups.filter(name=REVIEWERS_GROUP).exists()
        )
        user._lms_reports_all = cached
    return cached


def reportable_courses(user) -> QuerySet[CoursePage]:
    """The courses whose reports `user` may open, by title.

    A trainer assigned to any language version of a course sees every version's report, as they
    may edit every version (courses.services.course_trainers_sync).
    """
    if user_sees_all_courses(user):
        courses = CoursePage.objects.all()
    elif user.is_authenticated and user.is_active:
        courses = trained_courses(user)
    else:
        courses = CoursePage.objects.none()
    return courses.select_related("locale").order_by("title", "locale__language_code")


def user_may_report_on(*, user, course: CoursePage) -> bool:
    return reportable_courses(user).filter(pk=course.pk).exists()


def user_has_reports(user) -> bool:
    """Whether the admin menu offers the reports: one query at most, memoised per request."""
    if not (user.is_authenticated and user.is_active):
        return False
    cached = getattr(user, "_lms_reports_any", None)
    if cached is None:
        cached = user_sees_all_courses(user) or trained_courses(user).exists()
        user._lms_reports_any = cached
    return cached


# --- Course figures ------------------------------------------------------------------------


@dataclass(frozen=True)
class CourseFigures:
    enrolments: int = 0  # not withdrawn
    active: int = 0  # of those, active in the last seven days
    completions: int = 0  # of those, with a Completion

    @property
    def completion_rate(self) -> float | None:
        """Completions ÷ enrolments, 0..1; None when nobody is enrolled."""
        return self.completions / self.enrolments if self.enrolments else None


def course_figures(
    *, course_ids: Iterable[int], now: datetime | None = None
) -> dict[int, CourseFigures]:
    """Figures for each course, in one query however many courses.

    Withdrawn enrolments are left out of all three counts, so the completion rate stays within
    0..1 (a learner who completed and then withdrew keeps the Completion row, but is no longer
    counted as enrolled).
    """
    course_ids = list(course_ids)
    result = {pk: CourseFigures() for pk in course_ids}
    if not course_ids:
        return result
    since = (now or timezone.now()) - ACTIVE_WINDOW
    rows = (
        Enrolment.objects.filter(course_id__in=course_ids)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .values("course_id")
        .annotate(
            enrolled=Count("pk"),
            active=Count("pk", filter=Q(last_activity_at__gte=since)),
            completed=Count("completion"),
        )
        .order_by()
    )
    for row in rows:
        result[row["course_id"]] = CourseFigures(row["enrolled"], row["active"], row["completed"])
    return result


# --- Quiz statistics (pure) ----------------------------------------------------------------


class Correlation:
    """Running Pearson correlation of pairs (x, y), one pass, constant memory.

    Welford's update of the means and co-moments: numerically stable, and the sums of squares
    stay exactly 0 when every value is the same, so "no variance" is an exact test.
    """

    __slots__ = ("n", "mean_x", "mean_y", "m2_x", "m2_y", "c_xy")

    def __init__(self) -> None:
        self.n = 0
        self.mean_x = self.mean_y = 0.0
        self.m2_x = self.m2_y = self.c_xy = 0.0

    def add(self, x: float, y: float) -> None:
        self.n += 1
        dx = x - self.mean_x
        self.mean_x += dx / self.n
        dy = y - self.mean_y
        self.mean_y += dy / self.n
        self.m2_x += dx * (x - self.mean_x)
        self.m2_y += dy * (y - self.mean_y)
        self.c_xy += dx * (y - self.mean_y)

    @property
    def r(self) -> float | None:
        if self.n < 2 or self.m2_x == 0 or self.m2_y == 0:
            return None
        return max(-1.0, min(1.0, self.c_xy / math.sqrt(self.m2_x * self.m2_y)))


def point_biserial(fractions: Iterable[float], scores: Iterable[float]) -> float | None:
    """Discrimination index of one question: the point-biserial correlation between the
    question's fraction (0..1) in each attempt and that attempt's total score (0..100).

    For a question scored right/wrong (fraction 0 or 1)::

        r_pb = (M1 - M0) / s * sqrt(p * q)

    where M1 and M0 are the mean total scores of the attempts that got it right and wrong, s the
    population standard deviation of all total scores, p the share right and q = 1 - p. That is
    exactly Pearson's correlation with a 0/1 variable, so the general form used here also covers
    partial credit (multiple choice, ordering)::

        r = Σ (x - x̄)(y - ȳ) / sqrt(Σ (x - x̄)² · Σ (y - ȳ)²)

    with x the question's fraction and y the attempt's score. Near +1: the strong learners get
    it right and the weak ones wrong; near 0 or negative: the question does not separate them
    (or its key is wrong). The total includes the question itself (not the "corrected"
    item-rest form), which lifts r a little on short quizzes.

    Returns None with fewer than 2 attempts, or when either side has no variance (everyone got
    the same fraction, or the same score): the correlation is undefined then, not 0.
    """
    correlation = Correlation()
    for x, y in zip(fractions, scores, strict=True):
        correlation.add(float(x), float(y))
    return correlation.r


@dataclass(frozen=True)
class FinishedAttempt:
    score: float  # 0..100
    passed: bool
    results: dict  # {question id: {"fraction": 0..1, "points": n}}


@dataclass
class QuestionStats:
    attempts: int = 0  # finished attempts that included (and graded) the question
    full_marks: int = 0
    correlation: Correlation = field(default_factory=Correlation, repr=False)

    def add(self, fraction: float, score: float) -> None:
        self.attempts += 1
        if fraction >= FULL_MARKS:
            self.full_marks += 1
        self.correlation.add(fraction, score)

    @property
    def difficulty(self) -> float | None:
        """Share of the attempts that got the question fully right (the "p-value"): 0..1,
        higher is easier. None when no attempt included it."""
        return self.full_marks / self.attempts if self.attempts else None

    @property
    def discrimination(self) -> float | None:
        """The point-biserial index; see point_biserial()."""
        return self.correlation.r


@dataclass
class QuizStats:
    attempts: int = 0
    passed: int = 0
    score_total: float = 0.0
    questions: dict[str, QuestionStats] = field(default_factory=lambda: defaultdict(QuestionStats))

    def add(self, attempt: FinishedAttempt) -> None:
        self.attempts += 1
        self.passed += bool(attempt.passed)
        self.score_total += float(attempt.score)
        # Only graded questions are in results: one removed before grading was not counted.
        for question_id, result in attempt.results.items():
            self.questions[question_id].add(float(result["fraction"]), float(attempt.score))

    @property
    def pass_rate(self) -> float | None:
        return self.passed / self.attempts if self.attempts else None

    @property
    def average_score(self) -> float | None:
        return self.score_total / self.attempts if self.attempts else None


def quiz_statistics(attempts: Iterable[FinishedAttempt]) -> QuizStats:
    stats = QuizStats()
    for attempt in attempts:
        stats.add(attempt)
    return stats


# --- Quiz figures (reads) ------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionFigures:
    question_id: str
    prompt: str
    removed: bool
    stats: QuestionStats


@dataclass(frozen=True)
class QuizFigures:
    quiz: QuizPage
    stats: QuizStats
    questions: list[QuestionFigures]


def quiz_figures(*, course: CoursePage) -> list[QuizFigures]:
    """Every quiz of the course in outline order, with its finished attempts' statistics.

    Three queries: the quizzes, their question banks, and the finished attempts (streamed, so
    a course with many attempts does not hold them all in memory).
    """
    quizzes = list(
        QuizPage.objects.descendant_of(course).prefetch_related("banks").order_by("path")
    )
    stats = {quiz.pk: QuizStats() for quiz in quizzes}
    attempts = (
        QuizAttempt.objects.filter(course=course, status__in=FINISHED, quiz_id__in=list(stats))
        .values_list("quiz_id", "score", "passed", "results")
        .order_by()
    )
    for quiz_id, score, passed, results in attempts.iterator(chunk_size=1000):
        stats[quiz_id].add(FinishedAttempt(float(score or 0), bool(passed), results or {}))
    return [
        QuizFigures(quiz=quiz, stats=stats[quiz.pk], questions=_question_rows(quiz, stats[quiz.pk]))
        for quiz in quizzes
    ]


def _question_rows(quiz: QuizPage, stats: QuizStats) -> list[QuestionFigures]:
    """The quiz's pool in order, then questions attempts had that are no longer in the pool."""
    rows = []
    pool_ids = set()
    for question in quiz.question_pool():
        pool_ids.add(question.id)
        question_stats = stats.questions.get(question.id) or QuestionStats()
        rows.append(QuestionFigures(question.id, question.value["prompt"], False, question_stats))
    for question_id, question_stats in stats.questions.items():
        if question_id not in pool_ids:
            rows.append(QuestionFigures(question_id, _("(removed question)"), True, question_stats))
    return rows


# --- Learners ------------------------------------------------------------------------------


@dataclass(frozen=True)
class LearnerRow:
    name: str
    email: str
    status: str  # Enrolment.Status value
    percent: int
    enrolled_at: datetime
    last_activity_at: datetime | None
    completed_at: datetime | None

    @property
    def status_label(self):
        return Enrolment.Status(self.status).label


def course_enrolments(course: CoursePage) -> QuerySet[Enrolment]:
    """Every enrolment of the course, withdrawn ones too (their status says so), by name."""
    return (
        Enrolment.objects.filter(course=course)
        .select_related("learner__profile")
        .order_by("learner__profile__full_name", "learner__email", "pk")
    )


def learner_rows(
    *, course: CoursePage, enrolments: list[Enrolment] | None = None
) -> Iterator[LearnerRow]:
    """One row per enrolment with the learner's progress, computed as lms.selectors does.

    Given `enrolments` (a page of course_enrolments), the progress queries are limited to their
    learners; without, every enrolment of the course is streamed. Either way: two queries for
    the requirements, one for lesson progress, one for passed quizzes, one for the enrolments.
    The rows are produced lazily: nothing runs until the first is asked for.
    """
    requirements = requirements_for([course])[course.pk]
    required = set(requirements.lessons) | set(requirements.quizzes)
    progress = LessonProgress.objects.filter(course=course)
    passed = QuizAttempt.objects.filter(course=course, passed=True)
    if enrolments is not None:
        learner_ids = [enrolment.learner_id for enrolment in enrolments]
        progress = progress.filter(learner_id__in=learner_ids)
        passed = passed.filter(learner_id__in=learner_ids)
    done: dict[int, set[int]] = defaultdict(set)
    for learner_id, lesson_id in progress.values_list("learner_id", "lesson_id").order_by():
        done[learner_id].add(lesson_id)
    for learner_id, quiz_id in passed.values_list("learner_id", "quiz_id").distinct().order_by():
        done[learner_id].add(quiz_id)
    if enrolments is None:
        enrolments = course_enrolments(course).iterator(chunk_size=500)
    for enrolment in enrolments:
        learner = enrolment.learner
        profile = getattr(learner, "profile", None)
        yield LearnerRow(
            name=(profile.full_name or profile.preferred_name) if profile else "",
            email=learner.email,
            status=enrolment.status,
            percent=percent_done(len(required & done[learner.pk]), requirements.total),
            enrolled_at=enrolment.enrolled_at,
            last_activity_at=enrolment.last_activity_at,
            completed_at=enrolment.completed_at,
        )
