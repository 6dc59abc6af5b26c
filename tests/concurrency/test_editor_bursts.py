"""Races in the Wagtail page editor against the threaded live server, on SQLite and
PostgreSQL: "Approve and publish" with the autosave that carries the same workflow action, double
taps on Approve, Publish, Submit and "Save draft" (on a new page too), and an autosave while a new
page is being saved. No 5xx, one effect, no false history."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse
from wagtail.models import PageLogEntry, WorkflowState

from courses.api import editorial_setup
from courses.models import LessonPage
from tests.accounts.factories import UserFactory
from tests.accounts.helpers import log_in_with_mfa
from tests.concurrency.burst import Tap
from tests.courses import factories
from tests.courses.test_permissions import lesson_form

pytestmark = pytest.mark.django_db(transaction=True)

JSON = "application/json"


def staff(group: str, email: str) -> Client:
    user = UserFactory(email=email)
    user.groups.add(Group.objects.get(name=group))
    return log_in_with_mfa(Client(), user)


@pytest.fixture
def desk(site):
    """A course with one module, its trainer and a reviewer (test clients, MFA set up)."""
    catalog = factories.catalog(site)
    editorial_setup()  # after the catalogue: reviewers are given it
    trainer = staff("Trainers", "trainer.burst@example.com")
    reviewer = staff("Reviewers", "reviewer.burst@example.com")
    course = factories.course(catalog, "Coffee course")
    module = factories.module(course)
    course.trainers.set([trainer.user])
    factories.publish(course)
    add = reverse("wagtailadmin_pages:add", args=["courses", "lessonpage", module.pk])
    return {"trainer": trainer, "reviewer": reviewer, "module": module, "add": add}


def form(title: str, slug: str, action: str = "action-save", **extra) -> dict:
    data = lesson_form(title, action=action) | {"slug": slug, **extra}
    if action == "action-save":
        data.pop("action-save")  # "Save draft" is the editor's default action
    return data


def edit(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def publish_count(page) -> int:
    return PageLogEntry.objects.filter(page=page, action="wagtail.publish").count()


def submitted(desk, slug: str) -> LessonPage:
    response = desk["trainer"].post(desk["add"], form(slug, slug, "action-submit"))
    assert response.status_code == 302
    return LessonPage.objects.get(slug=slug)


def test_approve_and_publish_races(burst, desk):
    reviewer = desk["reviewer"].user
    for n in range(3):
        # "Approve and publish" in the editor: the form POST, and at once the autosave posting
        # the same form as JSON, hidden workflow-action inputs included.
        lesson = submitted(desk, f"tea-{n}")
        mail.outbox.clear()
        approve = form(lesson.title, lesson.slug, "action-workflow-action")
        approve["workflow-action-name"] = "approve"
        replies = burst.at_once(
            [
                Tap(edit(lesson), reviewer, approve),
                Tap(edit(lesson), reviewer, approve, accept=JSON),
            ]
        )
        assert replies[0].status == 302
        assert replies[1].status == 409 and not json.loads(replies[1].body)["success"]
        lesson = LessonPage.objects.get(pk=lesson.pk)
        assert lesson.live and not lesson.has_unpublished_changes, n
        assert publish_count(lesson) == 1
        approved = [m for m in mail.outbox if "approved" in m.subject.lower()]
        assert len(approved) <= 1

    # Two taps on "Approve and publish" (no autosave): one approval, one publication. The second
    # tap finds the review ended and, as Wagtail does for a review ended meanwhile, keeps the
    # form's content as a draft rather than lose it (logged as such, truthfully).
    lesson = submitted(desk, "tea-double")
    approve = form(lesson.title, lesson.slug, "action-workflow-action")
    approve["workflow-action-name"] = "approve"
    replies = burst(edit(lesson), user=reviewer, n=2, form=approve)
    assert {reply.status for reply in replies} == {302}
    lesson = LessonPage.objects.get(pk=lesson.pk)
    assert lesson.live and lesson.live_revision.content["title"] == lesson.title
    assert publish_count(lesson) == 1
    approvals = PageLogEntry.objects.filter(page=lesson, action="wagtail.workflow.approve")
    assert approvals.count() == 1

    # Two taps on "Publish" by the reviewer, two on "Submit" by the trainer, on a live page.
    replies = burst(
        edit(lesson), user=reviewer, n=2, form=form("Tea, revised", lesson.slug, "action-publish")
    )
    assert {reply.status for reply in replies} == {302}
    assert LessonPage.objects.get(pk=lesson.pk).title == "Tea, revised"
    replies = burst(
        edit(lesson),
        user=desk["trainer"].user,
        n=2,
        form=form("Tea, for review", lesson.slug, "action-submit"),
    )
    assert {reply.status for reply in replies} <= {200, 302}
    states = WorkflowState.objects.filter(object_id=str(lesson.pk), status="in_progress")
    assert states.count() == 1


def test_new_page_double_taps_and_autosave(burst, desk):
    trainer, reviewer = desk["trainer"].user, desk["reviewer"].user
    # Two identical taps on a new page: one page, never a 500. The second "Save draft" saves the
    # same draft again (courses/editor_guard.py, 3); the second "Submit" or "Publish" finds the
    # page in review or live and lands on the form with Wagtail's "The slug … is already in use".
    cases = [
        (trainer, "action-save", "draft"),
        (trainer, "action-submit", "submitted"),
        (reviewer, "action-publish", "published"),
    ]
    for user, action, slug in cases:
        replies = burst(desk["add"], user=user, n=2, form=form(slug, slug, action))
        statuses = sorted(reply.status for reply in replies)
        assert statuses in ([200, 302], [302, 302]), (action, statuses)
        for reply in replies:
            if reply.status == 200:
                assert "is already in use within the parent page" in reply.body
        assert LessonPage.objects.filter(slug=slug).count() == 1, action
    assert LessonPage.objects.get(slug="published").live
    assert publish_count(LessonPage.objects.get(slug="published")) == 1

    # Autosave fires while "Save draft" creates the page (it answered "database is locked"
    # here on SQLite before WAL): one page, both answered.
    data = form("Autosaved", "autosaved")
    replies = burst.at_once(
        [Tap(desk["add"], trainer, data), Tap(desk["add"], trainer, data, accept=JSON)]
    )
    assert LessonPage.objects.filter(slug="autosaved").count() == 1
    assert replies[0].status in (200, 302)
    assert replies[1].status in (200, 400)


def test_double_approve_from_the_dashboard(burst, desk):
    """The reviewer's dashboard approves through Wagtail's workflow action view: two taps, one
    approval and one publication."""
    lesson = submitted(desk, "tea-dashboard")
    state = WorkflowState.objects.get(object_id=str(lesson.pk), status="in_progress")
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[lesson.pk, "approve", state.current_task_state.pk],
    )
    replies = burst(url, user=desk["reviewer"].user, n=2, form={"comment": "Clear."})
    assert {reply.status for reply in replies} <= {200, 302}
    lesson = LessonPage.objects.get(pk=lesson.pk)
    assert lesson.live and not lesson.has_unpublished_changes
    assert publish_count(lesson) == 1
    approvals = PageLogEntry.objects.filter(page=lesson, action="wagtail.workflow.approve")
    assert approvals.count() == 1
