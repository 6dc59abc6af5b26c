"""Demo cohort for `seed_demo`: the policy course runs as a cohort with sessions, the demo
facilitator leads it and the demo policymaker is in it. Idempotent."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from courses.api import CoursePage
from lms.models import Cohort, CohortSession
from lms.services.cohorts import cohort_enrol

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
