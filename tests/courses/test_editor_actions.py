"""An autosave that carries the editor's workflow action.

In the browser, "Approve and publish" adds hidden inputs to the edit form and submits it; Wagtail's
autosave posts the same form (``new FormData(form)``) as JSON a moment later, hidden inputs
included. The form POST must approve and publish once; the autosave must save nothing and act on
nothing: no second approval, no stray draft, no false history.
"""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import PageLogEntry, WorkflowState

from courses.models import LessonPage
from tests.courses.test_permissions import edit_url, lesson_form

pytestmark = pytest.mark.django_db


def submitted_new_lesson(editorial) -> LessonPage:
    """A lesson the trainer created and submitted for review: never published."""
    module = editorial["lesson_a"].get_parent()
    add = reverse("wagtailadmin_pages:add", args=["courses", "lessonpage", module.pk])
    form = lesson_form("Grading tea") | {"slug": "grading-tea"}
    assert editorial["trainer_a"].post(add, form).status_code == 302
    lesson = LessonPage.objects.get(slug="grading-tea")
    assert not lesson.live and lesson.workflow_in_progress
    return lesson


def approve_form(title="Grading tea") -> dict:
    form = lesson_form(title, action="action-workflow-action") | {"slug": "grading-tea"}
    return form | {"workflow-action-name": "approve"}


def test_the_autosave_after_approve_and_publish_acts_on_nothing(editorial):
    reviewer = editorial["reviewer"]
    lesson = submitted_new_lesson(editorial)
    mail.outbox.clear()

    response = reviewer.post(edit_url(lesson), approve_form())
    assert response.status_code == 302
    revisions = lesson.revisions.count()
    autosave = reviewer.post(edit_url(lesson), approve_form(), HTTP_ACCEPT="application/json")
    assert autosave.status_code == 409
    assert autosave.json()["success"] is False

    lesson = LessonPage.objects.get(pk=lesson.pk)
    assert lesson.live and not lesson.has_unpublished_changes
    assert lesson.revisions.count() == revisions
    assert not WorkflowState.objects.filter(object_id=str(lesson.pk), status="in_progress")
    actions = list(
        PageLogEntry.objects.filter(page=lesson).order_by("pk").values_list("action", flat=True)
    )
    assert actions.count("wagtail.publish") == 1
    assert actions[-1] in ("wagtail.publish", "wagtail.workflow.approve")
    assert len([m for m in mail.outbox if "approved" in m.subject.lower()]) <= 1


def test_an_autosave_never_publishes_or_submits(editorial):
    trainer, reviewer = editorial["trainer_a"], editorial["reviewer"]
    lesson = editorial["lesson_a"]
    for client, action in ((reviewer, "action-publish"), (trainer, "action-submit")):
        form = lesson_form("Autosaved, not acted on", action=action)
        response = client.post(edit_url(lesson), form, HTTP_ACCEPT="application/json")
        assert response.status_code == 409, action
    lesson = LessonPage.objects.get(pk=lesson.pk)
    assert lesson.title == "Coffee lesson" and not lesson.workflow_in_progress
    # A plain autosave still saves a draft.
    form = lesson_form("Autosaved draft", action="action-save")
    response = trainer.post(edit_url(lesson), form, HTTP_ACCEPT="application/json")
    assert response.status_code == 200 and response.json()["success"]
    lesson = LessonPage.objects.get(pk=lesson.pk)
    assert lesson.get_latest_revision().content["title"] == "Autosaved draft"
