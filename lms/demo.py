"""Demo learning records for ``seed_demo`` (the demo package holds the data): a cohort with its
sessions, and graduates of a course. Idempotent."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import TypedDict

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from courses.api import CoursePage
from lms.cohorts.api import cohort_enrol
from lms.models import (
    Cohort,
    CohortSession,
    Completion,
    Enrolment,
    LessonProgress,
    QuizAttempt,
)
from lms.selectors import requirements_for
from lms.services import completion_evaluate


class DemoSession(TypedDict):
    title: str
    venue: str
    meeting_url: str


@transaction.atomic
def demo_cohort_ensure(
    *,
    course_slug: str,
    name: str,
    starts_in_days: int,
    weeks: int,
    capacity: int,
    facilitators: list[str],
    learners: list[str],
    sessions: list[DemoSession],
    session_starts_at: time,
    session_hours: int,
    agenda: str,
) -> Cohort | None:
    """The cohort of that name on the (English, cohort-format) course, invitation-only, with
    weekly sessions from ``starts_in_days`` on; facilitators and learners by e-mail address.
    An existing cohort is left alone, whatever was done with it since."""
    course = (
        CoursePage.objects.live()
        .filter(slug=course_slug, format="cohort", locale__language_code="en")
        .first()
    )
    if course is None:
        return None
    cohort = Cohort.objects.filter(name=name).first()
    if cohort is not None:
        return cohort
    start = timezone.localdate() + timedelta(days=starts_in_days)
    cohort = Cohort.objects.create(
        course=course,
        name=name,
        starts_on=start,
        ends_on=start + timedelta(weeks=weeks),
        capacity=capacity,
        enrolment_mode=Cohort.Mode.INVITATION,
        status=Cohort.Status.PLANNED,
    )
    users = get_user_model().objects
    cohort.facilitators.set(users.filter(email__in=facilitators))
    for week, session in enumerate(sessions):
        day = start + timedelta(weeks=week)
        begins = timezone.make_aware(datetime.combine(day, session_starts_at))
        CohortSession.objects.create(
            cohort=cohort,
            title=session["title"],
            starts_at=begins,
            ends_at=begins + timedelta(hours=session_hours),
            venue=session["venue"],
            meeting_url=session["meeting_url"],
            agenda=agenda,
        )
    for learner in users.filter(email__in=learners):
        cohort_enrol(cohort=cohort, learner=learner)
    return cohort


@transaction.atomic
def demo_graduate(*, email: str, course_slug: str) -> Completion | None:
    """The learner has finished the (English) course, so the demo shows a certificate.
    Every required lesson is marked done and every required quiz gets a passed attempt recorded;
    the completion event then runs like any other, so the certificate is issued by the real
    task."""
    learner = get_user_model().objects.filter(email=email).first()
    course = CoursePage.objects.filter(slug=course_slug, locale__language_code="en").first()
    if learner is None or course is None:
        return None
    existing = Completion.objects.filter(enrolment__learner=learner, enrolment__course=course)
    if existing.exists():
        return existing.get()
    enrolment, _created = Enrolment.objects.get_or_create(learner=learner, course=course)
    requirements = requirements_for([course])[course.pk]
    for lesson_id in requirements.lessons:
        LessonProgress.objects.get_or_create(
            learner=learner,
            lesson_id=lesson_id,
            defaults={"course": course, "completed_at": timezone.now()},
        )
    for quiz_id in requirements.quizzes:
        # A demo record of a passed attempt, not a replay of one: no questions are frozen.
        QuizAttempt.objects.get_or_create(
            learner=learner,
            quiz_id=quiz_id,
            number=1,
            defaults={
                "course": course,
                "status": QuizAttempt.Status.SUBMITTED,
                "finished_at": timezone.now(),
                "questions": [],
                "score": 100,
                "passed": True,
            },
        )
    return completion_evaluate(enrolment=enrolment)
