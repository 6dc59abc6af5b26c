"""Tokens: hashed at rest, scoped, revocable, expiring, audited; rate limits per token and IP."""

from datetime import timedelta

import pytest
from django.utils import timezone

from partner_api.models import ApiToken, ApiTokenEvent, ApiTokenUse, Scope
from partner_api.services import token_hash, token_revoke
from tests.partner_api import factories
from tests.partner_api.conftest import assert_problem

pytestmark = pytest.mark.django_db
FEEDS = ("/api/v1/enrolments", "/api/v1/completions", "/api/v1/certificates")


@pytest.fixture(autouse=True)
def _limits(limits):
    return limits


def test_token_is_kept_only_as_a_hash(client):
    plaintext = factories.token()
    row = ApiToken.objects.get()
    assert plaintext.startswith(f"isk_{row.prefix}_")
    assert row.secret_hash == token_hash(plaintext) and plaintext not in str(
        ApiToken.objects.values().get()
    )
    assert ApiTokenEvent.objects.get().action == "created"


@pytest.mark.parametrize("path", FEEDS)
def test_missing_token_is_401_with_www_authenticate(client, path):
    body = assert_problem(client.get(path), 401)
    assert body["type"].endswith("token-missing")
    assert client.get(path)["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    "header",
    [
        "Basic dXNlcjpwYXNz",
        "Bearer",
        "Bearer ",
        "Bearer not-a-token",
        "Bearer isk_zzzzzzzzzzzz_" + "a" * 43,
        "Token isk_000000000000_" + "a" * 43,
        "Bearer isk_000000000000_" + "a" * 43 + "\x00",
        "Bearer " + "x" * 5000,
    ],
)
def test_malformed_or_unknown_tokens_are_401(client, header):
    response = client.get("/api/v1/enrolments", HTTP_AUTHORIZATION=header)
    body = assert_problem(response, 401)
    assert 'error="invalid_token"' in response["WWW-Authenticate"]
    assert body["type"].rsplit("/", 1)[1] in {"token-malformed", "token-invalid"}


def test_a_right_prefix_with_a_wrong_secret_is_401(client):
    plaintext = factories.token()
    forged = plaintext[:-4] + ("aaaa" if not plaintext.endswith("aaaa") else "bbbb")
    body = assert_problem(client.get("/api/v1/enrolments", **factories.bearer(forged)), 401)
    assert body["type"].endswith("token-invalid")


def test_wrong_scope_is_403_naming_the_scope(client):
    headers = factories.bearer(factories.token([Scope.ENROLMENTS]))
    assert client.get("/api/v1/enrolments", **headers).status_code == 200
    for path, scope in (("completions", Scope.COMPLETIONS), ("certificates", Scope.CERTIFICATES)):
        response = client.get(f"/api/v1/{path}", **headers)
        body = assert_problem(response, 403)
        assert body["required_scope"] == scope
        assert 'error="insufficient_scope"' in response["WWW-Authenticate"]


def test_revoked_token_is_401_at_once(client):
    headers = factories.bearer(factories.token())
    assert client.get("/api/v1/enrolments", **headers).status_code == 200
    token_revoke(token=ApiToken.objects.get(), actor=None)
    body = assert_problem(client.get("/api/v1/enrolments", **headers), 401)
    assert body["type"].endswith("token-revoked")
    assert list(ApiTokenEvent.objects.values_list("action", flat=True)) == ["created", "revoked"]


def test_expired_token_is_401(client):
    headers = factories.bearer(factories.token(expires_at=timezone.now() + timedelta(hours=1)))
    assert client.get("/api/v1/enrolments", **headers).status_code == 200
    ApiToken.objects.update(
        created_at=timezone.now() - timedelta(days=2),
        expires_at=timezone.now() - timedelta(seconds=1),
    )
    body = assert_problem(client.get("/api/v1/enrolments", **headers), 401)
    assert body["type"].endswith("token-expired")


def test_each_use_is_counted_in_the_minutes_row(client):
    headers = factories.bearer(factories.token())
    for _ in range(3):
        client.get("/api/v1/enrolments?limit=5", **headers, REMOTE_ADDR="10.0.0.7")
    use = ApiTokenUse.objects.get()
    assert use.calls == 3
    assert use.last_path == "/api/v1/enrolments?limit=5" and use.last_ip == "10.0.0.7"
    assert ApiToken.objects.get().last_used_at is not None


def test_rate_limit_per_token_is_429_with_retry_after(client, settings):
    settings.ISOKO_API_RATE_TOKEN = 3
    headers = factories.bearer(factories.token())
    other = factories.bearer(factories.token(name="Other"))
    for _ in range(3):
        assert client.get("/api/v1/enrolments", **headers).status_code == 200
    response = client.get("/api/v1/enrolments", **headers)
    assert_problem(response, 429)
    assert 1 <= int(response["Retry-After"]) <= 60
    # Per token: another token from the same address is not held back.
    assert client.get("/api/v1/enrolments", **other).status_code == 200


def test_rate_limit_per_address_on_public_endpoints(client, settings):
    settings.ISOKO_API_RATE_PUBLIC = 2
    for _ in range(2):
        assert client.get("/api/v1/courses", REMOTE_ADDR="10.0.0.1").status_code == 200
    response = client.get("/api/v1/courses", REMOTE_ADDR="10.0.0.1")
    assert_problem(response, 429)
    assert int(response["Retry-After"]) >= 1
    assert client.get("/api/v1/courses", REMOTE_ADDR="10.0.0.2").status_code == 200


def test_failed_token_checks_are_limited_per_address(client, settings):
    settings.ISOKO_API_RATE_AUTH_FAILURES = 2
    bad = {"HTTP_AUTHORIZATION": "Bearer isk_000000000000_" + "a" * 43}
    for _ in range(2):
        assert_problem(client.get("/api/v1/enrolments", **bad), 401)
    response = client.get("/api/v1/enrolments", **bad)
    assert_problem(response, 429)
    assert response["Retry-After"]
