"""Capacity holds at the database.

- Two processes approve two applications at the same instant for a cohort's last seat: the
  conditional UPDATE in cohort_enrol lets one take it; the other is refused and its application
  stays submitted (service-bound: PostgreSQL, separate connections, real row locks).
- Whatever the code does, the CheckConstraint refuses seats_taken > capacity (any database).
"""

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F

from lms.cohorts.applications import cohort_application_submit
from lms.cohorts.services import cohort_enrol
from lms.models import Cohort, CohortApplication, Enrolment
from tests.accounts.factories import StaffFactory, UserFactory
from tests.courses import factories

ROOT = Path(__file__).resolve().parents[2]


def _cohort(site, capacity: int) -> Cohort:
    course = factories.course(factories.catalog(site), "Policy", format="cohort")
    return Cohort.objects.create(
        course=course,
        name="Last seat intake",
        starts_on=date(2099, 1, 15),
        ends_on=date(2099, 1, 15) + timedelta(days=30),
        capacity=capacity,
        enrolment_mode=Cohort.Mode.APPLICATION,
    )


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_processes_approving_for_the_last_seat_fill_it_once(site):
    cohort = _cohort(site, capacity=2)
    cohort_enrol(cohort=cohort, learner=UserFactory())  # one seat left
    applications = [
        cohort_application_submit(cohort=cohort, learner=UserFactory(), motivation=f"Applicant {n}")
        for n in range(2)
    ]
    staff = StaffFactory()
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}:{db.get('PASSWORD') or ''}@{db['HOST']}:"
        f"{db['PORT']}/{connection.settings_dict['NAME']}",
    }
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.services.approve_application",
                str(application.pk),
                str(staff.pk),
            ],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for application in applications
    ]
    # Both approve together: each says "ready" once Django is up and its rows are loaded, and
    # goes on when told. (A fixed start instant, 4 s ahead, was either waited out for nothing
    # or, on a loaded machine, passed before a process was up.)
    for process in processes:
        line = "-"
        while line and line != "ready\n":  # "" is the end: the process exited
            line = process.stdout.readline()
        assert line, process.communicate(timeout=60)
    for process in processes:
        process.stdin.write("go\n")
        process.stdin.flush()
    outcomes = []
    for process in processes:
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
        outcomes.append(out.strip().splitlines()[-1])
    assert sorted(outcomes) == ["approved", "refused:full"]
    cohort.refresh_from_db()
    assert cohort.seats_taken == cohort.capacity == 2
    statuses = {
        application.pk: CohortApplication.objects.get(pk=application.pk).status
        for application in applications
    }
    for application, outcome in zip(applications, outcomes, strict=True):
        expected = "approved" if outcome == "approved" else "submitted"
        assert statuses[application.pk] == expected
    assert Enrolment.objects.filter(cohort=cohort).count() == 2
    winner = applications[outcomes.index("approved")]
    assert Enrolment.objects.filter(cohort=cohort, learner_id=winner.learner_id).exists()


@pytest.mark.django_db
def test_the_database_refuses_more_seats_than_the_capacity(site):
    cohort = _cohort(site, capacity=1)
    Cohort.objects.filter(pk=cohort.pk).update(seats_taken=1)  # full is allowed
    with pytest.raises(IntegrityError), transaction.atomic():
        Cohort.objects.filter(pk=cohort.pk).update(seats_taken=F("capacity") + 1)
    cohort.refresh_from_db()
    assert cohort.seats_taken == 1
    # Nor through a save that bypasses the services. A plain save never writes the count (a
    # stale one would give seats away); naming the field is refused by the database.
    cohort.seats_taken = 2
    cohort.save()
    cohort.refresh_from_db()
    assert cohort.seats_taken == 1
    cohort.seats_taken = 2
    with pytest.raises(IntegrityError), transaction.atomic():
        cohort.save(update_fields=["seats_taken"])
    cohort.refresh_from_db()
    assert cohort.seats_taken == 1
