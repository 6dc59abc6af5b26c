"""Demo cohort for `seed_demo`: the policy course runs as a cohort with sessions, the demo
facilitator leads it and the demo policymaker is in it. Idempotent."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from courses.api import CoursePage
from lms.cohorts.services import cohort_enrol
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

COHORT_NAME = "Kigali policy cohort, 2027 intake"
SESSIONS = [
    ("The eWTP model and Rwanda's partnership", "Kigali Convention Centre, room 3", ""),
    ("Cross-border e-commerce pilot zones", "", "https://meet.example.org/isoko-pilot-zones"),
    ("Data protection: Law 058/2021 in practice", "Kigali Convention Centre, room 3", ""),
    ("Consumer protection online and measuring results", "", "https://meet.example.org/isoko"),
]


@transaction.atomic
def seed_demo_cohort() -> Cohort | None:
    course = CoursePage.objects.live().filter(format="cohort", locale__language_code="en").first()
    if course is None:
        return None
    cohort = Cohort.objects.filter(name=COHORT_NAME).first()
    if cohort is not None:
        return cohort
    start = timezone.localdate() + timedelta(days=7)
    cohort = Cohort.objects.create(
        course=course,
        name=COHORT_NAME,
        starts_on=start,
        ends_on=start + timedelta(weeks=4),
        capacity=40,
        enrolment_mode=Cohort.Mode.INVITATION,
        status=Cohort.Status.PLANNED,
    )
    users = get_user_model().objects
    cohort.facilitators.set(users.filter(email="facilitator@example.com"))
    for week, (title, venue, link) in enumerate(SESSIONS):
        day = start + timedelta(weeks=week)
        begins = timezone.make_aware(datetime.combine(day, time(9, 0)))
        CohortSession.objects.create(
            cohort=cohort,
            title=title,
            starts_at=begins,
            ends_at=begins + timedelta(hours=3),
            venue=venue,
            meeting_url=link,
            agenda="Presentation, a case discussion in small groups, and questions.",
        )
    for learner in users.filter(email="policymaker@example.com"):
        cohort_enrol(cohort=cohort, learner=learner)
    return cohort


# The entrepreneur shows a certificate and may apply for a storefront; the seller has applied
# (marketplace_link/demo.py), so a reviewer can approve a store at once.
DEMO_GRADUATES = ("entrepreneur@example.com", "seller@example.com")
GRADUATE_COURSE = "ewtp-seller-readiness-coffee"


def seed_demo_graduates() -> list[Completion]:
    return [c for email in DEMO_GRADUATES if (c := seed_demo_graduate(email)) is not None]


@transaction.atomic
def seed_demo_graduate(email: str) -> Completion | None:
    """The learner has finished the coffee seller course, so the demo shows a certificate.
    Every required lesson is marked done and every required quiz gets a passed attempt recorded;
    the completion event then runs like any other, so the certificate is issued by the real
    task."""
    learner = get_user_model().objects.filter(email=email).first()
    course = CoursePage.objects.filter(slug=GRADUATE_COURSE, locale__language_code="en").first()
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
