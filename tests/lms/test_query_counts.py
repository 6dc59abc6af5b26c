"""The enrolled lesson page and the dashboard cost the same with 2 or 20 enrolments and with
5 or 50 lessons per course."""

import pytest
from django.urls import reverse

from courses.models import LessonPage
from lms.services import enrolment_create, lesson_complete
from tests.courses import factories

pytestmark = pytest.mark.django_db

# Measured on SQLite: an enrolled learner's lesson 30 (the page's own 24, plus enrolment,
# progress, passed quizzes and the activity update), the dashboard 14.
# The dashboard's 15th and 16th queries are the certificates and storefront panels.
LESSON_MAX, DASHBOARD_MAX = 30, 16


def build(site, learner, courses: int, lessons: int):
    catalog = factories.catalog(site)
    made = []
    for n in range(courses):
        course = factories.course(catalog, f"Course {n}")
        module = factories.module(course, "Module")
        for m in range(lessons):
            factories.lesson(module, f"Lesson {m}")
        factories.quiz(module, "Quiz")
        enrolment_create(learner=learner, course=course)
        first = LessonPage.objects.descendant_of(course).first()
        lesson_complete(learner=learner, lesson=first)
        made.append(course)
    return made


@pytest.mark.parametrize(("courses", "lessons"), [(2, 5), (20, 5), (2, 50)])
def test_enrolled_lesson_page(
    learner_client, learner, site, courses, lessons, django_assert_max_num_queries
):
    course = build(site, learner, courses, lessons)[0]
    lesson = LessonPage.objects.descendant_of(course).last()
    learner_client.get(lesson.url)
    with django_assert_max_num_queries(LESSON_MAX):
        response = learner_client.get(lesson.url)
    assert response.status_code == 200 and "Mark as complete" in response.content.decode()


@pytest.mark.parametrize(("courses", "lessons"), [(2, 5), (20, 5), (2, 50)])
def test_dashboard(learner_client, learner, site, courses, lessons, django_assert_max_num_queries):
    build(site, learner, courses, lessons)
    learner_client.get(reverse("dashboard"))
    with django_assert_max_num_queries(DASHBOARD_MAX):
        response = learner_client.get(reverse("dashboard"))
    assert response.content.decode().count("<progress") == courses
