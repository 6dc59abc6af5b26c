"""Reviewers are e-mailed of each submission, in their own language, with the admin link."""

from __future__ import annotations

from django.core import mail

from marketplace_link.api import storefront_review_setup
from marketplace_link.models import StorefrontApplication
from tests.accounts.factories import UserFactory

SUBMIT_URL = "/storefront/apply/submit/"


def submit(graduate_client, capture):
    with capture(execute=True):
        response = graduate_client.post(SUBMIT_URL)
    assert response.status_code == 302
    return StorefrontApplication.objects.get()


def test_each_reviewer_is_told_in_their_language(
    graduate_client, draft, django_capture_on_commit_callbacks
):
    group = storefront_review_setup()
    french = UserFactory(email="reviewer@example.com")
    french.profile.preferred_language = "fr"
    french.profile.save()
    french.groups.add(group)
    UserFactory(email="admin@example.com", is_superuser=True, is_staff=True)
    UserFactory(email="learner@example.com")
    retired = UserFactory(email="retired@example.com", is_active=False)
    retired.groups.add(group)
    mail.outbox.clear()

    application = submit(graduate_client, django_capture_on_commit_callbacks)
    [message] = [m for m in mail.outbox if m.to != ["aline@example.com"]]
    assert message.to == ["reviewer@example.com"]  # not the superuser, learner or inactive one
    assert message.extra_headers["Content-Language"] == "fr"
    assert message.subject == "Nouvelle demande de boutique : Inzozi Coffee"
    assert f"/admin/storefronts/applications/{application.pk}/" in message.body
    assert "Café" in message.body or "Huye" in message.body


def test_with_no_reviewer_the_superusers_hear_of_it(
    graduate_client, draft, django_capture_on_commit_callbacks
):
    UserFactory(email="admin@example.com", is_superuser=True, is_staff=True)
    mail.outbox.clear()
    submit(graduate_client, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["admin@example.com"]]
    assert mail.outbox[0].subject == "New storefront application: Inzozi Coffee"
