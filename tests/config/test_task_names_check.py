"""Task names in settings must name registered tasks: a misspelt one stops start-up (a worker
would silently drop it, and nobody would get what it was meant to send)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from config.checks import configured_task_names, configured_tasks_exist


def errors() -> list[str]:
    return [error.msg for error in configured_tasks_exist(None) if error.id == "config.E001"]


def test_every_task_the_settings_name_is_registered(settings):
    assert len(configured_task_names()) == len(settings.CELERY_BEAT_SCHEDULE) > 0
    assert errors() == []


def test_a_misspelt_beat_task_fails_the_check(settings):
    settings.CELERY_BEAT_SCHEDULE = {
        **settings.CELERY_BEAT_SCHEDULE,
        "nudges": {"task": "lms.send_inactivity_nudge", "schedule": 60.0},  # missing "s"
    }
    assert errors() == [
        "CELERY_BEAT_SCHEDULE['nudges'] names the task 'lms.send_inactivity_nudge', which no "
        "installed app registers."
    ]
    with pytest.raises(SystemCheckError, match="config.E001"):
        call_command("check")


def test_task_routes_are_checked_too_globs_included(settings):
    settings.CELERY_TASK_ROUTES = {
        "certificates.issue": {"queue": "pdf"},
        "marketplace_link.*": {"queue": "outbox"},
        "certificates.isue_for_completion": {"queue": "pdf"},
        "marketplace_lnk.*": {"queue": "outbox"},
    }
    assert errors() == [
        "CELERY_TASK_ROUTES names the task 'certificates.isue_for_completion', which no "
        "installed app registers.",
        "CELERY_TASK_ROUTES names the task 'marketplace_lnk.*', which no installed app registers.",
    ]


def test_workers_and_beat_refuse_to_start_with_a_misspelt_name(settings):
    from config.celery import refuse_unknown_task_names

    refuse_unknown_task_names(sender=None)  # the real settings: starts
    settings.CELERY_BEAT_SCHEDULE = {"nudges": {"task": "lms.send_inactivity_nudge", "schedule": 1}}
    with pytest.raises(SystemExit, match=r"config\.E001: .*'lms\.send_inactivity_nudge'"):
        refuse_unknown_task_names(sender=None)


def test_a_real_worker_exits_on_a_misspelt_name():
    """Celery's own start-up runs the system checks but ignores what they find: without the
    worker_init receiver this worker would start, and drop every message of that name."""
    root = Path(__file__).resolve().parents[2]
    schedule = {"nudges": {"task": "lms.send_inactivity_nudge", "schedule": 60.0}}
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    worker = subprocess.run(
        [
            sys.executable,
            str(root / "config" / "celery_with_settings.py"),
            json.dumps({"CELERY_BEAT_SCHEDULE": schedule}),
            *("-A", "config", "worker", "--pool", "solo", "--queues", "never-consumed"),
        ],
        cwd=root,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert worker.returncode == 1
    assert "config.E001" in worker.stderr and "lms.send_inactivity_nudge" in worker.stderr
