"""The same queued step sent from two tabs (or a replay racing its original) at the same instant,
on PostgreSQL: separate connections, the real unique index and row locks. One request records
the step; every other one waits for it on the index and answers the same (``replayed``).

Each burst opens its connections first and then sends every request at once
(tests/concurrency/burst.py), against Django's threaded live server (a connection per request).
"""

from __future__ import annotations

import json
import threading
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from courses.models import LessonPage
from lms.models import Enrolment, IdempotencyKey, LessonProgress
from lms.services import enrolment_create
from lms.services.replay import lesson_complete_once
from tests.accounts.factories import UserFactory
from tests.concurrency.burst import Burst, Tap
from tests.courses import factories

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(site):
    course = factories.small_course(site, modules=1, lessons=2)
    learner = UserFactory(email="claude@example.com")
    enrolment = enrolment_create(learner=learner, course=course)
    Enrolment.objects.filter(pk=enrolment.pk).update(enrolled_at=timezone.now() - timedelta(days=1))
    lessons = list(LessonPage.objects.descendant_of(course).order_by("path"))
    return {"course": course, "learner": learner, "lessons": lessons}


@pytest.fixture
def burst(live_server, caplog):
    return Burst(live_server.url, caplog)


def test_one_key_sent_eight_times_at_once_records_once(burst, world):
    learner, lesson = world["learner"], world["lessons"][0]
    key = str(uuid.uuid4())
    when = (timezone.now() - timedelta(hours=1)).isoformat()
    replies = burst(
        reverse("lms_lesson_complete", args=[lesson.pk]),
        user=learner,
        n=8,
        form={"idempotency_key": key, "occurred_at": when},
        accept="application/json",
    )
    assert {reply.status for reply in replies} == {200}
    answers = [json.loads(reply.body) for reply in replies]
    assert {answer["completed_at"] for answer in answers} == {when}
    assert sorted(answer["replayed"] for answer in answers) == [False] + [True] * 7
    assert LessonProgress.objects.get().completed_at.isoformat() == when
    assert IdempotencyKey.objects.count() == 1


def test_two_tabs_with_their_own_keys_for_one_lesson_record_it_once(burst, world):
    learner, lesson = world["learner"], world["lessons"][1]
    path = reverse("lms_lesson_complete", args=[lesson.pk])
    taps = [
        Tap(path, learner, form={"idempotency_key": str(uuid.uuid4())}, accept="application/json")
        for _ in range(6)
    ]
    replies = burst.at_once(taps)
    assert {reply.status for reply in replies} == {200}
    assert len({json.loads(reply.body)["completed_at"] for reply in replies}) == 1
    assert LessonProgress.objects.count() == 1
    assert IdempotencyKey.objects.count() == 6  # each tab's key answers its own replays


def test_one_key_for_two_lessons_at_once_records_only_one(burst, world):
    learner, lessons = world["learner"], world["lessons"]
    key = str(uuid.uuid4())
    taps = [
        Tap(
            reverse("lms_lesson_complete", args=[lesson.pk]),
            learner,
            form={"idempotency_key": key},
            accept="application/json",
        )
        for lesson in lessons * 3
    ]
    replies = burst.at_once(taps)
    statuses = sorted(reply.status for reply in replies)
    recorded = LessonProgress.objects.get()  # one lesson, whichever came first
    assert statuses == [200, 200, 200, 422, 422, 422]
    for tap, reply in zip(taps, replies, strict=True):
        won = tap.path == reverse("lms_lesson_complete", args=[recorded.lesson_id])
        assert reply.status == (200 if won else 422)
        if not won:
            assert json.loads(reply.body)["code"] == "key_reused"


def test_two_connections_calling_the_service_at_once(world):
    """The service itself, from two threads (two connections), without HTTP in between."""
    learner, lesson = world["learner"], world["lessons"][0]
    key = uuid.uuid4()
    barrier = threading.Barrier(2)
    outcomes, errors = [], []

    def tap():
        try:
            barrier.wait(timeout=10)
            outcomes.append(lesson_complete_once(learner=learner, lesson=lesson, key=key))
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=tap) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    assert sorted(outcome.replayed for outcome in outcomes) == [False, True]
    assert len({outcome.completed_at for outcome in outcomes}) == 1
    assert LessonProgress.objects.count() == 1
