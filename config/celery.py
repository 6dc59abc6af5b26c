"""The Celery app. Every CELERY_* Django setting configures it (see config/settings/base.py).

Policy, in one place:
- JSON-only messages; tasks take ids, never model instances.
- Soft/hard time limits, ``acks_late`` + ``reject_on_worker_lost`` so a killed worker's task is
  redelivered, and a Redis visibility timeout above the hard limit.
- Enqueue after commit only, one way: ``task.delay_on_commit`` / ``task.apply_async_on_commit``
  (Celery's Django task class, which IsokoTask extends).
"""

import os

from celery import Celery
from celery.contrib.django.task import DjangoTask

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")


class IsokoTask(DjangoTask):
    """Base task: acknowledged late, bounded retries with exponential backoff and jitter."""

    acks_late = True
    reject_on_worker_lost = True
    retry_backoff = True
    retry_backoff_max = 600
    retry_jitter = True
    max_retries = 5


app = Celery("isoko", task_cls=IsokoTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
