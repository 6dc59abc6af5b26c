"""Every learner view: anonymous visitors go to log in (and nothing changes); GET-only and
POST-only views refuse the other method."""

import uuid

import pytest
from django.urls import reverse

from courses.models import LessonPage, QuizPage
from lms.models import Enrolment, LessonProgress, QuizAttempt

pytestmark = pytest.mark.django_db


@pytest.fixture
def urls(course):
    lesson = LessonPage.objects.descendant_of(course).first()
    quiz = QuizPage.objects.descendant_of(course).get()
    attempt = uuid.uuid4()
    return {
        "lms_enrol": ("post", [course.pk]),
        "lms_withdraw": ("post", [course.pk]),
        "lms_continue": ("get", [course.pk]),
        "lms_lesson_complete": ("post", [lesson.pk]),
        "lms_quiz_start": ("post", [quiz.pk]),
        "lms_attempt": ("get", [attempt]),
        "lms_autosave": ("post", [attempt]),
        "lms_attempt_result": ("get", [attempt]),
        "dashboard": ("get", []),
    }


def test_anonymous_is_sent_to_log_in_everywhere(client, urls):
    for name, (method, args) in urls.items():
        response = getattr(client, method)(reverse(name, args=args))
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("account_login")), name
    assert not (
        Enrolment.objects.exists()
        or LessonProgress.objects.exists()
        or QuizAttempt.objects.exists()
    )


def test_methods_are_enforced(learner_client, urls):
    for name, (method, args) in urls.items():
        other = "get" if method == "post" else "post"
        if name in {"lms_enrol", "lms_attempt"}:
            continue  # GET and POST both mean something there
        response = getattr(learner_client, other)(reverse(name, args=args))
        assert response.status_code == 405, name


def test_unknown_pages_and_attempts_are_404(learner_client):
    assert learner_client.post(reverse("lms_enrol", args=[999999])).status_code == 404
    assert learner_client.post(reverse("lms_lesson_complete", args=[999999])).status_code == 404
    assert learner_client.get(reverse("lms_attempt", args=[uuid.uuid4()])).status_code == 404


def test_learner_actions_are_rate_limited(settings, learner_client, learner, course):
    import json

    from lms.services import enrolment_create, quiz_attempt_start

    settings.ISOKO_LMS_RATE_LIMITS = {"autosave": 3}
    enrolment_create(learner=learner, course=course)
    attempt = quiz_attempt_start(learner=learner, quiz=QuizPage.objects.descendant_of(course).get())
    url = reverse("lms_autosave", args=[attempt.public_id])
    body = json.dumps({"answers": {}})
    statuses = [
        learner_client.post(url, body, content_type="application/json").status_code
        for _ in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    response = learner_client.post(url, body, content_type="application/json")
    assert response.json()["code"] == "rate_limited" and response["Retry-After"] == "60"
