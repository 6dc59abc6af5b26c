"""/dashboard/ and the course page cost a fixed number of queries, whatever the learner has done
and however big the courses grow; neither writes anything on a GET.

Each count is taken twice, before and after two more of everything (courses, enrolments, modules,
lessons, quizzes, lessons done, quizzes passed, completed courses with certificates), and must be
the same: the budget below is a ceiling, the equality is the point (CONVENTIONS §8: N vs N+2).
"""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from certificates.models import Certificate
from courses.models import LessonPage, QuizPage
from courses.selectors import course_outline, read_course_outline
from lms.models import Completion, Enrolment, LessonProgress, QuizAttempt
from tests.accounts.factories import UserFactory
from tests.courses import factories
from tests.shared_data import shared

pytestmark = pytest.mark.django_db

# Measured on SQLite. The dashboard: session and user (2), enrolments and the grouped progress
# with the next steps' titles (2), the profile with the MFA and facilitator checks (1; whether
# the learner may open the admin comes from the account menu's memo), the standing
# certificates, shared by both panels (1), the storefront panel's latest application (1: whether
# a certificate qualifies is read from the standing certificates, the qualifying courses from a
# per-process memo, courses.api.storefront_live_courses): 7, and the Site (1) while the routing
# memo is cold, as in a test (a warm process reads it from the memo:
# courses.routing.SiteMiddleware). With cached_db sessions (REDIS_URL set, as in production)
# the session comes from Redis: one fewer.
DASHBOARD_MAX = 8
# The same page served from its per-learner copy in the cache (config/dashboard.py): the session
# and the user, the account menu's profile, and the Site while the routing memo is cold.
DASHBOARD_CACHED_MAX = 4
# The course page: 7 for a visitor (the page by its url_path, view restrictions, the outline in
# one query, prerequisites, trainers, topics...); 12 for an enrolled learner, who adds session
# and user, the enrolment, the done items (one UNION) and the account menu's profile.
COURSE_MAX = 12

WRITES = ("INSERT", "UPDATE", "DELETE")


def writes(captured) -> list[str]:
    return [q["sql"] for q in captured if q["sql"].lstrip().upper().startswith(WRITES)]


def course_with_items(catalog, title: str, lessons: int = 2, **fields):
    course = factories.course(catalog, title, **fields)
    module = factories.module(course, f"{title}: module")
    for n in range(lessons):
        factories.lesson(module, f"{title}: lesson {n + 1}", free_preview=n == 0)
    factories.quiz(module, f"{title}: quiz")
    return course


def lessons_of(course) -> list[LessonPage]:
    return list(LessonPage.objects.descendant_of(course).live().order_by("path"))


def quiz_of(course) -> QuizPage:
    return QuizPage.objects.descendant_of(course).live().order_by("path").first()


def done(learner, lesson, course) -> None:
    LessonProgress.objects.create(
        learner=learner, lesson=lesson, course=course, completed_at=timezone.now()
    )


def passed(learner, quiz, course) -> None:
    QuizAttempt.objects.create(
        learner=learner, quiz=quiz, course=course, number=1, status="submitted",
        finished_at=timezone.now(), questions=[], score=100, passed=True,
    )  # fmt: skip


def completed_with_certificate(catalog, learner, title: str) -> None:
    course = course_with_items(catalog, title)
    enrolment = Enrolment.objects.create(
        learner=learner, course=course, status="completed", completed_at=timezone.now()
    )
    completion = Completion.objects.create(enrolment=enrolment, completed_at=timezone.now())
    Certificate.objects.create(
        learner=learner, course=course, completion=completion, name="Aline Uwase",
        course_title=title, status="issued", issued_at=timezone.now(), pdf_sha256="0" * 64,
    )  # fmt: skip


