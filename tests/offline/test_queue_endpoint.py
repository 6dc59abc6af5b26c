"""POST /learn/lessons/<id>/complete/ with a phone's idempotency key and time (issue 16): a step
replayed any number of times records once and answers the same; the phone's time is clamped;
conflicts answer JSON {"error", "code"} that the phone's queue keeps for the learner
(static/js/offline/queue.js).
"""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from courses.models import LessonPage
from lms.models import Completion, Enrolment, IdempotencyKey, LessonProgress
from lms.services import enrolment_create, enrolment_withdraw
from lms.services.replay import KEEP_DAYS, idempotency_keys_purge
from lms.tasks import purge_idempotency_keys_task
from tests.accounts.factories import UserFactory
from tests.lms.conftest import (  # noqa: F401 - fixtures
    course,
    learner,
    learner_client,
    lms_course,
    lms_learner,
)

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def lessons(course):  # noqa: F811
    return list(LessonPage.objects.descendant_of(course).order_by("path"))


@pytest.fixture
def enrolment(learner, course):  # noqa: F811
    enrolment = enrolment_create(learner=learner, course=course)
    # Enrolled a day ago, so that a phone time of "two hours ago" is after the enrolment.
    Enrolment.objects.filter(pk=enrolment.pk).update(enrolled_at=timezone.now() - timedelta(days=1))
    enrolment.refresh_from_db()
    return enrolment


def send(client, lesson, key=None, *, when=None, course_id=None, as_json=True, field=False):
    data = {}
    headers = dict(JSON) if as_json else {}
    if key is not None:
        if field:
            data["idempotency_key"] = str(key)
        else:
            headers["HTTP_IDEMPOTENCY_KEY"] = str(key)
    if when is not None:
        data["occurred_at"] = when if isinstance(when, str) else when.isoformat()
    if course_id is not None:
        data["course"] = str(course_id)
    return client.post(reverse("lms_lesson_complete", args=[lesson.pk]), data, **headers)


def test_the_same_key_twice_records_once_and_answers_the_same(
    learner_client,  # noqa: F811
    enrolment,
    lessons,
):
    key = uuid.uuid4()
    phone_time = timezone.now() - timedelta(hours=2)
    first = send(learner_client, lessons[1], key, when=phone_time)
    assert first.status_code == 200
    assert first.json()["replayed"] is False
    progress = LessonProgress.objects.get()
    assert progress.completed_at == phone_time  # the time it happened on the phone
    assert first.json()["completed_at"] == phone_time.isoformat()
    # A replay, later, with another (later) time: the same answer, nothing new recorded.
    again = send(learner_client, lessons[1], key, when=timezone.now())
    assert again.status_code == 200
    assert again.json() == {"completed_at": phone_time.isoformat(), "replayed": True}
    assert LessonProgress.objects.count() == 1
    assert IdempotencyKey.objects.filter(learner=enrolment.learner).count() == 1


def test_two_keys_for_the_same_lesson_keep_the_first_completion(
    learner_client,  # noqa: F811
    enrolment,
    lessons,
):
    earlier = timezone.now() - timedelta(hours=3)
    first = send(learner_client, lessons[0], uuid.uuid4(), when=earlier)
    second = send(learner_client, lessons[0], uuid.uuid4(), when=timezone.now())
    assert first.status_code == second.status_code == 200
    # A second tab queued the same lesson: not a replay of the key, but the lesson is complete
    # once, at the first time recorded.
    assert second.json() == {"completed_at": earlier.isoformat(), "replayed": False}
    assert LessonProgress.objects.get().completed_at == earlier


def test_occurred_at_is_clamped_to_now_and_to_the_enrolment(
    learner_client,  # noqa: F811
    enrolment,
    lessons,
):
    before = timezone.now()
    future = send(learner_client, lessons[0], uuid.uuid4(), when=before + timedelta(days=2))
    recorded = LessonProgress.objects.get(lesson=lessons[0]).completed_at
    assert future.status_code == 200
    assert before <= recorded <= timezone.now()  # a phone clock ahead: now, not the future
    too_early = send(learner_client, lessons[1], uuid.uuid4(), when="2001-01-01T08:00:00+02:00")
    assert too_early.status_code == 200
    assert LessonProgress.objects.get(lesson=lessons[1]).completed_at == enrolment.enrolled_at
    # An offset other than UTC is read as the instant it names.
    local = (timezone.now() - timedelta(hours=1)).astimezone(
        timezone.get_fixed_timezone(timedelta(hours=2))
    )
    send(learner_client, lessons[2], uuid.uuid4(), when=local)
    assert LessonProgress.objects.get(lesson=lessons[2]).completed_at == local


