"""System checks of the marketplace settings."""

from __future__ import annotations

from django.conf import settings
from django.core import checks


def lease_outlasts_tasks(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """A lease shorter than the hard time limit would let a second delivery start while the
    first is still legitimately running. (Registered in apps.py.)"""
    lease = settings.ISOKO_MARKETPLACE_LEASE
    limit = getattr(settings, "CELERY_TASK_TIME_LIMIT", None)
    if limit is not None and lease <= limit:
        return [
            checks.Error(
                f"ISOKO_MARKETPLACE_LEASE ({lease} s) must be longer than "
                f"CELERY_TASK_TIME_LIMIT ({limit} s).",
                id="marketplace_link.E001",
            )
        ]
    return []
