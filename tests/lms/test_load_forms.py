"""The load test's quiz taker (bench/load/page_forms.py) reads a real attempt page as a browser
does: its autosave is accepted for every question and its submission is graded."""

import json
import random
import sys
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from courses.models import QuizPage
from lms.models import QuizAttempt

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench" / "load"))
from page_forms import AUTOSAVE_RE, FORM, attempt_answers, token_of  # noqa: E402

pytestmark = pytest.mark.django_db


def test_load_test_answers_are_saved_and_graded(learner_client, course):
    quiz = QuizPage.objects.descendant_of(course).get()
    learner_client.post(reverse("lms_enrol", args=[course.pk]))
    started = learner_client.post(reverse("lms_quiz_start", args=[quiz.pk]))
    attempt = QuizAttempt.objects.get()
    html = learner_client.get(started["Location"]).content.decode()
    assert token_of(html)
    pairs, answers = attempt_answers(html, random.Random(15))
    questions = {entry["id"] for entry in attempt.questions}
    assert set(answers) == questions

    saved = learner_client.post(
        AUTOSAVE_RE.search(html).group(1),
        json.dumps({"answers": answers}),
        content_type="application/json",
        HTTP_ACCEPT="application/json",
    )
    assert saved.status_code == 200 and saved.json()["saved"] == len(questions)
    assert saved.json()["stale"] is False  # a load-test save carries no seq: never stale

    submitted = learner_client.post(
        started["Location"], urlencode([*pairs, ("action", "submit")]), content_type=FORM
    )
    assert submitted["Location"] == reverse("lms_attempt_result", args=[attempt.public_id])
    attempt.refresh_from_db()
    assert attempt.status == "submitted" and set(attempt.answers) == questions
    assert all(attempt.answers[qid] not in (None, "", []) for qid in questions)