@pytest.mark.parametrize(
    ("key", "when", "code"),
    [
        ("not-a-uuid", None, "bad_key"),
        ("1234", None, "bad_key"),
        (None, "yesterday", "bad_time"),
        (None, "2026-13-45T99:00:00Z", "bad_time"),
        (None, "2026-03-01T09:30:00", "bad_time"),  # no time zone: which 09:30?
    ],
)
def test_a_bad_key_or_time_is_a_clear_400_and_records_nothing(
    learner_client,  # noqa: F811
    enrolment,
    lessons,
    key,
    when,
    code,
):
    response = send(learner_client, lessons[0], key, when=when)
    assert response.status_code == 400
    assert response.json()["code"] == code
    assert "Nothing was recorded" in response.json()["error"]
    assert not LessonProgress.objects.exists() and not IdempotencyKey.objects.exists()
    # The form (no JavaScript) gets the message on the lesson page instead.
    page = send(learner_client, lessons[0], key, when=when, as_json=False, field=True)
    assert page.status_code == 302 and page.url == lessons[0].url
    assert not LessonProgress.objects.exists()


def test_a_key_reused_for_another_lesson_is_refused(
    learner_client,  # noqa: F811
    enrolment,
    lessons,
):
    key = uuid.uuid4()
    assert send(learner_client, lessons[0], key).status_code == 200
    response = send(learner_client, lessons[1], key)
    assert response.status_code == 422
    assert response.json()["code"] == "key_reused"
    assert "another step" in response.json()["error"]
    assert list(LessonProgress.objects.values_list("lesson_id", flat=True)) == [lessons[0].pk]


def test_another_learners_key_does_not_collide(
    learner_client,  # noqa: F811
    enrolment,
    course,  # noqa: F811
    lessons,
):
    key = uuid.uuid4()
    assert send(learner_client, lessons[0], key).json()["replayed"] is False
    other = UserFactory(email="aline@example.com")
    enrolment_create(learner=other, course=course)
    other_client = Client()
    other_client.force_login(other)
    response = send(other_client, lessons[0], key)
    assert response.status_code == 200 and response.json()["replayed"] is False
    assert LessonProgress.objects.filter(lesson=lessons[0]).count() == 2
    # ... and a stranger (not enrolled) with that key is refused, learning nothing of it.
    stranger = Client()
    stranger.force_login(UserFactory(email="stranger@example.com"))
    refused = send(stranger, lessons[0], key)
    assert refused.status_code == 403 and refused.json()["code"] == "not_enrolled"


def test_anonymous_is_sent_to_log_in(client, lessons):
    response = send(client, lessons[0], uuid.uuid4(), when=timezone.now())
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert not IdempotencyKey.objects.exists()


def test_the_form_without_javascript_posts_its_hidden_key(
    learner_client,  # noqa: F811
    enrolment,
    lessons,
    course,  # noqa: F811
):
    page = learner_client.get(lessons[1].url).content.decode()
    assert 'name="idempotency_key"' in page
    key = page.split('name="idempotency_key" value="')[1].split('"')[0]
    uuid.UUID(key)
    continue_url = reverse("lms_continue", args=[course.pk])
    for _ in range(2):  # a double tap on a slow link
        response = send(learner_client, lessons[1], key, as_json=False, field=True)
        assert response.status_code == 302 and response.url == continue_url
    assert LessonProgress.objects.count() == 1
    assert IdempotencyKey.objects.get().key == uuid.UUID(key)


