"""Two admins lower a cohort's capacity while approvals take seats, all at once on PostgreSQL:
threads, each with its own database connection, released together by a
barrier. Nobody gets a 500: each capacity change is saved or refused as a form error on the
capacity, each approval takes a seat or is refused as full, and the seats taken end equal to
the members and within the capacity. The same interleavings, forced one at a time, run on any
database in test_admin.py (SeatsTakenWhileTheFormIsSaved)."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from django.db import connection
from django.test import Client
from django.urls import reverse

from lms.cohorts.applications import cohort_application_decide, cohort_application_submit
from lms.cohorts.services import cohort_enrol
from lms.errors import LmsError
from lms.models import Cohort, Enrolment
from tests.accounts.factories import UserFactory
from tests.courses import factories

ROUNDS = 3


def _admin():
    admin = UserFactory(is_staff=True, is_superuser=True)
    Authenticator.objects.create(
        user=admin, type=Authenticator.Type.TOTP, data={"secret": pyotp.random_base32()}
    )
    return admin


def _run_together(actions) -> list[str]:
    barrier = threading.Barrier(len(actions))
    outcomes: list[str] = [""] * len(actions)

    def run(index, action):
        try:
            outcomes[index] = action(barrier)
        except Exception as error:  # noqa: BLE001 - a crash is an outcome the test fails on
            outcomes[index] = f"crash:{error!r}"
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(index, action)) for index, action in enumerate(actions)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("round_", range(ROUNDS))
def test_admins_lowering_capacity_while_approvals_take_seats(site, round_):
    course = factories.course(factories.catalog(site), "Policy", format="cohort")
    cohort = Cohort.objects.create(
        course=course,
        name="Race intake",
        starts_on=date(2099, 1, 15),
        ends_on=date(2099, 1, 15) + timedelta(days=30),
        capacity=6,
        enrolment_mode=Cohort.Mode.APPLICATION,
    )
    for _ in range(2):
        cohort_enrol(cohort=cohort, learner=UserFactory())
    applications = [
        cohort_application_submit(cohort=cohort, learner=UserFactory(), motivation="Please")
        for _ in range(3)
    ]
    admins = [_admin(), _admin()]
    form = {
        "course": course.pk,
        "name": cohort.name,
        "starts_on": cohort.starts_on.isoformat(),
        "ends_on": cohort.ends_on.isoformat(),
        "status": cohort.status,
        "enrolment_mode": cohort.enrolment_mode,
        "attendance_threshold": cohort.attendance_threshold,
    }
    url = reverse("cohort:edit", args=[cohort.pk])

    def approve(application):
        def action(barrier):
            barrier.wait()
            try:
                cohort_application_decide(application=application, approve=True, actor=admins[0])
            except LmsError as error:
                return f"refused:{error.code}"
            return "approved"

        return action

    def lower(admin, capacity):
        def action(barrier):
            client = Client()
            client.force_login(admin)
            barrier.wait()
            response = client.post(url, {**form, "capacity": capacity})
            if response.status_code == 302:
                return "saved"
            if response.status_code == 200:
                errors = response.context["form"].errors.get("capacity", [])
                return "form-error:" + " ".join(errors)
            return f"status:{response.status_code}"

        return action

    actions = [approve(application) for application in applications]
    actions += [lower(admins[0], 3), lower(admins[1], 4)]
    outcomes = _run_together(actions)
    approvals, lowerings = outcomes[:3], outcomes[3:]
    assert all(o in ("approved", "refused:full") for o in approvals), outcomes
    for outcome in lowerings:
        assert outcome == "saved" or (
            outcome.startswith("form-error:") and "seats are taken" in outcome
        ), outcomes
    cohort.refresh_from_db()
    members = Enrolment.objects.filter(cohort=cohort).count()
    assert cohort.seats_taken == members == 2 + approvals.count("approved")
    assert cohort.seats_taken <= cohort.capacity
