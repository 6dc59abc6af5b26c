"""Quizzes on a flaky link, server side: the phone's autosaves carry a growing ``seq`` (an older
one never overwrites a newer one), a replayed submit gets the first result as JSON, the grace
period after a timed attempt's deadline is measured by the server's clock only, and conflicts
(attempt closed, quiz unpublished, enrolment ended) answer a clear message and store nothing."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import QuizPage
from lms.models import Enrolment, QuizAttempt
from lms.services import enrolment_create, quiz_attempt_start, quiz_attempt_submit
from lms.services.attempts import _past_grace, grace
from tests.accounts.factories import UserFactory
from tests.courses import factories
from tests.courses.test_answer_keys import assert_no_key
from tests.lms.test_journey import answer_form
from tests.shared_data import shared

pytestmark = pytest.mark.django_db


@shared(needs=("site",))
def quizoffline_course(site):
    course = factories.course(factories.catalog(site), "Exporting on a flaky link")
    factories.quiz(factories.module(course, "Papers"), "Papers check", pass_mark=70)
    return course


@shared()
def quizoffline_learner():
    return UserFactory(email="flaky@example.com")


@pytest.fixture
def learner(quizoffline_learner):
    return quizoffline_learner


@pytest.fixture
def quiz(quizoffline_course, learner):
    enrolment_create(learner=learner, course=quizoffline_course)
    return QuizPage.objects.descendant_of(quizoffline_course).get()


@pytest.fixture
def attempt(learner, quiz):
    return quiz_attempt_start(learner=learner, quiz=quiz)


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client


def pick(quiz, attempt, kind):
    pool = {q.id: q for q in quiz.question_pool()}
    for entry in attempt.questions:
        if pool[entry["id"]].block_type == kind:
            return entry["id"], entry["options"]
    raise AssertionError(kind)


def autosave(client, attempt, body):
    url = reverse("lms_autosave", args=[attempt.public_id])
    data = body if isinstance(body, bytes) else json.dumps(body)
    return client.post(url, data, content_type="application/json")


def submit_json(client, attempt, body):
    url = reverse("lms_attempt", args=[attempt.public_id])
    data = body if isinstance(body, bytes) else json.dumps(body)
    return client.post(url, data, content_type="application/json", HTTP_ACCEPT="application/json")


def test_an_older_save_replayed_late_never_overwrites_a_newer_one(learner_client, attempt, quiz):
    qid, options = pick(quiz, attempt, "single_choice")
    newer = autosave(learner_client, attempt, {"answers": {qid: options[1]}, "seq": 7})
    assert newer.status_code == 200 and newer.json() == {"saved": 1, "seq": 7, "stale": False}
    # seq 5 was sent first but arrives last (a retry after the link came back): ignored.
    older = autosave(
        learner_client,
        attempt,
        {"answers": {qid: options[0]}, "seq": 5, "saved_at": "2026-12-06T10:00:00+02:00"},
    )
    assert older.status_code == 200 and older.json()["stale"] is True
    attempt.refresh_from_db()
    assert attempt.answers == {qid: options[1]} and attempt.answers_seq == 7
    # The same save again (a replay) changes nothing; a newer one is stored.
    assert (
        autosave(learner_client, attempt, {"answers": {qid: options[1]}, "seq": 7}).status_code
        == 200
    )
    assert (
        autosave(learner_client, attempt, {"answers": {qid: options[0]}, "seq": 8}).status_code
        == 200
    )
    attempt.refresh_from_db()
    assert attempt.answers == {qid: options[0]} and attempt.answers_seq == 8
    # The page tells the phone which seq the server has, so a phone with an emptied store (or
    # another phone) continues above it instead of being ignored.
    html = learner_client.get(reverse("lms_attempt", args=[attempt.public_id])).content.decode()
    assert 'data-seq="8"' in html


def test_a_submit_older_than_the_last_save_grades_the_newer_saved_answers(
    learner_client, attempt, quiz
):
    qid, _options = pick(quiz, attempt, "true_false")
    assert (
        autosave(learner_client, attempt, {"answers": {qid: "true"}, "seq": 4}).status_code == 200
    )
    response = submit_json(
        learner_client, attempt, {"action": "submit", "answers": {qid: "false"}, "seq": 3}
    )
    assert response.status_code == 200
    attempt.refresh_from_db()
    assert attempt.answers[qid] == "true" and attempt.results[qid]["fraction"] == 1.0


def test_submit_answers_json_and_a_replay_gets_the_same_result(learner_client, attempt, quiz):
    form = answer_form(attempt, quiz, right=True)
    qid, _options = pick(quiz, attempt, "true_false")
    body = {"action": "submit", "answers": {qid: form[qid]}, "seq": 2}
    first = submit_json(learner_client, attempt, body)
    result_url = reverse("lms_attempt_result", args=[attempt.public_id])
    assert first.status_code == 200
    assert first.json() == {
        "result_url": result_url,
        "status": "submitted",
        "replayed": False,
        "notice": "",
    }
    attempt.refresh_from_db()
    graded = (attempt.finished_at, attempt.score, attempt.answers)
    # The response was lost on the way: the phone sends it again, twice, with other answers.
    for _ in range(2):
        again = submit_json(
            learner_client, attempt, {"action": "submit", "answers": {qid: "nonsense"}, "seq": 9}
        )
        assert again.status_code == 200
        assert again.json()["result_url"] == result_url and again.json()["replayed"] is True
        assert again.json()["status"] == "submitted"
    attempt.refresh_from_db()
    assert (attempt.finished_at, attempt.score, attempt.answers) == graded
    assert QuizAttempt.objects.filter(quiz=quiz).count() == 1
    # Nothing of the key is in what the phone is sent.
    assert_no_key(first.content.decode() + again.content.decode())


def test_the_form_post_still_redirects_and_counts_queries(
    learner_client, attempt, quiz, django_assert_max_num_queries
):
    url = reverse("lms_attempt", args=[attempt.public_id])
    with django_assert_max_num_queries(25):
        response = learner_client.post(url, answer_form(attempt, quiz, right=True))
    assert response.status_code == 302 and response["Location"].endswith("/result/")
    attempt.refresh_from_db()
    assert attempt.status == "submitted" and attempt.score == 100


def test_the_attempt_page_may_be_kept_on_the_phone_but_not_in_a_shared_cache(
    learner_client, attempt, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20):
        response = learner_client.get(reverse("lms_attempt", args=[attempt.public_id]))
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-cache"} <= cache_control and "no-store" not in cache_control
    html = response.content.decode()
    assert "If your connection drops, keep answering" in html
    assert_no_key(html)


def test_a_timed_attempt_says_what_happens_if_the_link_drops(
    settings, learner_client, learner, quiz
):
    settings.ISOKO_QUIZ_GRACE_SECONDS = 90
    quiz.time_limit_minutes = 10
    quiz.save()
    attempt = quiz_attempt_start(learner=learner, quiz=quiz)
    html = learner_client.get(reverse("lms_attempt", args=[attempt.public_id])).content.decode()
    assert "within 90 seconds after the time is up count" in html
    assert "graded on the answers that reached Isoko in time" in html
    page = learner_client.get(quiz.url).content.decode()
    assert "if your connection drops during the quiz" in page


@pytest.mark.parametrize("seconds", [30, 60, 120])
def test_grace_boundary_uses_the_servers_clock(settings, learner, quiz, seconds):
    settings.ISOKO_QUIZ_GRACE_SECONDS = seconds
    quiz.time_limit_minutes = 5
    quiz.save()
    attempt = quiz_attempt_start(learner=learner, quiz=quiz)
    assert grace() == timedelta(seconds=seconds)
    end = attempt.deadline + timedelta(seconds=seconds)
    assert not _past_grace(attempt, now=end)  # the boundary itself is in time
    assert _past_grace(attempt, now=end + timedelta(microseconds=1))


def test_answers_reaching_the_server_within_grace_count(settings, learner_client, learner, quiz):
    settings.ISOKO_QUIZ_GRACE_SECONDS = 60
    quiz.time_limit_minutes = 5
    quiz.save()
    attempt = quiz_attempt_start(learner=learner, quiz=quiz)
    qid, _options = pick(quiz, attempt, "true_false")
    QuizAttempt.objects.filter(pk=attempt.pk).update(
        deadline=timezone.now() - timedelta(seconds=50)
    )
    # The phone's saved_at claims a time before the deadline; the server's clock alone decides.
    saved = autosave(
        learner_client,
        attempt,
        {"answers": {qid: "true"}, "seq": 1, "saved_at": "2000-01-01T00:00:00Z"},
    )
    assert saved.status_code == 200
    response = submit_json(learner_client, attempt, {"action": "submit", "answers": {}, "seq": 2})
    assert response.json()["status"] == "submitted"
    attempt.refresh_from_db()
    assert attempt.answers == {qid: "true"} and attempt.results[qid]["fraction"] == 1.0


def test_answers_arriving_after_grace_are_never_trusted(settings, learner_client, learner, quiz):
    settings.ISOKO_QUIZ_GRACE_SECONDS = 30
    quiz.time_limit_minutes = 5
    quiz.save()
    attempt = quiz_attempt_start(learner=learner, quiz=quiz)
    qid, _options = pick(quiz, attempt, "true_false")
    other, options = pick(quiz, attempt, "single_choice")
    assert (
        autosave(learner_client, attempt, {"answers": {qid: "true"}, "seq": 1}).status_code == 200
    )
    QuizAttempt.objects.filter(pk=attempt.pk).update(
        deadline=timezone.now() - timedelta(seconds=31)
    )
    # A save kept on the phone "before the deadline" (its clock says so) arrives too late.
    late = autosave(
        learner_client,
        attempt,
        {"answers": {other: options[0]}, "seq": 2, "saved_at": "2000-01-01T00:00:00Z"},
    )
    assert late.status_code == 409 and late.json()["code"] == "deadline"
    attempt.refresh_from_db()
    assert attempt.status == "expired" and attempt.answers == {qid: "true"}
    # The queued submit replayed afterwards gets the graded result and its explanation.
    replay = submit_json(
        learner_client, attempt, {"action": "submit", "answers": {other: options[0]}, "seq": 3}
    )
    assert replay.status_code == 200
    body = replay.json()
    assert body["status"] == "expired" and body["replayed"] is True
    assert "graded on the answers saved in time" in body["notice"]
    attempt.refresh_from_db()
    assert attempt.answers == {qid: "true"}


def test_a_late_submit_first_closes_on_what_reached_the_server(
    settings, learner_client, learner, quiz
):
    settings.ISOKO_QUIZ_GRACE_SECONDS = 30
    quiz.time_limit_minutes = 5
    quiz.save()
    attempt = quiz_attempt_start(learner=learner, quiz=quiz)
    qid, _options = pick(quiz, attempt, "true_false")
    QuizAttempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=5))
    body = submit_json(
        learner_client, attempt, {"action": "submit", "answers": {qid: "true"}, "seq": 1}
    ).json()
    assert body["status"] == "expired" and "Time was up" in body["notice"]
    attempt.refresh_from_db()
    assert attempt.answers == {} and attempt.score == 0


def test_an_unpublished_quiz_refuses_clearly_and_keeps_the_attempt_open(
    learner_client, attempt, quiz
):
    qid, _options = pick(quiz, attempt, "true_false")
    quiz.unpublish()
    save = autosave(learner_client, attempt, {"answers": {qid: "true"}, "seq": 1})
    assert save.status_code == 409 and save.json()["code"] == "quiz_unavailable"
    assert "unpublished" in save.json()["error"]
    submit = submit_json(learner_client, attempt, {"action": "submit", "answers": {}, "seq": 2})
    assert submit.status_code == 409 and submit.json()["code"] == "quiz_unavailable"
    attempt.refresh_from_db()
    assert attempt.is_open and attempt.answers == {}


def test_an_ended_enrolment_refuses_clearly(learner_client, learner, attempt, quiz):
    Enrolment.objects.filter(learner=learner).update(status=Enrolment.Status.WITHDRAWN)
    submit = submit_json(learner_client, attempt, {"action": "submit", "answers": {}, "seq": 1})
    assert submit.status_code == 403 and submit.json()["code"] == "not_enrolled"
    assert "no longer enrolled" in submit.json()["error"]
    attempt.refresh_from_db()
    assert attempt.is_open


def test_answers_to_questions_removed_meanwhile_are_reported_not_dropped_silently(
    learner_client, attempt, quiz
):
    qid, _options = pick(quiz, attempt, "true_false")
    del quiz.questions[[block.id for block in quiz.questions].index(qid)]
    quiz.save_revision().publish()
    saved = autosave(learner_client, attempt, {"answers": {qid: "true"}, "seq": 1})
    assert (
        saved.status_code == 200
        and "1 answer was for a question that was removed" in (saved.json()["notice"])
    )
    submitted = submit_json(
        learner_client, attempt, {"action": "submit", "answers": {qid: "true"}, "seq": 2}
    )
    assert submitted.json()["status"] == "submitted"
    assert "removed, so it does not count" in submitted.json()["notice"]


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[]",
        b'{"answers": "x"}',
        b'{"answers": {}, "seq": "seven"}',
        b'{"answers": {}, "seq": -1}',
        b'{"answers": {}, "seq": true}',
        b'{"answers": {}, "seq": 1.5}',
        b'{"answers": {}, "seq": 1, "saved_at": "yesterday"}',
        b'{"answers": {}, "seq": 1, "saved_at": 12}',
    ],
)
def test_malformed_payloads_are_400_with_a_clear_message(learner_client, attempt, body):
    for send in (autosave, submit_json):
        response = send(learner_client, attempt, body)
        assert response.status_code == 400, (send.__name__, body)
        assert response.json() == {
            "error": "The answers could not be read. Nothing was saved.",
            "code": "malformed",
        }
    attempt.refresh_from_db()
    assert attempt.is_open and attempt.answers == {} and attempt.answers_seq == 0


def test_a_form_post_with_a_bad_seq_is_refused_without_a_500(learner_client, attempt):
    url = reverse("lms_attempt", args=[attempt.public_id])
    response = learner_client.post(url, {"action": "submit", "seq": "x"}, follow=True)
    assert response.status_code == 200
    assert "could not be read" in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.is_open


def test_wrong_user_and_anonymous_get_nothing(client, learner, attempt):
    stranger = UserFactory(email="someone-else@example.com")
    client.force_login(stranger)
    assert autosave(client, attempt, {"answers": {}, "seq": 1}).status_code == 404
    assert submit_json(client, attempt, {"action": "submit", "answers": {}}).status_code == 404
    client.logout()
    response = submit_json(client, attempt, {"action": "submit", "answers": {}})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert autosave(client, attempt, {"answers": {}, "seq": 1}).status_code == 302
    attempt.refresh_from_db()
    assert attempt.is_open and attempt.answers_seq == 0
    with pytest.raises(Exception):  # noqa: B017 - LmsError, not found for someone else
        quiz_attempt_submit(learner=stranger, attempt_id=attempt.public_id)


@pytest.mark.parametrize(
    ("after_grace", "accepted"), [(timedelta(0), True), (timedelta(seconds=1), False)]
)
def test_grace_boundary_through_the_endpoint_with_the_clock_frozen(
    settings, learner_client, learner, quiz, after_grace, accepted
):
    from unittest import mock

    settings.ISOKO_QUIZ_GRACE_SECONDS = 45
    quiz.time_limit_minutes = 5
    quiz.save()
    attempt = quiz_attempt_start(learner=learner, quiz=quiz)
    qid, _options = pick(quiz, attempt, "true_false")
    frozen = attempt.deadline + timedelta(seconds=45) + after_grace
    with mock.patch("django.utils.timezone.now", return_value=frozen):
        response = autosave(learner_client, attempt, {"answers": {qid: "true"}, "seq": 1})
    attempt.refresh_from_db()
    if accepted:  # reached the server exactly at deadline + grace: it counts
        assert response.status_code == 200 and attempt.answers == {qid: "true"}
        assert attempt.is_open
    else:
        assert response.status_code == 409 and response.json()["code"] == "deadline"
        assert attempt.answers == {} and attempt.status == "expired"
