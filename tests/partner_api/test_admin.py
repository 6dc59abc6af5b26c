"""Tokens in the Wagtail admin: staff create one (the secret shown once) and revoke it; anyone
else is refused."""

import re

import pytest
from django.test import Client

from partner_api.models import ApiToken, ApiTokenEvent
from partner_api.services import token_hash
from tests.accounts.factories import StaffFactory, UserFactory
from tests.accounts.helpers import log_in_with_mfa
from tests.partner_api import factories

pytestmark = pytest.mark.django_db


def test_staff_creates_a_token_and_sees_it_once(editor_client, client):
    assert editor_client.get("/admin/api-tokens/").status_code == 200
    assert editor_client.get("/admin/api-tokens/new/").status_code == 200
    response = editor_client.post(
        "/admin/api-tokens/new/",
        {"name": "Development board", "scopes": ["enrolments:read", "certificates:read"]},
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    plaintext = re.search(r'value="(isk_[^"]+)"', response.content.decode()).group(1)
    token = ApiToken.objects.get()
    assert token.secret_hash == token_hash(plaintext)
    assert token.created_by == editor_client.user
    assert token.scopes == ["certificates:read", "enrolments:read"]
    # Never again: not on the list, nor on its page.
    for url in ("/admin/api-tokens/", f"/admin/api-tokens/{token.pk}/"):
        page = editor_client.get(url)
        assert page.status_code == 200 and plaintext not in page.content.decode()
    # The partner can use it.
    assert client.get("/api/v1/enrolments", **factories.bearer(plaintext)).status_code == 200


def test_bad_form_is_shown_again(editor_client):
    response = editor_client.post("/admin/api-tokens/new/", {"name": "", "scopes": ["nope"]})
    assert response.status_code == 200
    assert not ApiToken.objects.exists()
    response = editor_client.post(
        "/admin/api-tokens/new/",
        {"name": "x", "scopes": ["enrolments:read"], "expires_on": "2000-01-01"},
    )
    assert not ApiToken.objects.exists()


def test_staff_revokes_a_token(editor_client, client):
    plaintext = factories.token()
    token = ApiToken.objects.get()
    response = editor_client.post(f"/admin/api-tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == editor_client.user
    assert ApiTokenEvent.objects.filter(
        token=token, action="revoked", actor=editor_client.user
    ).exists()  # noqa: E501
    assert client.get("/api/v1/enrolments", **factories.bearer(plaintext)).status_code == 401


@pytest.mark.parametrize("who", ["anonymous", "learner", "staff_without_permission"])
def test_others_are_refused(who, site):
    plaintext = factories.token()
    token = ApiToken.objects.get()
    client = Client()
    if who == "learner":
        client.force_login(UserFactory())
    elif who == "staff_without_permission":
        log_in_with_mfa(client, StaffFactory())
    for url in ("/admin/api-tokens/", "/admin/api-tokens/new/", f"/admin/api-tokens/{token.pk}/"):
        response = client.get(url)
        assert response.status_code in (302, 403), (who, url, response.status_code)
        if response.status_code == 302:
            assert not response["Location"].startswith("/admin/api-tokens")
    response = client.post("/admin/api-tokens/new/", {"name": "x", "scopes": ["enrolments:read"]})
    assert response.status_code in (302, 403)
    client.post(f"/admin/api-tokens/{token.pk}/revoke/")
    assert ApiToken.objects.count() == 1
    token.refresh_from_db()
    assert token.revoked_at is None
    assert plaintext


def test_a_superuser_who_is_not_staff_is_refused(site):
    """Tokens read learners' records: staff accounts only."""
    user = UserFactory(is_superuser=True, is_staff=False)
    client = log_in_with_mfa(Client(), user)
    response = client.get("/admin/api-tokens/")
    assert response.status_code in (302, 403)
