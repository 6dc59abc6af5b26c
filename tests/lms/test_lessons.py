"""Lessons: bodies for enrolled learners (free previews aside), ticks, continue, mark complete."""

import pytest
from django.test import Client
from django.urls import reverse

from courses.models import LessonPage
from lms.models import LessonProgress
from lms.services import enrolment_create
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lessons(course):
    return list(LessonPage.objects.descendant_of(course).order_by("path"))


def test_lesson_bodies_are_locked_for_visitors(client, learner_client, lessons):
    for visitor in (client, learner_client):
        locked = visitor.get(lessons[1].url)
        assert locked.status_code == 403
        assert "Body of Grading." not in locked.content.decode()
        assert "for learners enrolled in the course" in locked.content.decode()
        assert "Body of Onboarding." in visitor.get(lessons[0].url).content.decode()


def test_mark_complete_is_idempotent_records_time_and_ticks(
    learner_client, learner, course, lessons
):
    enrolment_create(learner=learner, course=course)
    url = reverse("lms_lesson_complete", args=[lessons[1].pk])
    learner_client.post(url)
    first = LessonProgress.objects.get().completed_at
    learner_client.post(url, HTTP_ACCEPT="application/json")
    assert LessonProgress.objects.get().completed_at == first
    html = learner_client.get(lessons[1].url).content.decode()
    assert "✓ Completed" in html
    assert html.count('class="tick"') == 1  # the outline ticks the done lesson only


def test_mark_complete_needs_enrolment_csrf_and_post(learner, course, lessons, client):
    url = reverse("lms_lesson_complete", args=[lessons[1].pk])
    assert client.post(url).status_code == 302  # anonymous: to the login page
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(learner)
    enrolment_create(learner=learner, course=course)
    assert strict.post(url).status_code == 403  # no CSRF token
    assert strict.get(url).status_code == 405
    stranger = Client()
    stranger.force_login(UserFactory(email="stranger@example.com"))
    response = stranger.post(url, HTTP_ACCEPT="application/json")
    assert response.status_code == 403 and response.json()["code"] == "not_enrolled"
    assert not LessonProgress.objects.exists()


def test_continue_where_you_left_off(learner_client, learner, course, lessons):
    enrolment_create(learner=learner, course=course)
    url = reverse("lms_continue", args=[course.pk])
    assert learner_client.get(url)["Location"] == lessons[0].url
    learner_client.get(lessons[1].url)  # opened, not finished
    assert learner_client.get(url)["Location"] == lessons[1].url
    learner_client.post(reverse("lms_lesson_complete", args=[lessons[1].pk]))
    # Done with it: the next step is the quiz that follows it in the outline.
    assert learner_client.get(url)["Location"].endswith("/check/")


def test_previous_and_next_links(learner_client, learner, course, lessons):
    enrolment_create(learner=learner, course=course)
    html = learner_client.get(lessons[1].url).content.decode()
    assert f'rel="prev" href="{lessons[0].url}"' in html
    assert 'rel="next"' in html


def test_editors_read_lessons_without_enrolling(editor_client, lessons):
    response = editor_client.get(lessons[1].url)
    assert response.status_code == 200 and "Body of Grading." in response.content.decode()


def test_answers_chosen_by_accept_vary_on_it(learner, course, lessons, client):
    """complete_lesson answers JSON or a redirect by Accept; so does its refusal."""
    from django.utils.cache import has_vary_header

    url = reverse("lms_lesson_complete", args=[lessons[1].pk])
    client.force_login(learner)
    refused = client.post(url, HTTP_ACCEPT="application/json")
    assert refused.status_code == 403 and has_vary_header(refused, "Accept")
    enrolment_create(learner=learner, course=course)
    for accept in ("application/json", "text/html"):
        response = client.post(url, HTTP_ACCEPT=accept)
        assert response.status_code in (200, 302) and has_vary_header(response, "Accept")