def test_conflicts_are_explained(
    learner_client,  # noqa: F811
    learner,  # noqa: F811
    enrolment,
    course,  # noqa: F811
    lessons,
):
    # The lesson moved to another course than the one the phone saw.
    moved = send(learner_client, lessons[0], uuid.uuid4(), course_id=course.pk + 1000)
    assert moved.status_code == 410 and moved.json()["code"] == "lesson_moved"
    assert send(learner_client, lessons[0], uuid.uuid4(), course_id=course.pk).status_code == 200
    # Unpublished by the trainers.
    lessons[1].unpublish()
    gone = send(learner_client, lessons[1], uuid.uuid4())
    assert gone.status_code == 410 and gone.json()["code"] == "lesson_unpublished"
    assert "unpublished" in gone.json()["error"]
    assert send(learner_client, lessons[1], as_json=False).status_code == 404
    # Deleted.
    missing = learner_client.post(reverse("lms_lesson_complete", args=[999999]), **JSON)
    assert missing.status_code == 404 and missing.json()["code"] == "lesson_gone"
    # The learner left the course (on another device) before the phone synced.
    enrolment_withdraw(learner=learner, course=course)
    left = send(learner_client, lessons[2], uuid.uuid4())
    assert left.status_code == 409 and left.json()["code"] == "enrolment_withdrawn"
    assert "Enrol again" in left.json()["error"]
    assert set(LessonProgress.objects.values_list("lesson_id", flat=True)) == {lessons[0].pk}
    assert not IdempotencyKey.objects.filter(target_id=lessons[2].pk).exists()


def test_a_replay_completing_the_course_completes_it_once(
    learner_client,  # noqa: F811
    enrolment,
    lessons,
):
    from lms.models import QuizAttempt

    # The quiz is required too: every lesson replayed twice never completes the course alone.
    for lesson in lessons:
        key = uuid.uuid4()
        send(learner_client, lesson, key)
        send(learner_client, lesson, key)
    assert LessonProgress.objects.count() == len(lessons)
    assert not Completion.objects.exists()
    assert not QuizAttempt.objects.exists()


def test_the_rate_limit_still_holds_for_replays(
    settings,
    learner_client,  # noqa: F811
    enrolment,
    lessons,
):
    settings.ISOKO_LMS_RATE_LIMITS = {"progress": 3}
    key = uuid.uuid4()
    statuses = [send(learner_client, lessons[0], key).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert send(learner_client, lessons[0], key).json()["code"] == "rate_limited"


def test_one_replay_in_a_fixed_number_of_queries(
    learner_client,  # noqa: F811
    enrolment,
    lessons,
    django_assert_max_num_queries,
):
    key = uuid.uuid4()
    send(learner_client, lessons[0], key)
    with django_assert_max_num_queries(8):
        assert send(learner_client, lessons[0], key).json()["replayed"] is True


def test_old_keys_are_purged_by_the_beat_task(
    settings,
    learner_client,  # noqa: F811
    enrolment,
    lessons,
):
    assert (
        settings.CELERY_BEAT_SCHEDULE["purge-idempotency-keys"]["task"]
        == purge_idempotency_keys_task.name
    )
    old, fresh = uuid.uuid4(), uuid.uuid4()
    send(learner_client, lessons[0], old)
    send(learner_client, lessons[1], fresh)
    IdempotencyKey.objects.filter(key=old).update(
        created_at=timezone.now() - timedelta(days=KEEP_DAYS, minutes=1)
    )
    assert purge_idempotency_keys_task.apply().get() == 1
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == [fresh]
    assert idempotency_keys_purge() == 0
    # A step replayed after its key was purged still records the lesson once.
    assert send(learner_client, lessons[0], old).json()["replayed"] is False
    assert LessonProgress.objects.filter(lesson=lessons[0]).count() == 1


def test_a_json_client_sends_the_same_fields(
    learner_client,  # noqa: F811
    enrolment,
    lessons,
    course,  # noqa: F811
):
    url = reverse("lms_lesson_complete", args=[lessons[0].pk])
    when = (timezone.now() - timedelta(minutes=5)).isoformat()
    body = {"occurred_at": when, "course": course.pk}
    key = str(uuid.uuid4())
    for replayed in (False, True):
        response = learner_client.post(
            url, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY=key
        )
        assert response.json() == {"completed_at": when, "replayed": replayed}
    for broken in ("[1, 2]", "{not json", "x" * 5000):
        response = learner_client.post(url, broken, content_type="application/json")
        assert response.status_code == 400 and response.json()["code"] == "malformed"
    assert LessonProgress.objects.count() == 1