@shared(needs=("site",))
def dashboard_world(site):
    """A learner on the way to a storefront (so that panel shows their progress, the dearest
    case): enrolled in a qualifying course (one lesson done) and another (its quiz passed), and
    graduate of a third, with its certificate."""
    catalog = factories.catalog(site)
    learner = UserFactory(email="aline@example.com", profile__full_name="Aline Uwase")
    storefront = course_with_items(catalog, "Coffee export", qualifies_for_storefront=True)
    other = course_with_items(catalog, "Tourism basics")
    for course in (storefront, other):
        Enrolment.objects.create(learner=learner, course=course)
    done(learner, lessons_of(storefront)[0], storefront)
    passed(learner, quiz_of(other), other)
    completed_with_certificate(catalog, learner, "Bookkeeping")
    return {"catalog": catalog, "learner": learner, "storefront": storefront, "other": other}


@pytest.fixture
def world(dashboard_world):
    return dashboard_world


def grow(world) -> None:
    """Two more of everything the dashboard shows or counts."""
    catalog, learner = world["catalog"], world["learner"]
    for n in (1, 2):
        course = course_with_items(catalog, f"More {n}", qualifies_for_storefront=n == 1)
        Enrolment.objects.create(learner=learner, course=course)
        done(learner, lessons_of(course)[0], course)
        completed_with_certificate(catalog, learner, f"Finished {n}")
    storefront = world["storefront"]
    module = storefront.get_children().first()
    for n in (3, 4):
        done(learner, factories.lesson(module, f"Extra {n}"), storefront)
    passed(learner, quiz_of(storefront), storefront)


def get_dashboard(client, django_assert_max_num_queries):
    client.get(reverse("dashboard"))  # warm the per-process caches (content types, site roots)
    with django_assert_max_num_queries(DASHBOARD_MAX) as captured:
        response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    return captured, response.content.decode()


def shown_progress(html: str) -> list[str]:
    return re.findall(r'class="meta">(\d+% · \d+ of \d+ required steps)<', html)


def test_dashboard_queries_stay_flat_and_nothing_is_written(
    client, world, django_assert_max_num_queries, settings
):
    # Built on every request here (the cached copy is counted below and in test_dashboard_cache).
    settings.ISOKO_DASHBOARD_CACHE_SECONDS = 0
    client.force_login(world["learner"])
    few, html = get_dashboard(client, django_assert_max_num_queries)
    assert not writes(few)
    # Coffee export: 1 of 3 required steps; Tourism basics: its quiz, 1 of 3.
    assert sorted(shown_progress(html)) == ["33% · 1 of 3 required steps"] * 2
    # Two courses in progress, one completed, and the storefront requirement.
    assert html.count("<progress") == 2 + 1 + 1
    assert "33% done" in html  # the storefront panel shows the same number, not recomputed
    assert html.count('class="certificate-item"') == 1

    grow(world)
    many, html = get_dashboard(client, django_assert_max_num_queries)
    assert len(many) == len(few), [q["sql"] for q in many]
    assert not writes(many)
    # Coffee export now 4 of 5 (two more lessons, both done, and the quiz passed); the two new
    # courses 1 of 3 each; Tourism basics as it was.
    assert sorted(shown_progress(html)) == sorted(
        ["80% · 4 of 5 required steps"] + ["33% · 1 of 3 required steps"] * 3
    )
    assert "80% done" in html and html.count("% done") == 2  # both qualifying courses
    assert html.count('class="certificate-item"') == 3

    settings.ISOKO_DASHBOARD_CACHE_SECONDS = 3600
    client.get(reverse("dashboard"))  # builds the copy
    with django_assert_max_num_queries(DASHBOARD_CACHED_MAX) as cached:
        response = client.get(reverse("dashboard"))
    assert not writes(cached)
    assert sorted(shown_progress(response.content.decode())) == sorted(shown_progress(html))


