"""Project-level tasks: the bridge that runs django-tasks work on Celery workers.

Enqueue after commit with Celery's Django task methods, ``task.delay_on_commit(...)`` or
``task.apply_async_on_commit(...)`` (every task here uses :class:`config.celery.IsokoTask`). A bare
``.delay()`` inside a transaction is a bug: a rollback would leave a message about a row that
never existed.
"""

from __future__ import annotations

from typing import Any

from celery import shared_task
from django.utils.module_loading import import_string


@shared_task(name="config.run_django_task")
def run_django_task(module_path: str, args: list, kwargs: dict) -> Any:
    """Run a django-tasks task (Wagtail's reference index, renditions) on a Celery worker."""
    django_task = import_string(module_path)
    return django_task.call(*args, **kwargs)
