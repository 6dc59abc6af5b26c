"""Quiz attempts: frozen draw, one open attempt, limits, deadline, autosave, and every refusal."""

import json
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from courses.models import QuizPage
from lms.errors import LmsError
from lms.models import QuizAttempt
from lms.services import (
    enrolment_create,
    quiz_attempt_expire_overdue,
    quiz_attempt_save,
    quiz_attempt_start,
    quiz_attempt_submit,
)
from tests.accounts.factories import UserFactory
from tests.lms.test_journey import answer_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz(course, learner):
    enrolment_create(learner=learner, course=course)
    return QuizPage.objects.descendant_of(course).get()


def option_of(quiz, attempt, kind="single_choice"):
    pool = {q.id: q for q in quiz.question_pool()}
    for entry in attempt.questions:
        if pool[entry["id"]].block_type == kind:
            return entry["id"], entry["options"]
    raise AssertionError(kind)


def test_start_freezes_questions_and_option_order(learner, quiz):
    quiz.questions_per_attempt = 4
    quiz.save()
    attempt = quiz_attempt_start(learner=learner, quiz=quiz)
    assert len(attempt.questions) == 4
    assert all(entry["options"] is not None for entry in attempt.questions)
    assert quiz_attempt_start(learner=learner, quiz=quiz) == attempt  # resumed, not redrawn
    attempt.refresh_from_db()
    assert len(attempt.questions) == 4


def test_one_open_attempt_per_quiz_is_a_database_rule(learner, quiz):
    attempt = quiz_attempt_start(learner=learner, quiz=quiz)
    with pytest.raises(IntegrityError), transaction.atomic():
        QuizAttempt.objects.create(
            learner=learner, quiz=quiz, course=attempt.course, number=9, questions=attempt.questions
        )


def test_attempt_limit(learner, quiz):
    for _ in range(3):
        attempt = quiz_attempt_start(learner=learner, quiz=quiz)
        quiz_attempt_submit(learner=learner, attempt_id=attempt.public_id, answers={})
    with pytest.raises(LmsError) as error:
        quiz_attempt_start(learner=learner, quiz=quiz)
    assert error.value.code == "no_attempts_left"
    assert QuizAttempt.objects.count() == 3


def test_deadline_is_stored_and_shown(learner_client, learner, quiz):
    quiz.time_limit_minutes = 15
    quiz.save()
    attempt = quiz_attempt_start(learner=learner, quiz=quiz)
    assert attempt.deadline - attempt.started_at == timedelta(minutes=15)
    html = learner_client.get(reverse("lms_attempt", args=[attempt.public_id])).content.decode()
    assert "Time left:" in html and ("14:5" in html or "15:00" in html)


def test_autosave_is_idempotent_and_survives_reopening(learner_client, learner, quiz):
    attempt = quiz_attempt_start(learner=learner, quiz=quiz)
    qid, options = option_of(quiz, attempt)
    url = reverse("lms_autosave", args=[attempt.public_id])
    body = json.dumps({"answers": {qid: options[0]}})
    for _ in range(3):
        response = learner_client.post(url, body, content_type="application/json")
        assert response.status_code == 200
    attempt.refresh_from_db()
    assert attempt.answers == {qid: options[0]}
    html = learner_client.get(reverse("lms_attempt", args=[attempt.public_id])).content.decode()
    assert f'value="{options[0]}" checked' in html


def test_submission_is_graded_once_even_if_replayed(learner_client, learner, quiz):
    attempt = quiz_attempt_start(learner=learner, quiz=quiz)
    url = reverse("lms_attempt", args=[attempt.public_id])
    learner_client.post(url, answer_form(attempt, quiz, right=True))
    attempt.refresh_from_db()
    graded_at, score = attempt.finished_at, attempt.score
    for _ in range(10):
        response = learner_client.post(url, answer_form(attempt, quiz, right=False), follow=True)
        assert "already submitted" in response.content.decode()
    attempt.refresh_from_db()
    assert (attempt.finished_at, attempt.score) == (graded_at, score) and score == 100


def test_late_submission_is_graded_on_autosaved_answers(settings, learner, quiz):
    quiz.time_limit_minutes = 10
    quiz.save()
    attempt = quiz_attempt_start(learner=learner, quiz=quiz)
    qid, options = option_of(quiz, attempt, "true_false")
    quiz_attempt_save(learner=learner, attempt_id=attempt.public_id, answers={qid: "true"})
    QuizAttempt.objects.filter(pk=attempt.pk).update(
        deadline=timezone.now() - timedelta(seconds=settings.ISOKO_QUIZ_GRACE_SECONDS + 1)
    )
    other_qid, other_options = option_of(quiz, attempt)
    result, notice = quiz_attempt_submit(
        learner=learner, attempt_id=attempt.public_id, answers={other_qid: other_options[0]}
    )
    assert result.status == "expired" and "Time was up" in notice
    assert result.answers == {qid: "true"}  # the late answer was not stored
    assert result.results[qid]["fraction"] == 1.0


