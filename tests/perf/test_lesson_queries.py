"""The enrolled lesson and the free-preview lesson: a fixed number of queries, flat as the data
grows (more lessons, more enrolments, more learners), no write on a GET, routing from the memo.

Measured for issue 15 before this work: a preview lesson 21 queries (12 of them Site, Locale and
page-tree routing, the course twice), an enrolled lesson 31 (an UPDATE of the enrolment on every
GET, two permission queries for the account menu). Now, on PostgreSQL and SQLite alike:

- preview, anonymous (0): the lesson itself (by its url_path) with its view restrictions'
  rows, its course, the course outline and the lesson body come from per-process memos
  (courses.routing, courses.selectors) once read; the page's memo is checked against the
  content token in the shared cache on every request (the page and its restrictions are read
  again, 2 queries, after any page or restriction change anywhere).
- enrolled (2): the session (none with cached_db sessions, i.e. whenever REDIS_URL
  is set, as in production) and the user. The enrolment and the items done (2 more) come from
  the cache while the learner's state generation holds (lms/lesson_state_cache.py), the account
  menu's name and the low-data choice (the profile, 1 more) likewise (accounts/profile_cache.py):
  7 before this pass; 6 when a write has just replaced the learner's token.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale

from core.learner_cache import learner_changed
from core.shared_memo import SharedMemo
from courses.models import LessonPage
from lms.models import Enrolment
from lms.services import enrolment_create, lesson_complete
from tests.accounts.factories import UserFactory
from tests.courses import factories

pytestmark = pytest.mark.django_db

PREVIEW_MAX, ENROLLED_MAX = 0, 2


def _course(site, title: str, lessons: int = 2):
    course = factories.course(factories.catalog(site), title)
    module = factories.module(course, "Module")
    factories.lesson(module, "Free", free_preview=True)
    for n in range(lessons):
        factories.lesson(module, f"Lesson {n}")
    factories.quiz(module, "Quiz")
    return course


def _grow(site, learner, course):
    """Two more lessons in the course, two more enrolments of the learner (with progress), and
    two more learners in the course (with progress)."""
    module = course.get_children().first()
    for n in (10, 11):
        factories.lesson(module, f"Lesson {n}")
    for title in ("More 1", "More 2"):
        other = _course(site, title)
        enrolment_create(learner=learner, course=other)
        lesson_complete(learner=learner, lesson=LessonPage.objects.descendant_of(other).first())
    for _ in range(2):
        someone = UserFactory()
        enrolment_create(learner=someone, course=course)
        lesson_complete(learner=someone, lesson=LessonPage.objects.descendant_of(course).first())


def _count(client, url, budget, django_assert_max_num_queries, text: str):
    # Warm: content types, the memos; the first view of a path learns its page type, the
    # second keeps the page under the content token (courses/routing.py).
    for _ in range(2):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(budget) as captured:
        response = client.get(url)
    assert response.status_code == 200 and text in response.content.decode()
    return [query["sql"] for query in captured.captured_queries]


def _writes(queries) -> list[str]:
    return [sql for sql in queries if sql.lstrip().upper().startswith(("UPDATE", "INSERT"))]


def test_enrolled_lesson_is_flat_and_writes_nothing(client, site, django_assert_max_num_queries):
    learner = UserFactory()
    course = _course(site, "Selling coffee")
    enrolment_create(learner=learner, course=course)
    lesson_complete(learner=learner, lesson=LessonPage.objects.descendant_of(course).first())
    lesson = LessonPage.objects.descendant_of(course).get(slug="lesson-1")
    client.force_login(learner)

    few = _count(client, lesson.url, ENROLLED_MAX, django_assert_max_num_queries, "Mark as")
    assert _writes(few) == []
    assert not any("auth_permission" in sql or "auth_group" in sql for sql in few)
    assert not any("wagtailcore_site" in sql or "wagtailcore_locale" in sql for sql in few)
    _grow(site, learner, course)
    many = _count(client, lesson.url, ENROLLED_MAX, django_assert_max_num_queries, "Mark as")
    assert len(many) == len(few) and _writes(many) == []


def test_preview_lesson_is_flat(client, site, django_assert_max_num_queries):
    course = _course(site, "Selling coffee")
    preview = LessonPage.objects.descendant_of(course).get(slug="free")
    few = _count(client, preview.url, PREVIEW_MAX, django_assert_max_num_queries, "Body of Free")
    _grow(site, UserFactory(), course)
    many = _count(client, preview.url, PREVIEW_MAX, django_assert_max_num_queries, "Body of Free")
    assert len(many) == len(few) and _writes(many) == []


def test_a_view_records_a_new_item_and_stale_activity_only(client, site):
    learner = UserFactory()
    course = _course(site, "Selling coffee")
    enrolment = enrolment_create(learner=learner, course=course)
    first, second = LessonPage.objects.descendant_of(course).filter(free_preview=False)[:2]
    client.force_login(learner)

    def view(lesson) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(lesson.url).status_code == 200
        return len(_writes([q["sql"] for q in captured.captured_queries]))

    assert view(first) == 1  # a new item: "continue" must come back here
    enrolment.refresh_from_db()
    assert enrolment.last_item_id == first.pk and enrolment.last_activity_at is not None
    assert view(first) == 0  # the same item, moments later
    assert view(second) == 1
    assert view(second) == 0
    # Past the resolution, the same item records the activity time again (nudges, reports).
    stale = timezone.now() - timedelta(minutes=20)
    Enrolment.objects.filter(pk=enrolment.pk).update(last_activity_at=stale)
    learner_changed(learner.pk)  # as every writer of the row does (the lesson's state is cached)
    assert view(second) == 1
    enrolment.refresh_from_db()
    assert enrolment.last_activity_at > stale
    # And "continue" resumes at the lesson opened last, not finished.
    assert client.get(reverse("lms_continue", args=[course.pk]))["Location"] == second.url


def test_non_enrolled_learners_are_still_refused(client, site):
    course = _course(site, "Selling coffee")
    lesson = LessonPage.objects.descendant_of(course).get(slug="lesson-0")
    client.force_login(UserFactory())
    for _ in range(2):  # the second one routed from the memo
        response = client.get(lesson.url)
        assert response.status_code == 403 and "Body of Lesson 0" not in response.content.decode()


def test_routing_follows_renames_unpublishing_and_languages(client, site):
    course = _course(site, "Selling coffee")
    lesson = LessonPage.objects.descendant_of(course).get(slug="free")
    old_url = lesson.url
    assert client.get(old_url).status_code == 200  # its type is remembered for this path
    lesson.slug = "free-intro"
    factories.publish(lesson)
    lesson = LessonPage.objects.get(pk=lesson.pk)
    assert client.get(old_url).status_code == 404
    assert client.get(lesson.url).status_code == 200 and lesson.url != old_url
    lesson.unpublish()
    assert client.get(lesson.url).status_code == 404
    # A French reader gets the French tree from the French home page (site_setup makes it).
    french = Locale.objects.get(language_code="fr")
    factories.publish(factories.catalog(site).copy_for_translation(french))
    translated = course.copy_for_translation(french)
    translated.title, translated.slug = "Vendre du café", "vendre-du-cafe"
    factories.publish(translated)
    assert "Vendre du café" in client.get("/fr/courses/vendre-du-cafe/").content.decode()
    assert client.get("/courses/vendre-du-cafe/").status_code == 404
    assert "Selling coffee" in client.get(course.url).content.decode()


def test_the_admin_link_needs_no_permission_query(client, site, django_assert_max_num_queries):
    course = _course(site, "Selling coffee")
    preview = LessonPage.objects.descendant_of(course).get(slug="free")
    trainer = UserFactory()
    trainers = Group.objects.create(name="Page trainers")
    trainers.permissions.add(Permission.objects.get(codename="access_admin"))
    learner = UserFactory()
    admin = reverse("wagtailadmin_home")
    for user, shown in ((learner, False), (trainer, False)):
        client.force_login(user)
        # The preview's, the session, the user, and the profile and the (absent) enrolment when
        # not cached yet.
        queries = _count(client, preview.url, PREVIEW_MAX + 4, django_assert_max_num_queries, "")
        assert (f'href="{admin}"' in client.get(preview.url).content.decode()) is shown
        assert not any("auth_permission" in sql for sql in queries)
    trainer.groups.add(trainers)  # access through a group, as Trainers and Facilitators have it
    assert f'href="{admin}"' in client.get(preview.url).content.decode()
    trainer.groups.remove(trainers)
    assert f'href="{admin}"' not in client.get(preview.url).content.decode()
    client.force_login(UserFactory(is_staff=True))
    assert f'href="{admin}"' in client.get(preview.url).content.decode()


def test_a_memo_is_dropped_in_every_process_by_a_change_in_one():
    here, there = SharedMemo("test-memo"), SharedMemo("test-memo")  # two processes' copies
    calls = []
    assert here.get("k", lambda: calls.append(1) or "old") == "old"
    assert here.get("k", lambda: calls.append(1) or "again") == "old"
    there.invalidate()
    assert here.get("k", lambda: "new") == "new"
    cache.clear()  # a lost token is a change too
    assert here.get("k", lambda: "newer") == "newer"
    assert calls == [1]
