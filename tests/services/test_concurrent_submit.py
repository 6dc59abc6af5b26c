"""Two processes submit the same attempt at the same instant: PostgreSQL's row lock lets one
grade it; the other gets the first result back."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from courses.models import QuizPage
from lms.models import QuizAttempt
from lms.services import enrolment_create, quiz_attempt_start
from tests.accounts.factories import UserFactory
from tests.courses import factories

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_two_processes_submit_one_attempt_it_is_graded_once(site):
    course = factories.small_course(site, modules=1, lessons=1)
    quiz = QuizPage.objects.descendant_of(course).get()
    learner = UserFactory()
    enrolment_create(learner=learner, course=course)
    attempt = quiz_attempt_start(learner=learner, quiz=quiz)
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}:{db.get('PASSWORD') or ''}@{db['HOST']}:"
        f"{db['PORT']}/{connection.settings_dict['NAME']}",
    }
    start_at = time.time() + 4  # both processes are up (Django imports) before this instant
    command = [
        sys.executable,
        "-m",
        "tests.services.submit_attempt",
        str(attempt.public_id),
        str(learner.pk),
        str(start_at),
    ]
    processes = [
        subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = []
    for process in processes:
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
        outputs.append(out.strip().splitlines()[-1])
    finished = {line.split("|")[0] for line in outputs}
    notices = [line.split("|")[1] for line in outputs]
    assert len(finished) == 1  # both saw the same grading
    assert notices.count("graded") == 1  # one process graded it...
    assert sum("already submitted" in notice for notice in notices) == 1  # ...the other waited
    attempt.refresh_from_db()
    assert attempt.status == "submitted" and attempt.finished_at.isoformat() in finished
    assert QuizAttempt.objects.count() == 1
