"""Task names in settings must name registered tasks: a misspelt one stops start-up (a worker
would silently drop it, and nobody would get what it was meant to send)."""

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
