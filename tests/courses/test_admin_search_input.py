"""Every admin search box a trainer (or an administrator) can reach takes any text.

Wagtail's admin searches go through the same search backend as the catalogue (pages, images,
documents, snippets, choosers); a stray double quote used to reach SQLite FTS5 unescaped.
"""

import pytest
from django.test import Client

from tests.accounts.factories import UserFactory
from tests.accounts.helpers import log_in_with_mfa

pytestmark = pytest.mark.django_db

HOSTILE = ['"coffee', 'coffee"', '"><script>x', "coffee*", "title:coffee", "(coffee", "\x00", "-"]


@pytest.fixture
def course(editorial):
    return editorial["course_a"]


def trainer_urls(course) -> list[str]:
    return [
        "/admin/pages/search/",
        f"/admin/pages/{course.get_parent().pk}/",
        "/admin/choose-page/search/",
        "/admin/images/",
        "/admin/images/chooser/results/",
        "/admin/documents/",
        "/admin/documents/chooser/results/",
    ]


@pytest.mark.parametrize("text", HOSTILE)
def test_trainer_admin_searches_take_any_text(editorial, course, text):
    trainer = editorial["trainer_a"]
    for url in trainer_urls(course):
        response = trainer.get(url, {"q": text})
        assert response.status_code < 500, url
        assert response.status_code != 403, url  # the page is really reachable by a trainer


@pytest.mark.parametrize("text", HOSTILE)
def test_administrator_searches_take_any_text(course, text):
    admin = log_in_with_mfa(
        Client(), UserFactory(email="root@example.com", is_staff=True, is_superuser=True)
    )
    for url in [
        *trainer_urls(course),
        "/admin/users/",
        "/admin/cohort/",
        "/admin/cohortsession/",
        f"/admin/learning-reports/{course.pk}/",
        "/django-admin/accounts/user/",
        "/admin/certificates/",
        "/admin/storefronts/",
        "/admin/storefronts/applications/",
    ]:
        response = admin.get(url, {"q": text, "p": text, "page": text})
        assert response.status_code < 500, url
    for value in ["9" * 30, "²", "-1"]:  # a number the database or int() refuses
        response = admin.get("/admin/cohortsession/new/", {"cohort": value})
        assert response.status_code == 200


def test_question_banks_list_filter_by_tag_and_search(editorial):
    """The listing was a 500 for everyone: list_filter = ["tags"] cannot filter a
    ClusterTaggableManager (django-filter's AssertionError on every request)."""
    from courses.models import QuestionBank

    coffee = QuestionBank(title="Coffee grading")
    coffee.save()
    coffee.tags.add("coffee")
    coffee.save()
    QuestionBank(title="Coffee prices").save()
    tag = coffee.tags.get()
    trainer = editorial["trainer_a"]
    url = "/admin/snippets/courses/questionbank/"

    def listed(params) -> list[str]:
        response = trainer.get(url, params)
        assert response.status_code == 200
        return sorted(bank.title for bank in response.context["object_list"])

    assert listed({}) == ["Coffee grading", "Coffee prices"]
    assert listed({"tag": tag.pk}) == ["Coffee grading"]
    assert listed({"tag": tag.pk, "q": "coffee"}) == ["Coffee grading"]
    assert listed({"q": '"coffee'}) == ["Coffee grading", "Coffee prices"]
    assert listed({"tag": "bogus"}) == ["Coffee grading", "Coffee prices"]
