"""``{% constant %}`` (config/templatetags/fragments.py): the frame of every page rendered once per
process and language. The pages must be byte for byte what they are without the memo (CSRF
tokens and step keys aside), for two learners and two languages in any order, and nothing of
one learner may reach another."""

from __future__ import annotations

import pytest

from config.templatetags import fragments
from courses.models import LessonPage
from lms.services import enrolment_create
from tests.accounts.factories import UserFactory
from tests.courses import factories
from tests.perf.test_dashboard_queries import course_with_items
from tests.perf.test_lesson_state_cache import per_request_free

pytestmark = pytest.mark.django_db


def _pages(client, urls, users) -> dict:
    seen = {}
    for user in users:
        client.force_login(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            seen[(user.pk, url)] = per_request_free(response.content.decode())
    return seen


def test_the_frame_is_the_same_with_and_without_the_memo(client, site, settings):
    course = course_with_items(factories.catalog(site), "Coffee export")
    lesson = LessonPage.objects.descendant_of(course).order_by("path")[1]
    aline = UserFactory(profile__full_name="Aline Uwase")
    bosco = UserFactory(profile__full_name="Bosco Habimana")
    for learner in (aline, bosco):
        enrolment_create(learner=learner, course=course)
    urls = [lesson.url, "/dashboard/", "/fr/dashboard/", "/accounts/password/change/"]

    settings.ISOKO_CONSTANT_FRAGMENTS = False
    built = _pages(client, urls, [aline, bosco])
    settings.ISOKO_CONSTANT_FRAGMENTS = True
    fragments.clear()
    memoised = _pages(client, urls, [bosco, aline])  # the other learner fills the memo first
    assert memoised == built

    for url in urls:  # what is one learner's stays theirs
        for learner in (aline, bosco):
            html = memoised[(learner.pk, url)]
            assert f'data-user="{learner.pk}"' in html
            assert f": {learner.get_short_name()}</span>" in html
    assert 'lang="fr"' in memoised[(aline.pk, "/fr/dashboard/")]
    assert memoised[(aline.pk, "/fr/dashboard/")] != memoised[(aline.pk, "/dashboard/")]


def test_an_anonymous_page_and_a_logged_in_one_share_the_frame_not_the_menu(client, site):
    factories.catalog(site)
    fragments.clear()
    anonymous = client.get("/courses/").content.decode()
    assert "Log in" in anonymous and "Log out" not in anonymous
    client.force_login(UserFactory())
    mine = client.get("/courses/").content.decode()
    assert "Log out" in mine and "Log in" not in mine
    client.logout()
    assert "Log out" not in client.get("/courses/").content.decode()
