"""The data the fuzz targets need, written straight to the database once per test function:
a catalogue with a course (modules, a lesson, a quiz), a cohort with a session and an
application, an issued certificate, a graduate's draft storefront application, a live store,
and the people who use them."""

from __future__ import annotations

from datetime import datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.test import Client
from django.utils import timezone

from courses.models import CertificateTemplate
from lms.cohorts.services import cohort_enrol
from lms.models import Cohort, CohortSession, Enrolment
from lms.services.attempts import quiz_attempt_start
from marketplace_link.models import StorefrontApplication
from tests.accounts.factories import StaffFactory, UserFactory
from tests.accounts.helpers import log_in_with_mfa
from tests.courses import factories
from tests.marketplace.review_fixtures import (
    add_document,
    add_product,
    issued_certificate,
    make_application,
    make_live,
)

KIGALI = ZoneInfo("Africa/Kigali")
START = datetime(2099, 3, 1, 9, 0, tzinfo=KIGALI)


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    client.user = user
    return client


def build(site) -> SimpleNamespace:
    catalog = factories.catalog(site)
    template = CertificateTemplate.objects.create(
        name="Isoko standard", signatory_name="C. Mukamana", signatory_title="Director"
    )
    course = factories.course(
        catalog,
        "Coffee seller readiness",
        certificate_template=template,
        qualifies_for_storefront=True,
        tags=["coffee"],
    )
    module = factories.module(course, "Get verified")
    lesson = factories.lesson(module, "Onboarding", free_preview=True)
    quiz = factories.quiz(module, "Check", pass_mark=70, max_attempts=50)
    policy = factories.course(catalog, "Policy", format="cohort")
    factories.quiz(factories.module(policy, "Week 1"), "Policy check")
    cohort = Cohort.objects.create(
        course=policy,
        name="Kigali 2099 intake",
        starts_on=START.date(),
        ends_on=START.date() + timedelta(days=30),
        capacity=50,
        enrolment_mode=Cohort.Mode.APPLICATION,
    )
    session = CohortSession.objects.create(
        cohort=cohort,
        title="Opening",
        starts_at=START,
        ends_at=START + timedelta(hours=3),
        venue="Room 3",
    )
    facilitator = UserFactory(email="facilitator@example.com")
    cohort.facilitators.add(facilitator)

    learner = UserFactory(email="learner@example.com", profile__full_name="Eric Niyonzima")
    Enrolment.objects.create(learner=learner, course=course)
    attempt = quiz_attempt_start(learner=learner, quiz=quiz)
    member = UserFactory(email="member@example.com")
    cohort_enrol(cohort=cohort, learner=member)

    graduate = UserFactory(email="graduate@example.com")
    certificate = issued_certificate(graduate, course)
    draft = make_application(certificate, status=StorefrontApplication.Status.DRAFT)
    product = add_product(draft)
    document = add_document(draft)

    seller = UserFactory(email="seller@example.com")
    store = make_live(make_application(issued_certificate(seller, course)))
    staff = StaffFactory(email="staff@example.com", is_superuser=True)

    return SimpleNamespace(
        site=site,
        catalog=catalog,
        course=course,
        lesson=lesson,
        quiz=quiz,
        policy=policy,
        cohort=cohort,
        session=session,
        attempt=attempt,
        certificate=certificate,
        draft=draft,
        product=product,
        document=document,
        store=store,
        now=timezone.now(),
        users={
            "learner": learner,
            "member": member,
            "graduate": graduate,
            "facilitator": facilitator,
            "staff": staff,
        },
    )


def client_for(world, who: str) -> Client:
    """A fresh client for one role; staff have TOTP set up, as the MFA policy demands."""
    if who == "anonymous":
        return Client()
    user = world.users[who]
    if who == "staff":
        if not user.authenticator_set.exists():
            return log_in_with_mfa(Client(), user)
        client = Client()
        client.force_login(user)
        return client
    return logged_in(user)
