"""The Celery app. Every CELERY_* Django setting configures it (see config/settings/base.py).

Policy, in one place:
- JSON-only messages; tasks take ids, never model instances.
- Soft/hard time limits, ``acks_late`` + ``reject_on_worker_lost`` so a killed worker's task is
  redelivered, and a Redis visibility timeout above the hard limit.
- Enqueue after commit only, one way: ``task.delay_on_commit`` / ``task.apply_async_on_commit``
  (Celery's Django task class, which IsokoTask extends).
"""

import os

from celery import Celery, signals
from celery.contrib.django.task import DjangoTask

from config import observability

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

# Request ids through task messages, one log line per task, outcome counters for /metrics, and
# settings.LOGGING (JSON in production) in workers and beat (config/observability.py).
observability.connect_celery_signals()


@signals.worker_shutdown.connect
def exit_quickly(**kwargs) -> None:
    """The worker has stopped and is about to exit: skip the interpreter's full collections
    on the way out (core/quick_exit.py: 3.3 s of a worker's 3.9 s warm shutdown, measured)."""
    from core.quick_exit import freeze_for_exit

    freeze_for_exit()


@signals.worker_init.connect
@signals.beat_init.connect
def refuse_unknown_task_names(**kwargs) -> None:
    """A worker or beat whose settings name a task that no app registers would not say so
    (Celery's Django fixup runs the system checks but ignores what they find): beat would send
    the name and a worker drop it as unregistered. Refuse to start instead (config.E001)."""
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()
    from config.checks import configured_tasks_exist

    errors = configured_tasks_exist(None)
    if errors:
        # SystemExit, not an Exception: Celery logs a receiver's exception and starts anyway.
        raise SystemExit("\n".join(f"{error.id}: {error.msg}" for error in errors))
