"""A real Celery worker *process* consumes a task from Redis and writes to PostgreSQL."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from django.db import connection

from accounts.models import User
from accounts.services import account_delete
from config.celery import app as celery_app
from tests.accounts.factories import UserFactory
from tests.services.helpers import wait_for

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_worker_process_consumes_from_redis_and_writes_to_postgres(worker_queue):
    assert connection.vendor == "postgresql"
    assert celery_app.conf.broker_url.startswith("redis://")
    user = UserFactory(email="leaving@example.com")

    # The service enqueues on commit; the message travels through Redis to the worker process.
    account_delete(user=user)

    erased = wait_for(lambda: User.objects.get(pk=user.pk).erased_at is not None)
    if not erased:
        worker_queue.terminate()
        output = worker_queue.communicate(timeout=20)[0]
        pytest.fail(f"the worker did not erase the account; its log:\n{output[-4000:]}")
    user = User.objects.get(pk=user.pk)
    assert user.email.endswith("@invalid.isoko")
    assert worker_queue.pid != os.getpid()


def test_django_tasks_bridge_runs_wagtail_work_on_the_worker(worker_queue, settings):
    """Production sends Wagtail's django-tasks through Celery: check the round trip for real."""
    from django_tasks import task_backends

    from config.tasks_backend import CeleryTaskBackend
    from tests.services.probe_tasks import write_marker

    marker = f"probe-{uuid.uuid4().hex[:6]}@example.com"
    task_backends["default"] = CeleryTaskBackend("default", {})
    try:
        result = write_marker.enqueue(marker)
    finally:
        del task_backends["default"]  # back to the settings' inline backend
    assert result.status == "READY"  # queued for a worker, not run here
    assert wait_for(lambda: User.objects.filter(email=marker).exists())
