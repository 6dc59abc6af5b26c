"""A django-tasks backend that hands Wagtail's background work to Celery.

Wagtail 8 enqueues its own work (reference index updates, image renditions) through django-tasks.
In production we want one worker fleet, so this backend turns each enqueue into a Celery message
carrying the task's import path and JSON arguments. Results are not stored (Celery has no result
backend configured here); Wagtail does not read them.
"""

from __future__ import annotations

from django.utils import timezone
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import Task, TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id, normalize_json


class CeleryTaskBackend(BaseTaskBackend):
    supports_defer = False
    supports_get_result = False

    def enqueue(self, task: Task, args, kwargs) -> TaskResult:
        from config.tasks import run_django_task

        self.validate_task(task)
        result = TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=timezone.now(),
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=normalize_json(args),
            kwargs=normalize_json(kwargs),
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        message = (task.module_path, result.args, result.kwargs)
        # Send after commit: the rows the task reads must exist when the worker picks it up.
        run_django_task.apply_async_on_commit(args=message, task_id=result.id)
        return result
