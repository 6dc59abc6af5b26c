"""The Wagtail page editor on the embedded default: "Save draft" tapped twice, and autosave
posting while the editor saves, write pages, revisions, log entries and editing sessions at
once (issue 13 A17 saw "database is locked" there). No 5xx."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from tests.accounts.factories import StaffFactory
from tests.accounts.helpers import log_in_with_mfa
from tests.courses import factories
from tests.courses.admin_forms import quiz_form

pytestmark = pytest.mark.django_db(transaction=True)


def test_save_draft_and_autosave(burst, site):
    quiz = factories.quiz(factories.module(factories.course(factories.catalog(site))))
    editor = StaffFactory(is_superuser=True)
    log_in_with_mfa(Client(), editor)
    url = reverse("wagtailadmin_pages:edit", args=[quiz.pk])
    data = quiz_form(action="action-save")
    data.pop("action-save")  # "Save draft" is the editor's default action

    replies = burst(url, user=editor, n=4, form=data)
    assert {(reply.status, reply.location) for reply in replies} == {(302, url)}

    # Autosave is the same POST asking for JSON.
    replies = burst(url, user=editor, n=4, form=data, accept="application/json")
    assert {reply.status for reply in replies} == {200}
    assert all(json.loads(reply.body)["success"] for reply in replies)
    assert quiz.revisions.count() == 1 + 4 + 4
