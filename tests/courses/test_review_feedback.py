"""A trainer whose submission comes back finds the reviewer's comment where they edit, and an
e-mail that says "changes requested" (not "rejected") and names the reviewer."""

import re

import pytest
from django.core import mail
from django.utils import timezone
from django.utils.formats import date_format

from tests.courses.test_moderation import workflow_action
from tests.courses.test_permissions import edit_url, lesson_form

pytestmark = pytest.mark.django_db

COMMENT = "Cite the RRA page for the TIN."


def _name(client, full_name):
    profile = client.user.profile
    profile.full_name = full_name
    profile.save()


@pytest.fixture
def changes_requested(editorial):
    trainer, reviewer, lesson = editorial["trainer_a"], editorial["reviewer"], editorial["lesson_a"]
    _name(trainer, "Tresor Trainer")
    _name(reviewer, "Rosine Reviewer")
    trainer.post(edit_url(lesson), lesson_form("Needs work"))
    mail.outbox.clear()
    response = workflow_action(reviewer, lesson, "reject", comment=COMMENT)
    assert response.status_code in (200, 302)
    return editorial


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_editor_shows_the_reviewers_comment_at_the_top(changes_requested):
    trainer, lesson = changes_requested["trainer_a"], changes_requested["lesson_a"]
    response = trainer.get(edit_url(lesson))
    assert response.status_code == 200
    html = response.content.decode()
    notice = html[html.index('data-review-feedback="changes-requested"') :]
    notice = _text(notice[: notice.index("</section>")])
    assert "Rosine Reviewer asked for changes" in notice
    today = date_format(timezone.localdate(), "DATE_FORMAT")
    assert today in notice
    assert COMMENT in notice
    # It sits above the form, not behind the status panel.
    marker = 'data-review-feedback="changes-requested"'
    assert html.index(marker) < html.index('id="page-edit-form"')


def test_no_notice_once_the_trainer_resubmits(changes_requested):
    trainer, lesson = changes_requested["trainer_a"], changes_requested["lesson_a"]
    trainer.post(edit_url(lesson), lesson_form("Fixed", action="action-restart-workflow"))
    html = trainer.get(edit_url(lesson)).content.decode()
    assert 'data-review-feedback="changes-requested"' not in html


def test_no_notice_on_a_page_without_a_review(editorial):
    html = editorial["trainer_a"].get(edit_url(editorial["lesson_a"])).content.decode()
    assert 'data-review-feedback="changes-requested"' not in html


def test_the_status_dialog_names_the_reviewer_not_the_trainer(changes_requested):
    trainer, lesson = changes_requested["trainer_a"], changes_requested["lesson_a"]
    html = _text(trainer.get(edit_url(lesson)).content.decode())
    assert "by Rosine Reviewer" in html
    heading = re.search(r"Changes requested [^<]{0,60}? by (\w+ \w+)", html)
    assert heading and heading.group(1) == "Rosine Reviewer", heading


@pytest.fixture
def html_notifications(settings):
    settings.WAGTAILADMIN_NOTIFICATION_USE_HTML = True  # so the HTML body is checked too


def test_the_email_says_changes_requested_and_names_the_reviewer(
    html_notifications, changes_requested
):
    lesson = changes_requested["lesson_a"]
    [message] = [m for m in mail.outbox if "trainer.a@example.com" in m.to]
    for text in (message.subject, message.body):
        assert "rejected" not in text.lower()
    assert "Changes requested" in message.subject and "Needs work" in message.subject
    assert "Rosine Reviewer asked for changes" in message.body
    assert COMMENT in message.body
    assert f"/admin/pages/{lesson.pk}/edit/" in message.body
    html = message.alternatives[0][0]
    assert "rejected" not in html.lower()
    assert "Rosine Reviewer asked for changes" in _text(html)
    assert COMMENT in html and f"/admin/pages/{lesson.pk}/edit/" in html