def test_dashboard_next_step_follows_the_last_item_opened(client, world):
    """The "Next:" button names the step after the last one opened when that one is done, the
    last one itself when it is not, and the first pending one otherwise: from the grouped
    query, as the set-by-set computation did."""
    learner, course = world["learner"], world["storefront"]
    first, second = lessons_of(course)
    enrolment = Enrolment.objects.get(learner=learner, course=course)
    client.force_login(learner)

    def next_step() -> str:
        html = client.get(reverse("dashboard")).content.decode()
        start = html.index(f">{course.title}</a>")
        return re.search(r'continue/">([^<]+)</a>', html[start:]).group(1)

    assert next_step() == second.title  # nothing opened yet: the first pending one
    Enrolment.objects.filter(pk=enrolment.pk).update(last_item=second)
    assert next_step() == second.title  # opened, not done
    done(learner, second, course)
    assert next_step() == quiz_of(course).title  # done: the pending step after it
    Enrolment.objects.filter(pk=enrolment.pk).update(last_item=quiz_of(course))
    passed(learner, quiz_of(course), course)
    html = client.get(reverse("dashboard")).content.decode()
    start = html.index(f">{course.title}</a>")
    assert "Next:" not in html[start : html.index("</article>", start)]  # all done


def test_course_outline_is_one_query_with_wagtails_links(world, rf):
    course, request = world["storefront"], rf.get("/")
    course_outline(course, request)  # warm the content-type cache and the request's site
    base = course.get_url(request)
    with CaptureQueriesContext(connection) as captured:
        outline = read_course_outline(course, base)
    assert len(captured) == 1
    with CaptureQueriesContext(connection) as captured:  # then from the per-process memo
        assert course_outline(course, request).modules == outline.modules
    assert len(captured) == 0
    pages = [*lessons_of(course), quiz_of(course)]
    assert {item.pk: item.url for item in outline.items} == {page.pk: page.url for page in pages}
    module = outline.modules[0]
    assert module.url == course.get_children().first().url
    assert (outline.lesson_count, outline.quiz_count) == (2, 1)


def test_outline_meta_lines_are_translated_per_language(world):
    outline = course_outline(world["storefront"])
    preview, _plain, quiz = outline.items
    assert str(preview.meta) == '10 min · <span class="badge">Free preview</span>'
    assert str(quiz.meta).startswith("Quiz · ")
    with translation.override("fr"):
        assert "Aperçu gratuit" in preview.meta
    assert "Free preview" in preview.meta  # the cache is per language


def course_page(client, course, django_assert_max_num_queries):
    client.get(course.url)
    with django_assert_max_num_queries(COURSE_MAX) as captured:
        response = client.get(course.url)
    assert response.status_code == 200
    return captured, response.content.decode()


@pytest.mark.parametrize("enrolled", [False, True], ids=["visitor", "learner"])
def test_course_page_queries_stay_flat_as_the_outline_grows(
    client, world, enrolled, django_assert_max_num_queries
):
    course, learner = world["storefront"], world["learner"]
    if enrolled:
        client.force_login(learner)
    few, html = course_page(client, course, django_assert_max_num_queries)
    assert not writes(few)
    assert html.count('class="tick"') == (1 if enrolled else 0)

    for m in (2, 3):
        module = factories.module(course, f"Module {m}")
        factories.lesson(module, f"Lesson {m}.1")
        factories.quiz(module, f"Quiz {m}")
    first = course.get_children().first()
    for n in (3, 4):
        done(learner, factories.lesson(first, f"Lesson 1.{n}"), course)
    many, html = course_page(client, course, django_assert_max_num_queries)
    assert len(many) == len(few), [q["sql"] for q in many]
    assert not writes(many)
    # Every item links where Wagtail routes it; the done ones carry the tick.
    items = [*LessonPage.objects.descendant_of(course), *QuizPage.objects.descendant_of(course)]
    assert len(items) == 9
    for page in items:
        assert f'<a href="{page.url}">' in html
    assert html.count('class="tick"') == (3 if enrolled else 0)
    assert html.count('<li class="outline-module"') == 3


def test_lesson_sidebar_marks_the_current_item_and_links_previous_and_next(client, world):
    course, learner = world["storefront"], world["learner"]
    client.force_login(learner)
    first, second = lessons_of(course)
    html = client.get(second.url).content.decode()
    assert html.count('aria-current="page"') == 1
    assert f'<li class="outline-item is-current"><a href="{second.url}" aria-current="page">' in (
        html
    )
    assert f'<a rel="prev" href="{first.url}">' in html
    assert f'<a rel="next" href="{quiz_of(course).url}">' in html
    assert html.count('class="tick"') == 1  # the first lesson, done
