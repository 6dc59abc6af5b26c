"""The admin's home page gives a trainer their courses, each with its review status and an Edit
link; a trainer with none is told what to do."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Workflow

from tests.courses import factories
from tests.courses.conftest import staff_client
from tests.courses.test_moderation import workflow_action
from tests.courses.test_permissions import edit_url

pytestmark = pytest.mark.django_db


def panel(client) -> str:
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    match = re.search(r"data-trainer-courses.*?</section>", html, re.S)
    assert match, "no Your courses panel"
    return re.sub(r"\s+", " ", match.group(0))


def row(html: str, title: str) -> str:
    match = re.search(r"<tr[^>]*>(?:(?!</tr>).)*?" + re.escape(title) + r".*?</tr>", html)
    assert match, title
    return match.group(0)


def test_the_trainer_sees_their_courses_with_status_and_edit_links(editorial):
    trainer = editorial["trainer_a"]
    course_a = editorial["course_a"]
    html = panel(trainer)
    assert "Your courses" in html
    assert "Tourism course" not in html  # someone else's
    coffee = row(html, "Coffee course")
    assert "Live" in coffee and f'href="{edit_url(course_a)}"' in coffee
    # A course of theirs that is not published yet.
    draft = factories.course(editorial["catalog"], "Tea course")
    draft.trainers.set([trainer.user])
    factories.publish(draft)
    draft.unpublish()
    assert "Draft" in row(panel(trainer), "Tea course")


def test_a_course_in_review_then_sent_back(editorial):
    trainer, reviewer, course = editorial["trainer_a"], editorial["reviewer"], editorial["course_a"]
    course.save_revision(user=trainer.user)
    Workflow.objects.get(name="Course review").start(course, trainer.user)
    assert "In review" in row(panel(trainer), "Coffee course")
    workflow_action(reviewer, course, "reject", comment="Shorter intro.")
    assert "Changes requested" in row(panel(trainer), "Coffee course")


def test_a_trainer_without_courses_is_told_what_to_do(editorial):
    newcomer = staff_client("Trainers", "newcomer@example.com")
    html = panel(newcomer)
    assert "not assigned to a course yet" in html


def test_the_reviewer_gets_no_empty_panel(editorial):
    html = editorial["reviewer"].get(reverse("wagtailadmin_home")).content.decode()
    assert "data-trainer-courses" not in html


def test_queries_stay_flat_as_courses_grow(editorial, django_assert_max_num_queries):
    trainer = editorial["trainer_a"]
    trainer.get(reverse("wagtailadmin_home"))  # warm caches (content types, site)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            panel(trainer)
        return len(queries)

    baseline = count()
    for title in ("Tea course", "Honey course"):
        course = factories.course(editorial["catalog"], title)
        course.trainers.set([trainer.user])
        factories.publish(course)
    with django_assert_max_num_queries(baseline):
        html = panel(trainer)
    assert "Tea course" in html and "Honey course" in html
