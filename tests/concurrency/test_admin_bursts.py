"""The Wagtail page editor on the embedded default: "Save draft" tapped twice, autosave posting
at once, editing-session pings: pages, revisions, log entries and sessions written at the same
moment (the editor answered "database is locked" before WAL). No 5xx."""

from __future__ import annotations

import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.models import EditingSession

from courses.models import QuizPage
from tests.accounts.factories import StaffFactory
from tests.accounts.helpers import log_in_with_mfa
from tests.concurrency.burst import Tap
from tests.courses import factories
from tests.courses.admin_forms import quiz_form

pytestmark = pytest.mark.django_db(transaction=True)


def test_new_pages_drafts_autosave_and_pings(burst, site):
    module = factories.module(factories.course(factories.catalog(site)))
    quiz = factories.quiz(module)
    editor = StaffFactory(is_superuser=True)
    log_in_with_mfa(Client(), editor)
    url = reverse("wagtailadmin_pages:edit", args=[quiz.pk])
    data = quiz_form(action="action-save")
    data.pop("action-save")  # "Save draft" is the editor's default action

    # Two new quizzes saved in the same module at the same moment (two trainers, or two tabs).
    add = reverse("wagtailadmin_pages:add", args=["courses", "quizpage", module.pk])
    forms = [{**data, "title": f"Quiz {n}", "slug": f"quiz-{n}"} for n in (1, 2)]
    replies = burst.at_once([Tap(add, editor, form) for form in forms])
    assert {reply.status for reply in replies} == {302}
    assert sorted(module.get_children().values_list("slug", flat=True)) == [
        "check-your-knowledge",
        "quiz-1",
        "quiz-2",
    ]

    replies = burst(url, user=editor, n=3, form=data)
    assert {(reply.status, reply.location) for reply in replies} == {(302, url)}

    # Autosave is the same POST asking for JSON.
    replies = burst(url, user=editor, n=3, form=data, accept="application/json")
    assert {reply.status for reply in replies} == {200}
    assert all(json.loads(reply.body)["success"] for reply in replies)
    assert quiz.revisions.count() == 1 + 3 + 3

    # Each open editor pings its editing session every few seconds, outside any transaction.
    session = EditingSession.objects.create(
        user=editor,
        content_type=ContentType.objects.get_for_model(QuizPage),
        object_id=str(quiz.pk),
        last_seen_at=timezone.now(),
    )
    ping = reverse(
        "wagtailadmin_editing_sessions:ping", args=["courses", "quizpage", quiz.pk, session.pk]
    )
    replies = burst(ping, user=editor, n=6, form={"is_editing": "1"})
    assert {reply.status for reply in replies} == {200}
    assert EditingSession.objects.count() == 1
