"""Session reminders on a real Celery worker process: the beat task, delivered twice through
Redis (as after a beat restart), records each reminder once in PostgreSQL.

The worker runs config.settings.test: its e-mail goes to its own in-memory outbox, which this
process cannot see, so the test reads the records, whose ``emailed_at`` the e-mail task sets once
the message is handed to the backend."""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from config.celery import app as celery_app
from lms.cohorts.models import SessionReminder
from lms.cohorts.services import cohort_enrol
from lms.cohorts.tasks import send_session_reminders_task
from lms.models import Cohort, CohortSession
from tests.accounts.factories import UserFactory
from tests.courses import factories
from tests.services.helpers import wait_for

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def fail_with_log(worker, message: str):
    worker.terminate()
    output = worker.communicate(timeout=20)[0]
    pytest.fail(f"{message}; the worker's log:\n{output[-4000:]}")


def emailed(session) -> bool:
    return SessionReminder.objects.filter(session=session, emailed_at__isnull=False).exists()


def test_the_worker_records_each_reminder_exactly_once(worker_queue, site):
    assert connection.vendor == "postgresql"
    assert celery_app.conf.broker_url.startswith("redis://")
    course = factories.course(factories.catalog(site), "Policy", format="cohort")
    cohort = Cohort.objects.create(
        course=course,
        name="Worker intake",
        starts_on=date.today(),
        ends_on=date.today() + timedelta(days=30),
        capacity=5,
    )
    learner = UserFactory(email="delegate@example.com")
    cohort_enrol(cohort=cohort, learner=learner)
    now = timezone.now()
    # Its 24 h mark passed 5 minutes ago: due now, in the worker's clock too.
    tomorrow = CohortSession.objects.create(
        cohort=cohort,
        title="Opening",
        starts_at=now + timedelta(hours=24, minutes=-5),
        ends_at=now + timedelta(hours=27),
    )

    # Two beat runs, as when beat restarts and fires again: both travel through Redis.
    send_session_reminders_task.delay()
    send_session_reminders_task.delay()
    if not wait_for(lambda: emailed(tomorrow)):
        fail_with_log(worker_queue, "the worker did not send the 24 h reminder")

    # A third run, for a session whose 1 h mark is due. One solo worker takes its queue in order,
    # so once this one is e-mailed, the second run above has finished too.
    soon = CohortSession.objects.create(
        cohort=cohort,
        title="Follow-up",
        starts_at=now + timedelta(minutes=55),
        ends_at=now + timedelta(hours=2),
    )
    send_session_reminders_task.delay()
    if not wait_for(lambda: emailed(soon)):
        fail_with_log(worker_queue, "the worker did not send the 1 h reminder")

    rows = list(SessionReminder.objects.order_by("pk").values_list("session_id", "kind", "learner"))
    assert rows == [(tomorrow.pk, "24h", learner.pk), (soon.pk, "1h", learner.pk)]
    assert worker_queue.pid != os.getpid()