def test_within_grace_the_submission_counts(learner, quiz):
    quiz.time_limit_minutes = 10
    quiz.save()
    attempt = quiz_attempt_start(learner=learner, quiz=quiz)
    QuizAttempt.objects.filter(pk=attempt.pk).update(
        deadline=timezone.now() - timedelta(seconds=20)
    )
    result, notice = quiz_attempt_submit(learner=learner, attempt_id=attempt.public_id, answers={})
    assert result.status == "submitted" and notice is None


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({"not-a-question": "x"}, "unknown_question"),
        ("OPTION_NOT_IN_QUESTION", "bad_answer"),
        ("NOT_A_NUMBER", "bad_answer"),
    ],
)
def test_bad_answers_are_refused_and_nothing_is_stored(
    learner_client, learner, quiz, payload, code
):
    attempt = quiz_attempt_start(learner=learner, quiz=quiz)
    if payload == "OPTION_NOT_IN_QUESTION":
        qid, _options = option_of(quiz, attempt)
        payload = {qid: "some-other-option"}
    elif payload == "NOT_A_NUMBER":
        qid, _options = option_of(quiz, attempt, "numeric")
        payload = {qid: "three thousand"}
    url = reverse("lms_autosave", args=[attempt.public_id])
    response = learner_client.post(
        url, json.dumps({"answers": payload}), content_type="application/json"
    )
    assert response.status_code == 400 and response.json()["code"] == code
    with pytest.raises(LmsError):
        quiz_attempt_submit(learner=learner, attempt_id=attempt.public_id, answers=payload)
    attempt.refresh_from_db()
    assert attempt.is_open and attempt.answers == {}


@pytest.mark.parametrize("body", [b"not json", b"[]", b'{"answers": "x"}', b"{}"])
def test_malformed_payloads(learner_client, learner, quiz, body):
    attempt = quiz_attempt_start(learner=learner, quiz=quiz)
    url = reverse("lms_autosave", args=[attempt.public_id])
    response = learner_client.post(url, body, content_type="application/json")
    assert response.status_code == 400 and response.json()["code"] == "malformed"
    huge = json.dumps({"answers": {"x": "y" * 70_000}})
    assert learner_client.post(url, huge, content_type="application/json").status_code == 413


def test_someone_elses_attempt_is_not_found(client, learner, quiz):
    attempt = quiz_attempt_start(learner=learner, quiz=quiz)
    stranger = UserFactory(email="stranger@example.com")
    client.force_login(stranger)
    for name in ("lms_attempt", "lms_attempt_result"):
        assert client.get(reverse(name, args=[attempt.public_id])).status_code == 404
    assert (
        client.post(
            reverse("lms_attempt", args=[attempt.public_id]), {"action": "submit"}
        ).status_code
        == 404
    )
    response = client.post(
        reverse("lms_autosave", args=[attempt.public_id]),
        json.dumps({"answers": {}}),
        content_type="application/json",
    )
    assert response.status_code == 404
    with pytest.raises(LmsError):
        quiz_attempt_submit(learner=stranger, attempt_id=attempt.public_id, answers={})
    attempt.refresh_from_db()
    assert attempt.is_open
    client.logout()
    assert client.get(reverse("lms_attempt", args=[attempt.public_id])).status_code == 302


def test_not_enrolled_cannot_start(client, course):
    quiz = QuizPage.objects.descendant_of(course).get()
    client.force_login(UserFactory(email="nobody@example.com"))
    response = client.post(reverse("lms_quiz_start", args=[quiz.pk]), follow=True)
    assert "Enrol in the course to take its quizzes." in response.content.decode()
    assert not QuizAttempt.objects.exists()


def test_overdue_attempts_are_closed_by_the_periodic_task(settings, learner, quiz):
    from lms.tasks import expire_overdue_attempts_task

    assert settings.CELERY_BEAT_SCHEDULE["expire-overdue-attempts"]["task"] == (
        "lms.expire_overdue_attempts"
    )
    quiz.time_limit_minutes = 5
    quiz.save()
    attempt = quiz_attempt_start(learner=learner, quiz=quiz)
    assert quiz_attempt_expire_overdue() == 0
    QuizAttempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=2))
    expire_overdue_attempts_task.delay()
    attempt.refresh_from_db()
    assert attempt.status == "expired" and attempt.score == 0
    assert quiz_attempt_expire_overdue() == 0


@pytest.mark.parametrize(
    ("policy", "passed", "visible"),
    [
        ("never", True, False),
        ("after_each_attempt", False, True),
        ("after_passing", False, False),
        ("after_passing", True, True),
        ("after_last_attempt", False, False),
    ],
)
def test_review_follows_the_feedback_policy(learner_client, learner, quiz, policy, passed, visible):
    quiz.feedback_policy = policy
    quiz.save()
    attempt = quiz_attempt_start(learner=learner, quiz=quiz)
    learner_client.post(
        reverse("lms_attempt", args=[attempt.public_id]), answer_form(attempt, quiz, right=passed)
    )
    html = learner_client.get(reverse("lms_attempt_result", args=[attempt.public_id])).content
    html = html.decode()
    assert ("KEYEXPLANATION-tf" in html) == visible
    assert ("KEYACCEPTED-resw" in html) == visible
    history = learner_client.get(quiz.url).content.decode()
    assert "Your attempts" in history
