"""Trainers edit only the courses they are assigned to; learners never reach the admin."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.models import LessonPage
from tests.accounts.factories import UserFactory
from tests.courses import factories

pytestmark = pytest.mark.django_db


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def lesson_form(title, action="action-submit"):
    return nested_form_data(
        {
            "title": title,
            "slug": "coffee-lesson",
            "summary": "",
            "estimated_minutes": "10",
            "required_for_completion": "on",
            "free_preview": "on",
            "body": streamfield([("paragraph", rich_text("<p>Edited text.</p>"))]),
            action: "1",
        }
    )


def test_trainer_edits_own_course_but_not_anothers(editorial):
    trainer_a = editorial["trainer_a"]
    assert trainer_a.get(edit_url(editorial["lesson_a"])).status_code == 200
    assert trainer_a.get(edit_url(editorial["course_a"])).status_code == 200
    for page in (editorial["lesson_b"], editorial["course_b"], editorial["catalog"]):
        response = trainer_a.get(edit_url(page))
        assert response.status_code in (302, 403), page
    response = trainer_a.post(edit_url(editorial["lesson_b"]), lesson_form("Hijacked"))
    assert response.status_code in (302, 403)
    assert (
        LessonPage.objects.get(pk=editorial["lesson_b"].pk).get_latest_revision().content["title"]
        == "Tourism lesson"
    )


def test_trainer_can_add_a_lesson_only_inside_own_course(editorial):
    trainer_a = editorial["trainer_a"]
    module_a = editorial["lesson_a"].get_parent()
    module_b = editorial["lesson_b"].get_parent()
    add = "wagtailadmin_pages:add"
    assert (
        trainer_a.get(reverse(add, args=["courses", "lessonpage", module_a.pk])).status_code == 200
    )
    assert trainer_a.get(reverse(add, args=["courses", "lessonpage", module_b.pk])).status_code in (
        302,
        403,
    )


def test_trainer_cannot_publish_directly(editorial):
    trainer_a, lesson = editorial["trainer_a"], editorial["lesson_a"]
    trainer_a.post(edit_url(lesson), lesson_form("Published by a trainer?", "action-publish"))
    assert LessonPage.objects.get(pk=lesson.pk).title == "Coffee lesson"  # live page unchanged


def test_trainer_cannot_assign_trainers(editorial):
    html = editorial["trainer_a"].get(edit_url(editorial["course_a"])).content.decode()
    assert 'name="trainers"' not in html
    html = editorial["reviewer"].get(edit_url(editorial["course_a"])).content.decode()
    assert 'name="trainers"' in html


def test_removing_a_trainer_revokes_access(editorial):
    course, trainer_a = editorial["course_a"], editorial["trainer_a"]
    course.trainers.set([])
    factories.publish(course)
    assert trainer_a.get(edit_url(editorial["lesson_a"])).status_code in (302, 403)
    assert not trainer_a.user.groups.filter(name__startswith="Trainers of course").exists()


def test_learner_and_anonymous_cannot_reach_the_admin(client, editorial):
    response = client.get("/admin/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(UserFactory())
    for url in ("/admin/", edit_url(editorial["lesson_a"]), "/admin/snippets/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "Coffee lesson" not in response.content.decode()
