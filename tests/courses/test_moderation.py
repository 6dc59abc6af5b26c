"""Trainers submit, Reviewers approve through the "Course review" workflow; scheduling, revisions
and preview work for every page type, quizzes included."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision, WorkflowState

from courses.models import LessonPage, QuizPage
from tests.courses import factories
from tests.courses.admin_forms import quiz_form
from tests.courses.test_permissions import edit_url, lesson_form

pytestmark = pytest.mark.django_db


def workflow_action(client, page, action, **extra):
    state = WorkflowState.objects.get(
        base_content_type__isnull=False, object_id=str(page.pk), status="in_progress"
    )
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, action, state.current_task_state.pk]
    )
    return client.post(url, extra)


def test_trainer_submits_and_reviewer_approves(editorial, client):
    trainer, reviewer, lesson = editorial["trainer_a"], editorial["reviewer"], editorial["lesson_a"]
    response = trainer.post(edit_url(lesson), lesson_form("Coffee lesson, revised"))
    assert response.status_code == 302
    lesson.refresh_from_db()
    assert lesson.workflow_in_progress and lesson.has_unpublished_changes
    assert "Coffee lesson, revised" not in client.get(lesson.url).content.decode()  # not live yet
    # The reviewer sees it waiting on their dashboard, then approves.
    assert "Coffee lesson, revised" in reviewer.get("/admin/").content.decode()
    response = workflow_action(reviewer, lesson, "approve", comment="Clear and accurate.")
    assert response.status_code in (200, 302)
    lesson = LessonPage.objects.get(pk=lesson.pk)
    assert lesson.title == "Coffee lesson, revised" and not lesson.has_unpublished_changes
    assert "Edited text." in client.get(lesson.url).content.decode()


def test_reviewer_requests_changes(editorial):
    trainer, reviewer, lesson = editorial["trainer_a"], editorial["reviewer"], editorial["lesson_a"]
    trainer.post(edit_url(lesson), lesson_form("Needs work"))
    workflow_action(reviewer, lesson, "reject", comment="Cite the RRA page for the TIN.")
    lesson = LessonPage.objects.get(pk=lesson.pk)
    assert lesson.title == "Coffee lesson"  # live page unchanged
    state = WorkflowState.objects.filter(object_id=str(lesson.pk)).latest("created_at")
    assert state.status == "needs_changes"


def test_a_trainer_cannot_approve_their_own_submission(editorial):
    trainer, lesson = editorial["trainer_a"], editorial["lesson_a"]
    trainer.post(edit_url(lesson), lesson_form("Self-approved?"))
    workflow_action(trainer, lesson, "approve")
    assert LessonPage.objects.get(pk=lesson.pk).title == "Coffee lesson"


def test_scheduled_publishing_and_revisions_for_a_quiz(editor_client, site):
    module = factories.module(factories.course(factories.catalog(site)))
    quiz = factories.quiz(module, "Scheduled quiz", slug="check-your-knowledge")
    go_live = timezone.localtime() + timedelta(hours=1)
    data = quiz_form(title="Scheduled quiz, v2", go_live_at=go_live.strftime("%Y-%m-%d %H:%M"))
    response = editor_client.post(edit_url(quiz), data)
    assert response.status_code == 302, response.context["form"].errors
    quiz = QuizPage.objects.get(pk=quiz.pk)
    assert quiz.title == "Scheduled quiz"  # the live version waits for its time
    scheduled = (
        Revision.page_revisions.filter(object_id=str(quiz.pk))
        .exclude(approved_go_live_at=None)
        .get()
    )
    assert scheduled.content["title"] == "Scheduled quiz, v2"
    # Let the hour pass.
    past = timezone.now() - timedelta(minutes=1)
    scheduled.approved_go_live_at = past
    scheduled.content["go_live_at"] = past.isoformat()
    scheduled.save()
    call_command("publish_scheduled")
    assert QuizPage.objects.get(pk=quiz.pk).title == "Scheduled quiz, v2"
    assert Revision.page_revisions.filter(object_id=str(quiz.pk)).count() >= 2
    history = editor_client.get(reverse("wagtailadmin_pages:history", args=[quiz.pk]))
    assert history.status_code == 200


@pytest.mark.parametrize("mode", ["", "learner", "answer_key"])
def test_quiz_preview_modes_work_in_the_editor(editor_client, site, mode):
    module = factories.module(factories.course(factories.catalog(site)))
    quiz = factories.quiz(module, slug="check-your-knowledge")
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[quiz.pk])
    assert editor_client.post(url, quiz_form()).json()["is_valid"]
    response = editor_client.get(url, {"mode": mode})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Check your knowledge" in html
    if mode == "answer_key":
        assert "✔" in html
    elif mode == "learner":
        assert "Who registers a business?" in html and "✔" not in html


@pytest.mark.parametrize("kind", ["course", "module", "lesson"])
def test_preview_works_for_other_page_types(editor_client, site, kind):
    course = factories.course(factories.catalog(site))
    module = factories.module(course)
    lesson = factories.lesson(module)
    page = {"course": course, "module": module, "lesson": lesson}[kind]
    response = editor_client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    assert response.status_code == 200


def test_beat_publishes_scheduled_pages_every_minute(settings, editor_client, site):
    from courses.tasks import publish_scheduled_task

    entry = settings.CELERY_BEAT_SCHEDULE["publish-scheduled-pages"]
    assert entry == {"task": "courses.publish_scheduled", "schedule": 60.0}
    lesson = factories.lesson(factories.module(factories.course(factories.catalog(site))))
    revision = lesson.save_revision()
    past = timezone.now() - timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["title"] = "Went live on schedule"
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    publish_scheduled_task.delay()
    assert LessonPage.objects.get(pk=lesson.pk).title == "Went live on schedule"
