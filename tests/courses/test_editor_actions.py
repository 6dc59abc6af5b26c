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


def _autosave_then_submit(editorial, slug: str, *, between=None):
    """The trainer's autosave creates a new lesson; their "Submit to review" then posts the same
    form to the add URL, as it does in the browser before the editor has swapped its action."""
    module = editorial["lesson_a"].get_parent()
    add = reverse("wagtailadmin_pages:add", args=["courses", "lessonpage", module.pk])
    trainer = editorial["trainer_a"]
    # An autosave names no action ("Save draft" is the editor's default).
    form = lesson_form("Grading tea", action="action-save") | {"slug": slug}
    form.pop("action-save")
    autosave = trainer.post(add, form, HTTP_ACCEPT="application/json")
    assert autosave.status_code == 200 and autosave.json()["success"] is True
    if between:
        between(LessonPage.objects.get(slug=slug))
    return trainer.post(add, lesson_form("Grading tea", action="action-submit") | {"slug": slug})


def test_a_submit_landing_after_its_own_autosave_made_the_page_submits_that_page(editorial):
    response = _autosave_then_submit(editorial, "grading-tea")
    lesson = LessonPage.objects.get(slug="grading-tea")  # one page, not two
    # The edit view's answer to "Submit": back to the module's page list, the review asked for.
    assert response.status_code == 302
    module = editorial["lesson_a"].get_parent()
    assert response["Location"] == reverse("wagtailadmin_explore", args=[module.pk])
    assert not lesson.live and lesson.workflow_in_progress


@pytest.mark.parametrize("whose", ["made_long_ago", "revised_by_someone_else", "published"])
def test_a_page_that_is_not_this_editors_fresh_autosave_is_never_taken_over(editorial, whose):
    from datetime import timedelta

    from django.utils import timezone

    def change(lesson):
        revisions = lesson.revisions
        if whose == "made_long_ago":
            revisions.update(created_at=timezone.now() - timedelta(hours=2))
        elif whose == "revised_by_someone_else":
            reviewer = editorial["reviewer"].user
            revisions.update(user=reviewer)
        else:
            LessonPage.objects.filter(pk=lesson.pk).update(first_published_at=timezone.now())

    response = _autosave_then_submit(editorial, "grading-tea", between=change)
    # Wagtail's own answer: the form again, the slug taken; nothing submitted.
    assert response.status_code in (200, 400)
    assert "is already in use within the parent page" in response.content.decode()
    lesson = LessonPage.objects.get(slug="grading-tea")
    assert not lesson.workflow_in_progress
