"""The enrolled lesson's learner state (enrolment, items done), cached per learner and course
(lms/lesson_state_cache.py): the page is the one built without the cache, and every kind of write
to what it shows or to who may read it is seen on the very next request (each checked right after
a cached copy was served, so that a hit is what would have been stale); never another learner's.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from courses import routing
from courses.models import LessonPage
from lms.models import Enrolment, QuizAttempt
from lms.services import enrolment_create, enrolment_withdraw, lesson_complete
from tests.accounts.factories import UserFactory
from tests.courses import factories
from tests.perf.test_dashboard_queries import course_with_items, quiz_of
from tests.perf.test_lesson_queries import ENROLLED_MAX

pytestmark = pytest.mark.django_db

DONE = '<p class="done">✓ Completed</p>'
MARK = "Mark as complete"


def per_request_free(html: str) -> str:
    """The page without what differs on every render: CSRF tokens and the step's new key."""
    html = re.sub(r'csrfmiddlewaretoken" value="[^"]*"', "", html)
    return re.sub(r'name="idempotency_key" value="[^"]*"', "", html)


def get(client, url) -> tuple[int, str, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response.status_code, response.content.decode(), len(captured)


def served_from_cache(client, url) -> str:
    """The lesson twice: the second from the cached state (within the budget of
    tests/perf/test_lesson_queries.py, which has no room for the enrolment and items read)."""
    status, first, _ = get(client, url)
    assert status == 200
    status, second, queries = get(client, url)
    assert status == 200 and queries <= ENROLLED_MAX, queries
    assert per_request_free(second) == per_request_free(first)
    return second


@pytest.fixture
def world(site, client):
    catalog = factories.catalog(site)
    course = course_with_items(catalog, "Coffee export")
    learner = UserFactory()
    enrolment_create(learner=learner, course=course)
    lessons = list(LessonPage.objects.descendant_of(course).order_by("path"))
    client.force_login(learner)
    # The second lesson (the first is a free preview, which everybody may read).
    return {"catalog": catalog, "course": course, "learner": learner, "lessons": lessons}


def test_the_cached_state_gives_the_page_built_without_it(client, world, settings):
    lesson = world["lessons"][1]
    lesson_complete(learner=world["learner"], lesson=world["lessons"][0])
    get(client, lesson.url)  # the page type, then the page itself kept (courses/routing.py)
    settings.ISOKO_LESSON_STATE_CACHE_SECONDS = 0
    _, built, built_queries = get(client, lesson.url)
    _, _, again = get(client, lesson.url)
    settings.ISOKO_LESSON_STATE_CACHE_SECONDS = 3600
    get(client, lesson.url)
    status, cached, queries = get(client, lesson.url)
    assert status == 200 and per_request_free(cached) == per_request_free(built)
    assert MARK in cached and 'data-done="0"' in cached
    # The enrolment and the items done are not read: two queries fewer than built.
    assert queries == again - 2, (queries, again)


def test_every_kind_of_write_shows_on_the_next_request(
    client, world, django_capture_on_commit_callbacks
):
    learner, course, lessons = world["learner"], world["course"], world["lessons"]
    lesson, other = lessons[1], lessons[0]
    quiz = quiz_of(course)

    def after(write, status: int, expect: str | None = None, absent: str | None = None):
        served_from_cache(client, lesson.url)
        with django_capture_on_commit_callbacks(execute=True):
            write()
        got, html, _ = get(client, lesson.url)
        assert got == status, (write, got)
        if expect:
            assert expect in html, (write, expect)
        if absent:
            assert absent not in html, (write, absent)
        return html

    # Marking the lesson complete (the service, as the form's view and the offline replay do).
    after(lambda: lesson_complete(learner=learner, lesson=lesson), 200, DONE, MARK)
    # Another lesson done: its tick in the outline.
    ticks = after(lambda: None, 200).count('class="tick"')
    html = after(lambda: lesson_complete(learner=learner, lesson=other), 200)
    assert html.count('class="tick"') == ticks + 1
    # A quiz passed: its tick too.
    html = after(
        lambda: QuizAttempt.objects.create(
            learner=learner,
            quiz=quiz,
            course=course,
            number=1,
            status="submitted",
            finished_at=timezone.now(),
            questions=[],
            score=100,
            passed=True,
        ),  # fmt: skip
        200,
    )
    assert html.count('class="tick"') == ticks + 2
    # (Progress rows are deleted only by cascade, with their page, which changes the content
    # generation, or with their learner: lms/learner_receivers.py. A page deleted is below.)
    # Withdrawing: the body is refused on the next request; enrolling again opens it.
    after(lambda: enrolment_withdraw(learner=learner, course=course), 403, absent=MARK)
    got, html, _ = get(client, lesson.url)
    assert got == 403 and "Body of" not in html
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_create(learner=learner, course=course)
    assert get(client, lesson.url)[0] == 200
    # The enrolment deleted (the admin): refused.
    after(lambda: Enrolment.objects.filter(learner=learner, course=course).delete(), 403)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_create(learner=learner, course=course)

    # A trainer publishing a change to the course: a lesson retitled, then a lesson added.
    def retitle():
        other.title = "Packing coffee for export"
        other.save_revision().publish()

    after(retitle, 200, "Packing coffee for export")
    module = course.get_children().first()
    after(lambda: factories.lesson(module, "Shipping by air"), 200, "Shipping by air")
    # A lesson the learner completed, deleted: its progress goes by cascade (no signal), and
    # its tick with it.
    done_lesson = LessonPage.objects.descendant_of(course).get(title="Packing coffee for export")
    html = after(lambda: done_lesson.delete(), 200, absent="Packing coffee for export")
    assert html.count('class="tick"') == ticks + 1  # the quiz's, not the deleted lesson's

    # Opening another lesson records it (an update(), no signal): "continue" leads there, and
    # the cached enrolment knows it, so going back to it writes nothing more.
    second = LessonPage.objects.descendant_of(course).get(title="Shipping by air")
    served_from_cache(client, lesson.url)
    assert get(client, second.url)[0] == 200
    assert Enrolment.objects.get(learner=learner, course=course).last_item_id == second.pk
    assert client.get(reverse("lms_continue", args=[course.pk]))["Location"] == second.url


def test_a_view_writes_once_per_item_with_the_state_cached(client, world):
    learner, lessons = world["learner"], world["lessons"]

    def writes(url) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return sum(q["sql"].lstrip().upper().startswith("UPDATE") for q in captured)

    assert writes(lessons[1].url) == 1  # a new item
    assert writes(lessons[1].url) == 0  # the same: the cached enrolment knows it
    assert writes(lessons[0].url) == 1
    assert writes(lessons[1].url) == 1  # back: the item differs from the one recorded
    enrolment = Enrolment.objects.get(learner=learner, course=world["course"])
    assert enrolment.last_item_id == lessons[1].pk


def test_two_learners_never_see_each_others_state(client, world):
    lesson, course = world["lessons"][1], world["course"]
    lesson_complete(learner=world["learner"], lesson=lesson)
    assert DONE in served_from_cache(client, lesson.url)
    stranger = UserFactory()
    client.force_login(stranger)
    assert get(client, lesson.url)[0] == 403  # not enrolled: refused, whatever the cache holds
    with_course = UserFactory()
    enrolment_create(learner=with_course, course=course)
    client.force_login(with_course)
    html = served_from_cache(client, lesson.url)
    assert MARK in html and DONE not in html
    client.force_login(world["learner"])
    assert DONE in served_from_cache(client, lesson.url)


def test_the_page_itself_is_read_again_after_any_change_anywhere(client, world):
    """The lesson's row is kept per process under the content token (courses/routing.py), read
    from the shared cache on every request: a change made on another node (which replaces the
    token there, not this process's memos) is seen on the next request here."""
    from courses.selectors import outline_memo

    lesson = world["lessons"][1]
    served_from_cache(client, lesson.url)
    _, _, kept = get(client, lesson.url)
    cache.set(outline_memo.key, "another node changed a page")  # as invalidate() there does
    with CaptureQueriesContext(connection) as captured:
        assert client.get(lesson.url).status_code == 200
    assert any('FROM "courses_lessonpage"' in query["sql"] for query in captured)  # read again
    assert get(client, lesson.url)[2] == kept

    lesson.title = "Listings that sell"
    lesson.save_revision().publish()
    status, html, _ = get(client, lesson.url)
    assert status == 200 and '<h1 id="item-title">Listings that sell</h1>' in html
    # A request's own attributes on its page never reach the kept copy.
    route = routing._pages_by_url_path[lesson.url_path]
    assert "_isoko_course_of" not in route[1].__dict__ and "specific" not in route[1].__dict__
    # Made private (a group the learner is not in), then public again: its view restrictions are
    # kept with the page, under the same token.
    group = Group.objects.create(name="Reviewers only")
    restriction = PageViewRestriction.objects.create(
        page=lesson, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(group)
    status, html, _ = get(client, lesson.url)
    assert status == 403 and "Body of" not in html  # Wagtail refuses a signed-in outsider
    world["learner"].groups.add(group)
    assert get(client, lesson.url)[0] == 200  # who they let in is decided per request
    world["learner"].groups.remove(group)
    restriction.delete()
    assert get(client, lesson.url)[0] == 200
    lesson.refresh_from_db()
    lesson.unpublish()
    assert get(client, lesson.url)[0] == 404
