"""Reads of learner state. Each keeps a fixed number of queries however many courses or lessons."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import reduce
from operator import or_

from django.db import connection
from django.db.models import Q
from wagtail.models import Page

from courses.api import CoursePage, LessonPage, QuizPage
from lms.models import Completion, Enrolment, LessonProgress, QuizAttempt


@dataclass
class Requirements:
    lessons: list[int] = field(default_factory=list)
    quizzes: list[int] = field(default_factory=list)
    # Every item in outline order, required or not: for "continue" and the next step.
    items: list[int] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.lessons) + len(self.quizzes)


def requirements_for(courses: list[CoursePage]) -> dict[int, Requirements]:
    """What each course requires, from its live pages: two queries for any number of courses."""
    result = {course.pk: Requirements() for course in courses}
    if not courses:
        return result
    by_path = {course.path: course.pk for course in courses}
    inside = reduce(or_, (Q(path__startswith=path) for path in by_path))
    steplen = CoursePage.steplen
    rows = []
    for model, kind in ((LessonPage, "lessons"), (QuizPage, "quizzes")):
        for pk, path, depth, required in (
            model.objects.live()
            .filter(inside)
            .values_list("pk", "path", "depth", "required_for_completion")
        ):
            rows.append((path, pk, depth, required, kind))
    for path, pk, depth, required, kind in sorted(rows):
        course_id = by_path.get(path[: (depth - 2) * steplen])
        if course_id is None:
            continue
        requirements = result[course_id]
        requirements.items.append(pk)
        if required:
            getattr(requirements, kind).append(pk)
    return result


def done_item_ids(*, learner, course_ids) -> set[int]:
    """Lessons completed and quizzes passed in these courses: one query (a UNION)."""
    course_ids = list(course_ids)
    if not course_ids:
        return set()
    lessons = LessonProgress.objects.filter(learner=learner, course_id__in=course_ids)
    passed = QuizAttempt.objects.filter(learner=learner, course_id__in=course_ids, passed=True)
    return set(
        lessons.values_list("lesson_id", flat=True)
        .order_by()
        .union(passed.values_list("quiz_id", flat=True).order_by())
    )


def percent_done(done: int, total: int) -> int:
    """The share of a course's required steps done, as every progress bar shows it."""
    return 100 if total == 0 else round(100 * done / total)


@dataclass
class CourseProgress:
    """How far a learner is in one enrolled course: what the dashboard and the storefront panel
    show. Computed once per request (learner_progress) and shared by every panel that shows it."""

    enrolment: Enrolment
    required_total: int = 0
    required_done: int = 0
    # The step "Continue" leads to: the first item not done yet, after the one last opened if
    # that one is done (None when every item is done).
    next_item_id: int | None = None
    next_item_title: str = ""

    @property
    def percent(self) -> int:
        return percent_done(self.required_done, self.required_total)


# The grouped progress of learner_progress, as one SQL statement. Raw SQL because the ORM's
# version cost a third of /dashboard/ on the 1,000,000-row bench: building it took ~10% of the
# page, and PostgreSQL planning the "done" subquery it repeated in eight aggregates ~18%. Here the
# learner's done set is computed once (a CTE), each item is joined to it once, and the next
# step's title is joined in at the end. Plain SQL that PostgreSQL and SQLite (tests) both run:
# no casts, no ANY(array), no bool_or.
_PROGRESS_SQL = """
WITH courses (course_id, path, depth, last_id, last_path) AS (VALUES {courses}),
done (item_id) AS (
    SELECT lesson_id FROM {progress} WHERE learner_id = %s AND course_id IN ({ids})
    UNION
    SELECT quiz_id FROM {attempt} WHERE learner_id = %s AND course_id IN ({ids}) AND passed
),
items AS (
    SELECT c.course_id, p.id, p.path, c.last_id, c.last_path,
           COALESCE(l.required_for_completion, q.required_for_completion) AS required,
           d.item_id IS NOT NULL AS is_done
    FROM courses c
    JOIN {page} p
      ON p.depth = c.depth + 2 AND substr(p.path, 1, length(c.path)) = c.path AND p.live
    LEFT JOIN {lesson} l ON l.page_ptr_id = p.id
    LEFT JOIN {quiz} q ON q.page_ptr_id = p.id
    LEFT JOIN done d ON d.item_id = p.id
    WHERE l.page_ptr_id IS NOT NULL OR q.page_ptr_id IS NOT NULL
),
stats AS (
    SELECT course_id,
           COUNT(*) FILTER (WHERE required) AS total,
           COUNT(*) FILTER (WHERE required AND is_done) AS done,
           MIN(path) FILTER (WHERE NOT is_done) AS first_pending,
           COUNT(*) FILTER (WHERE id = last_id) AS last_seen,
           COUNT(*) FILTER (WHERE id = last_id AND NOT is_done) AS last_pending,
           MIN(path) FILTER (WHERE path > last_path AND NOT is_done) AS pending_after_last,
           MAX(last_path) AS last_path
    FROM items GROUP BY course_id
),
next AS (
    SELECT course_id, total, done,
           CASE WHEN last_pending > 0 THEN last_path
                WHEN last_seen > 0 AND pending_after_last IS NOT NULL THEN pending_after_last
                ELSE first_pending END AS next_path
    FROM stats
)
SELECT n.course_id, n.total, n.done, p.id, p.title
FROM next n LEFT JOIN {page} p ON p.path = n.next_path
"""


