"""Reads of learner state. Each keeps a fixed number of queries however many courses or lessons."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import reduce
from operator import or_

from django.db.models import Q

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


def completed_lesson_ids(*, learner, course_ids) -> set[int]:
    return set(
        LessonProgress.objects.filter(learner=learner, course_id__in=course_ids).values_list(
            "lesson_id", flat=True
        )
    )


def passed_quiz_ids(*, learner, course_ids) -> set[int]:
    return set(
        QuizAttempt.objects.filter(learner=learner, course_id__in=course_ids, passed=True)
        .values_list("quiz_id", flat=True)
        .distinct()
    )


def done_item_ids(*, learner, course_ids) -> set[int]:
    """Lessons completed and quizzes passed in these courses: two queries."""
    return completed_lesson_ids(learner=learner, course_ids=course_ids) | passed_quiz_ids(
        learner=learner, course_ids=course_ids
    )


@dataclass
class CourseProgress:
    enrolment: Enrolment
    requirements: Requirements
    done: set[int]

    @property
    def required_done(self) -> int:
        required = set(self.requirements.lessons) | set(self.requirements.quizzes)
        return len(required & self.done)

    @property
    def percent(self) -> int:
        total = self.requirements.total
        return 100 if total == 0 else round(100 * self.required_done / total)

    @property
    def next_item_id(self) -> int | None:
        """The first item not done yet, after the one last opened if that one is done."""
        items = self.requirements.items
        pending = [pk for pk in items if pk not in self.done]
        if not pending:
            return None
        last = self.enrolment.last_item_id
        if last in items and last not in self.done:
            return last
        if last in items:
            after = items[items.index(last) + 1 :]
            following = [pk for pk in after if pk not in self.done]
            if following:
                return following[0]
        return pending[0]


def learner_progress(*, learner, enrolments: list[Enrolment]) -> list[CourseProgress]:
    """Progress for each enrolment, in five queries whatever their number."""
    courses = [enrolment.course for enrolment in enrolments]
    requirements = requirements_for(courses)
    course_ids = [course.pk for course in courses]
    done = done_item_ids(learner=learner, course_ids=course_ids)
    return [
        CourseProgress(enrolment, requirements[enrolment.course_id], done)
        for enrolment in enrolments
    ]


def course_progress(*, learner, course_ids) -> list[CourseProgress]:
    """The learner's progress in each of these courses they are enrolled in (withdrawn
    enrolments left out), in six queries whatever their number."""
    enrolments = list(
        Enrolment.objects.filter(learner=learner, course_id__in=course_ids)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .select_related("course")
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
