"""Reads of learner state. Each keeps a fixed number of queries however many courses or lessons."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import reduce
from operator import or_

from django.db.models import Case, Count, IntegerField, Min, Q, Value, When
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


def learner_progress(*, learner, enrolments: list[Enrolment]) -> list[CourseProgress]:
    """Progress in each of the learner's enrolments, in two queries whatever their number.

    One grouped query over the courses' live lessons and quizzes counts, per course, the
    required ones and those the learner has done, and finds the next step; the second reads the
    next steps' ids and titles. Nothing is loaded item by item: a learner with four courses of
    130 lessons each used to bring ~1,000 rows into Python, twice per dashboard (the storefront
    panel repeated it), a third of the page's time on the 1,000,000-row bench.

    The enrolments need their course loaded (select_related), and their last item for the next
    step (one query more per enrolment otherwise).
    """
    if not enrolments:
        return []
    courses = {enrolment.course_id: enrolment.course for enrolment in enrolments}
    course_ids = list(courses)
    # "Done" is a lesson completed or a quiz passed in any of these courses, as done_item_ids
    # says; two uncorrelated IN subqueries, which PostgreSQL hashes once for all the rows.
    done = Q(
        pk__in=LessonProgress.objects.filter(learner=learner, course_id__in=course_ids)
        .values("lesson_id")
        .order_by()
    ) | Q(
        pk__in=QuizAttempt.objects.filter(learner=learner, course_id__in=course_ids, passed=True)
        .values("quiz_id")
        .order_by()
    )
    pending = ~done
    required = Q(lessonpage__required_for_completion=True) | Q(
        quizpage__required_for_completion=True
    )
    # An item of a course is a live lesson or quiz two levels below it (course ▸ module ▸ item),
    # as requirements_for counts them.
    inside = {
        pk: Q(path__startswith=course.path, depth=course.depth + 2)
        for pk, course in courses.items()
    }
    aggregates = {
        "total": Count("pk", filter=required),
        "done": Count("pk", filter=required & done),
        "first_pending": Min("path", filter=pending),
    }
    last = {
        enrolment.course_id: enrolment.last_item
        for enrolment in enrolments
        if enrolment.last_item_id is not None
    }
    if last:
        opened = reduce(or_, (inside[pk] & Q(pk=item.pk) for pk, item in last.items()))
        after = reduce(or_, (inside[pk] & Q(path__gt=item.path) for pk, item in last.items()))
        aggregates |= {
            "last_seen": Count("pk", filter=opened),
            "last_pending": Count("pk", filter=opened & pending),
            "pending_after_last": Min("path", filter=after & pending),
        }
    rows = (
        Page.objects.filter(reduce(or_, inside.values()))
        .filter(Q(lessonpage__isnull=False) | Q(quizpage__isnull=False), live=True)
        .annotate(
            course_key=Case(
                *(When(condition, then=Value(pk)) for pk, condition in inside.items()),
                output_field=IntegerField(),
            )
        )
        .order_by()
        .values("course_key")
        .annotate(**aggregates)
    )
    stats = {row["course_key"]: row for row in rows}
    result, next_paths = [], {}
    for enrolment in enrolments:
        row = stats.get(enrolment.course_id, {})
        if row.get("last_pending"):
            next_path = last[enrolment.course_id].path
        elif row.get("last_seen") and row.get("pending_after_last"):
            next_path = row["pending_after_last"]
        else:
            next_path = row.get("first_pending")
        entry = CourseProgress(
            enrolment, required_total=row.get("total", 0), required_done=row.get("done", 0)
        )
        if next_path:
            next_paths[next_path] = entry
        result.append(entry)
    if next_paths:
        for path, pk, title in Page.objects.filter(path__in=list(next_paths)).values_list(
            "path", "pk", "title"
        ):
            next_paths[path].next_item_id, next_paths[path].next_item_title = pk, title
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