def learner_progress(*, learner, enrolments: list[Enrolment]) -> list[CourseProgress]:
    """Progress in each of the learner's enrolments, in one query whatever their number.

    One grouped query over the courses' live lessons and quizzes counts, per course, the
    required ones and those the learner has done ("done": a lesson completed or a quiz passed in
    these courses, as done_item_ids says), and finds the next step with its title. Nothing is
    loaded item by item: a learner with four courses of 130 lessons each used to bring ~1,000
    rows into Python, twice per dashboard (the storefront panel repeated it).

    The next step is the last item opened if it is not done, else the first pending item after
    it, else the first pending item of the course. An item of a course is a live lesson or quiz
    two levels below it (course ▸ module ▸ item), as requirements_for counts them.

    The enrolments need their course loaded (select_related), and their last item for the next
    step (one query more per enrolment otherwise).
    """
    if not enrolments:
        return []
    courses = {enrolment.course_id: enrolment for enrolment in enrolments}
    values, params = [], []
    for course_id, enrolment in courses.items():
        last = enrolment.last_item if enrolment.last_item_id is not None else None
        # Typed, so that a column of NULLs (no item opened yet) still compares with ids and paths.
        values.append(
            "(CAST(%s AS INTEGER), CAST(%s AS TEXT), CAST(%s AS INTEGER), CAST(%s AS INTEGER), "
            "CAST(%s AS TEXT))"
        )
        params += [
            course_id,
            enrolment.course.path,
            enrolment.course.depth,
            last.pk if last else None,
            last.path if last else None,
        ]
    ids = ", ".join(["%s"] * len(courses))
    sql = _PROGRESS_SQL.format(
        courses=", ".join(values),
        ids=ids,
        progress=LessonProgress._meta.db_table,
        attempt=QuizAttempt._meta.db_table,
        page=Page._meta.db_table,
        lesson=LessonPage._meta.db_table,
        quiz=QuizPage._meta.db_table,
    )
    params += [learner.pk, *courses, learner.pk, *courses]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        stats = {row[0]: row[1:] for row in cursor.fetchall()}
    result = []
    for enrolment in enrolments:
        total, done, next_id, next_title = stats.get(enrolment.course_id, (0, 0, None, None))
        result.append(
            CourseProgress(
                enrolment,
                required_total=total,
                required_done=done,
                next_item_id=next_id,
                next_item_title=next_title or "",
            )
        )
    return result


def course_progress(*, learner, course_ids) -> list[CourseProgress]:
    """The learner's progress in each of these courses they are enrolled in (withdrawn
    enrolments left out), in three queries whatever their number. A page that has already
    computed the learner's progress (the dashboard) passes it on instead of calling this."""
    enrolments = list(
        Enrolment.objects.filter(learner=learner, course_id__in=course_ids)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .select_related("course", "last_item")
    )
    return learner_progress(learner=learner, enrolments=enrolments)


@dataclass(frozen=True)
class CompletionFacts:
    """A completion as the apps downstream of lms see it (certificates issue from it)."""

    completion_id: int
    learner: object  # accounts' User
    course_id: int
    cohort_id: int | None
    completed_at: datetime


def completion_facts(*, completion_id: int) -> CompletionFacts | None:
    """What a completion says, or None if there is no such completion. One query."""
    completion = (
        Completion.objects.select_related("enrolment__learner").filter(pk=completion_id).first()
    )
    if completion is None:
        return None
    enrolment = completion.enrolment
    return CompletionFacts(
        completion_id=completion.pk,
        learner=enrolment.learner,
        course_id=enrolment.course_id,
        cohort_id=enrolment.cohort_id,
        completed_at=completion.completed_at,
    )


def completion_ids(*, learner, course_ids) -> list[int]:
    """The learner's completions of these courses, oldest first."""
    return list(
        Completion.objects.filter(enrolment__learner=learner, enrolment__course_id__in=course_ids)
        .values_list("pk", flat=True)
        .order_by("completed_at", "pk")
    )


def enrolment_for(*, learner, course) -> Enrolment | None:
    if not learner.is_authenticated:
        return None
    return (
        Enrolment.objects.filter(learner=learner, course=course)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .first()
    )
