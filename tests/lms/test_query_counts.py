"""The enrolled lesson page and the dashboard cost the same with two more enrolments and with two
more lessons per course."""

import pytest
from django.urls import reverse

from courses.models import LessonPage
from lms.services import enrolment_create, lesson_complete
from tests.courses import factories

pytestmark = pytest.mark.django_db

# Measured on SQLite: the dashboard 7 (it was 14, then 12): session and user, enrolments, their
# progress with the next steps in one query, the profile with the MFA and facilitator checks,
# the standing certificates (shared by both panels), the storefront probe (no course qualifies
# here). tests/perf/test_dashboard_queries.py counts the dearest dashboard (a learner on the way
# to a storefront). Plus the Site while the routing memo is cold, as in a test (a warm process
# reads it from the memo: courses.routing.SiteMiddleware): 8.
# An enrolled learner's lesson: 3 (issue 15; it was 30): the session, the user, and the Site
# while the routing memo is cold; the page, its restrictions, the learner's state and profile
# come from memos and the cache once read. tests/perf/test_lesson_queries.py.
LESSON_MAX, DASHBOARD_MAX = 3, 8


def build(site, learner, titles, lessons: int):
    catalog = factories.catalog(site)
    made = []
    for title in titles:
        course = factories.course(catalog, title)
        module = factories.module(course, "Module")
        for m in range(lessons):
            factories.lesson(module, f"Lesson {m}")
        factories.quiz(module, "Quiz")
        enrolment_create(learner=learner, course=course)
        first = LessonPage.objects.descendant_of(course).first()
        lesson_complete(learner=learner, lesson=first)
        made.append(course)
    return made


def grow(site, learner, course):
    """Two more enrolled courses, and two more lessons in `course`."""
    build(site, learner, ["Course 2", "Course 3"], 2)
    module = course.get_children().first()
    for m in (2, 3):
        factories.lesson(module, f"Lesson {m}")


def test_enrolled_lesson_page(learner_client, learner, site, django_assert_max_num_queries):
    course = build(site, learner, ["Course 0", "Course 1"], 2)[0]
    lesson = LessonPage.objects.descendant_of(course).last()

    def count() -> int:
        # Warm: the first view learns the path's page type, the second keeps the page.
        for _ in range(2):
            learner_client.get(lesson.url)
        with django_assert_max_num_queries(LESSON_MAX) as captured:
            response = learner_client.get(lesson.url)
        assert response.status_code == 200 and "Mark as complete" in response.content.decode()
        return len(captured)

    few = count()
    grow(site, learner, course)
    assert count() == few


def test_dashboard(learner_client, learner, site, django_assert_max_num_queries, settings):
    settings.ISOKO_DASHBOARD_CACHE_SECONDS = 0  # the page as built (the cached copy: tests/perf)
    course = build(site, learner, ["Course 0", "Course 1"], 2)[0]

    def count(courses: int) -> int:
        learner_client.get(reverse("dashboard"))
        with django_assert_max_num_queries(DASHBOARD_MAX) as captured:
            response = learner_client.get(reverse("dashboard"))
        assert response.content.decode().count("<progress") == courses
        return len(captured)

    few = count(2)
    grow(site, learner, course)
    assert count(4) == few
