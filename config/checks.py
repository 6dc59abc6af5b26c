"""System checks of the project shell.

Task names in settings are strings that neither Python nor import-linter can see: a misspelt one
is silently dropped by a real worker (and, in-process, by nothing at all). This check makes every
configured name a start-up error if no app registers that task. ``manage.py check``,
``runserver`` and ``migrate`` run it; a Celery worker or beat refuses to start on it
(config/celery.py: Celery's Django fixup runs the checks but ignores what they find).
"""

from __future__ import annotations

from fnmatch import fnmatchcase

from django.conf import settings
from django.core import checks

_GLOB = set("*?[")


def configured_task_names() -> list[tuple[str, str]]:
    """(setting, name or glob pattern) for every task the settings name."""
    named: list[tuple[str, str]] = []
    for entry, spec in (getattr(settings, "CELERY_BEAT_SCHEDULE", None) or {}).items():
        named.append((f"CELERY_BEAT_SCHEDULE[{entry!r}]", str(spec.get("task", ""))))
    for setting in ("CELERY_TASK_ROUTES", "CELERY_TASK_ANNOTATIONS"):
        value = getattr(settings, setting, None) or {}
        # Both take a dict or a list of dicts (and routers/objects, which name nothing here).
        for mapping in value if isinstance(value, list | tuple) else [value]:
            if isinstance(mapping, dict):
                named.extend((setting, key) for key in mapping if isinstance(key, str))
    return named


def registered_task_names() -> set[str]:
    """The tasks a worker has: every installed app's tasks module and the configured imports,
    as a worker imports them at start-up. (Not through ``import_default_modules``: a worker runs
    these checks from inside it.)"""
    from config.celery import app

    app.autodiscover_tasks(force=True)
    for module in app.loader.default_modules:
        app.loader.import_task_module(module)
    return set(app.tasks)


def _is_registered(name: str, registered: set[str]) -> bool:
    if _GLOB & set(name):
        return any(fnmatchcase(task, name) for task in registered)
    return name in registered


@checks.register()
def configured_tasks_exist(app_configs, **kwargs) -> list[checks.CheckMessage]:
    named = configured_task_names()
    if not named:
        return []
    registered = registered_task_names()
    return [
        checks.Error(
            f"{setting} names the task {name!r}, which no installed app registers.",
            hint="Use the name given in the task's @shared_task(name=...).",
            id="config.E001",
        )
        for setting, name in named
        if name != "*" and not _is_registered(name, registered)
    ]
