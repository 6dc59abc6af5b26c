"""What the learner-page speed work (docs/lesson-performance.md, "Third pass") keeps between
requests, and that it follows every change: a lesson's course (per-process memo, dropped by any
page change) and sessions read from the shared cache (cached_db whenever REDIS_URL is set)."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.sessions.backends.cached_db import KEY_PREFIX
from django.core.cache import cache
from django.urls import reverse

from accounts.services import account_erase
from courses.api import course_of
from courses.models import LessonPage
from tests.accounts.factories import UserFactory
from tests.courses import factories

pytestmark = pytest.mark.django_db


def _fresh(lesson) -> LessonPage:
    return LessonPage.objects.get(pk=lesson.pk)  # a new instance, as each request has


def test_a_lessons_course_is_read_once_per_process(site, django_assert_num_queries):
    course = factories.course(factories.catalog(site), "Coffee")
    lesson = factories.lesson(factories.module(course), "One")
    assert course_of(_fresh(lesson), without_body=True).pk == course.pk
    again = _fresh(lesson)
    with django_assert_num_queries(0):
        found = course_of(again, without_body=True)
    assert found.pk == course.pk and found.title == "Coffee"
    # A copy per request: what one request sets on its course is not seen by the next.
    found.some_request_state = "mine"
    assert not hasattr(course_of(_fresh(lesson), without_body=True), "some_request_state")


def test_a_lessons_course_follows_a_rename_and_a_move(site):
    catalog = factories.catalog(site)
    coffee = factories.course(catalog, "Coffee")
    tea = factories.course(catalog, "Tea")
    tea_module = factories.module(tea, "Tea module")
    lesson = factories.lesson(factories.module(coffee), "One")
    assert course_of(_fresh(lesson), without_body=True).title == "Coffee"
    coffee.title = "Coffee, roasted"
    coffee.save_revision().publish()
    assert course_of(_fresh(lesson), without_body=True).title == "Coffee, roasted"
    _fresh(lesson).move(tea_module, pos="last-child")
    assert course_of(_fresh(lesson), without_body=True).pk == tea.pk


def test_a_page_outside_a_course_has_none(site):
    assert course_of(factories.catalog(site), without_body=True) is None


def test_sessions_come_from_the_shared_cache_when_redis_is_configured():
    """config/settings/learnerperf.py: cached_db exactly when REDIS_URL is set."""
    engine = settings.SESSION_ENGINE
    if settings.REDIS_URL:
        assert engine == "django.contrib.sessions.backends.cached_db"
    else:
        assert engine == "django.contrib.sessions.backends.db"


def test_an_erased_account_loses_its_cached_sessions_too(settings, client):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    me = UserFactory()
    client.force_login(me)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.get(reverse("dashboard")).status_code == 200
    assert cache.get(KEY_PREFIX + key) is not None  # the logged-in request read it from there
    type(me).objects.filter(pk=me.pk).update(is_active=False)
    assert account_erase(user_id=me.pk)
    assert cache.get(KEY_PREFIX + key) is None
    store = import_module(settings.SESSION_ENGINE).SessionStore
    assert not store().exists(key)
    assert client.get(reverse("dashboard")).status_code == 302
