"""Answer keys never reach a learner's browser: not in HTML, JSON, search or any API."""

import json

import pytest
from django.test import RequestFactory

from courses.questions import learner_view
from tests.accounts.factories import UserFactory
from tests.courses import factories

pytestmark = pytest.mark.django_db

# Each of these is part of a key in factories.one_of_each(), and nothing a learner may see.
KEY_MARKERS = [
    "KEYFEEDBACK",
    "KEYEXPLANATION",
    "KEYACCEPTED",
    "is_correct",
    "correct_answer",
    "3600",
    "accepted_answers",
    "Electronic single window",
    "✔",
    "tolerance",
    "explanation",
]


@pytest.fixture
def quiz(site):
    course = factories.course(factories.catalog(site))
    return factories.quiz(factories.module(course))


def assert_no_key(text: str) -> None:
    for marker in KEY_MARKERS:
        assert marker not in text, f"{marker!r} leaked"


def test_the_learner_view_of_every_question_type_carries_no_key(quiz, client):
    learner = UserFactory()
    request = RequestFactory().get(quiz.url)
    request.user = learner
    response = quiz.serve_preview(request, "learner")
    html = response.render().content.decode()
    # The questions really are there: prompts, options and inputs for all six types...
    for question in quiz.questions:
        assert question.value["prompt"] in html
    assert 'type="radio"' in html and 'type="checkbox"' in html and 'inputmode="decimal"' in html
    assert "Certificate of origin" in html and "Commercial invoice" in html
    # ...and nothing that says which answer is right.
    assert_no_key(html)
    projected = json.dumps([learner_view(q).__dict__ for q in quiz.questions], default=vars)
    assert_no_key(projected)


def test_the_live_quiz_page_shows_rules_not_questions(quiz, client):
    client.force_login(UserFactory())
    for accept in ("text/html", "application/json"):
        response = client.get(quiz.url, HTTP_ACCEPT=accept)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Pass mark" in html
        assert_no_key(html)
        assert "Who registers businesses?" not in html  # questions only come with an attempt
    assert client.get(quiz.url + "?format=json").content.decode().count("KEY") == 0


def test_no_content_api_is_exposed(client, quiz):
    for path in ("/api/v2/pages/", f"/api/v2/pages/{quiz.pk}/", "/api/pages/"):
        assert client.get(path).status_code == 404


def test_search_does_not_index_questions(client, quiz):
    response = client.get("/courses/", {"q": "KEYACCEPTED-resw"})
    assert "0 courses" in response.content.decode()


def test_the_answer_key_preview_is_for_editors_only(quiz, client, editor_client):
    # Editors see the key in the admin preview...
    request = RequestFactory().get(quiz.url)
    request.user = UserFactory(is_superuser=True)
    html = quiz.serve_preview(request, "answer_key").render().content.decode()
    assert "KEYACCEPTED-resw" in html and "✔" in html
    # ...which lives under /admin/, where a learner is turned away.
    client.force_login(UserFactory())
    response = client.get(f"/admin/pages/{quiz.pk}/edit/preview/?mode=answer_key")
    assert response.status_code in (302, 403)
    assert_no_key(response.content.decode())
