"""The marketplace client: signing, idempotency keys, timeouts and how failures are typed.

Most tests talk to a scripted local HTTP server (they need exact control of answers and
timing); the last ones talk to the real sandbox subprocess, whose signature check is an
implementation of the contract independent of ours.
"""

from __future__ import annotations

import json
import socket
import time
from email.utils import formatdate

import pytest

from marketplace_link.client import (
    MAX_RETRY_AFTER,
    MarketplaceClient,
    PermanentError,
    RetryableError,
    body_digest,
    parse_retry_after,
)
from marketplace_sandbox.signing import signature as sandbox_signature
from tests.marketplace import provisioning_fixtures
from tests.marketplace.provisioning_fixtures import Reply

# Fixtures shared with the other marketplace tests (the package's conftest is not ours).
marketplace = provisioning_fixtures.marketplace
sandbox_process = provisioning_fixtures.sandbox_process
scripted = provisioning_fixtures.scripted

KEY_ID, SECRET = "isoko-test", "s3cret-for-tests"


def client_for(url: str, **options) -> MarketplaceClient:
    return MarketplaceClient(base_url=url, key_id=KEY_ID, secret=SECRET, **options)


# ---------------------------------------------------------------------------------------------
# What goes out
# ---------------------------------------------------------------------------------------------
def test_a_mutating_call_is_signed_and_carries_its_idempotency_key(scripted):
    scripted.default = Reply(201, {"id": "st_1", "status": "PENDING"})
    client = client_for(scripted.url)
    before = int(time.time())

    answer = client.store_create(
        {"external_id": "abc", "trading_name": "Huye Café"}, idempotency_key="k-1"
    )

    assert answer.created and answer.data["id"] == "st_1"
    (sent,) = scripted.received
    assert (sent.method, sent.path) == ("POST", "/v1/stores")
    assert sent.headers["Idempotency-Key"] == "k-1"
    assert sent.headers["X-Key-Id"] == KEY_ID
    assert sent.headers["Content-Type"] == "application/json"
    assert json.loads(sent.body) == {"external_id": "abc", "trading_name": "Huye Café"}
    timestamp = sent.headers["X-Timestamp"]
    assert before <= int(timestamp) <= int(time.time())
    # The contract's signature, computed by the sandbox's own implementation over the bytes
    # the server received.
    expected = sandbox_signature(SECRET, timestamp, "POST", "/v1/stores", sent.body)
    assert sent.headers["X-Signature"] == expected
    assert client.calls == 1


def test_the_signed_path_includes_a_base_url_prefix_and_the_query(scripted):
    scripted.default = Reply(200, {"data": [{"id": "st_9"}], "has_more": False})
    client = client_for(scripted.url + "/seller-api/")

    found = client.store_find("3f2a c/é")

    assert found == {"id": "st_9"}
    (sent,) = scripted.received
    assert sent.path.startswith("/seller-api/v1/stores?external_id=")
    assert "Idempotency-Key" not in sent.headers  # a read needs none
    expected = sandbox_signature(SECRET, sent.headers["X-Timestamp"], "GET", sent.path, b"")
    assert sent.headers["X-Signature"] == expected


def test_a_mutating_call_without_a_key_is_refused_before_sending(scripted):
    client = client_for(scripted.url)
    with pytest.raises(ValueError, match="Idempotency-Key"):
        client.request("POST", "/v1/stores", json_body={})
    with pytest.raises(ValueError):
        client.request("DELETE", "/v1/stores/st_1/products/pr_1", idempotency_key="")
    assert scripted.received == []
    assert client.calls == 0


def test_a_delist_is_signed_over_an_empty_body(scripted):
    scripted.default = Reply(200, {"id": "pr_1", "status": "DELISTED"})
    client_for(scripted.url).product_delist("st_1", "pr_1", idempotency_key="k-2")
    (sent,) = scripted.received
    assert sent.method == "DELETE" and sent.body == b""
    expected = sandbox_signature(SECRET, sent.headers["X-Timestamp"], "DELETE", sent.path, b"")
    assert sent.headers["X-Signature"] == expected


def test_body_digest_is_stable_and_order_independent():
    assert body_digest({"a": 1, "b": "é"}) == body_digest({"b": "é", "a": 1})
    assert body_digest({"a": 1}) != body_digest({"a": 2})


# ---------------------------------------------------------------------------------------------
# How failures come back
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("status", [500, 502, 503, 504, 408])
def test_server_errors_are_retryable(scripted, status):
    scripted.default = Reply(status, {"error": {"code": "boom", "message": "Injected"}})
    with pytest.raises(RetryableError) as caught:
        client_for(scripted.url).store_find("ext-1")
    assert caught.value.status == status
    assert caught.value.retry_after is None


def test_a_429_is_retryable_after_the_time_it_asks_for(scripted):
    scripted.default = Reply(429, {"error": {"code": "rate_limited"}}, {"Retry-After": "7"})
    with pytest.raises(RetryableError) as caught:
        client_for(scripted.url).product_create("st_1", {"sku": "x"}, idempotency_key="k")
    assert (caught.value.status, caught.value.code, caught.value.retry_after) == (
        429,
        "rate_limited",
        7.0,
    )


def test_a_503_retry_after_may_be_an_http_date(scripted):
    later = formatdate(time.time() + 30, usegmt=True)
    scripted.default = Reply(503, {}, {"Retry-After": later})
    with pytest.raises(RetryableError) as caught:
        client_for(scripted.url).store_find("ext-1")
    assert 25 <= caught.value.retry_after <= 31


def test_parse_retry_after_ignores_garbage():
    assert parse_retry_after(None) is None
    assert parse_retry_after("soon") is None
    assert parse_retry_after("-3") == 0.0
    assert parse_retry_after(" 2.5 ") == 2.5
    assert parse_retry_after("nan") is None


@pytest.mark.parametrize(
    "value",
    [
        "inf",
        "1e20",
        "86401",
        # A stable id: pytest-xdist needs every worker to collect the same test names.
        pytest.param(formatdate(time.time() + 10 * 86400, usegmt=True), id="http-date"),
    ],
)
def test_a_huge_retry_after_is_clamped_to_a_day(value):
    # Unclamped, "inf" or "1e20" overflow the outbox's timedelta arithmetic.
    assert parse_retry_after(value) == MAX_RETRY_AFTER == 86400.0


@pytest.mark.parametrize(
    "status,code", [(400, "validation_failed"), (401, "bad_signature"), (404, "not_found"),
                    (409, "store_suspended"), (422, "idempotency_key_reused")],
)  # fmt: skip
def test_other_client_errors_are_permanent_with_their_code_and_fields(scripted, status, code):
    error = {"code": code, "message": "No.", "fields": {"hs_code": ["must be 6 digits"]}}
    scripted.default = Reply(status, {"error": error})
    with pytest.raises(PermanentError) as caught:
        client_for(scripted.url).product_update("st_1", "pr_1", {"stock": 1}, idempotency_key="k")
    assert (caught.value.status, caught.value.code) == (status, code)
    assert caught.value.fields == {"hs_code": ["must be 6 digits"]}
    assert f"HTTP {status}" in str(caught.value)
    assert not isinstance(caught.value, RetryableError)


def test_a_success_without_json_is_retryable_the_outcome_being_unknown(scripted):
    scripted.default = Reply(200, b"<html>proxy says hi</html>", {"Content-Type": "text/html"})
    with pytest.raises(RetryableError, match="without a JSON body"):
        client_for(scripted.url).store_publish("st_1", idempotency_key="k")


def test_a_slow_answer_times_out_as_retryable(scripted):
    scripted.default = Reply(200, {"id": "st_1"}, delay=2.0)
    client = client_for(scripted.url, connect_timeout=1.0, read_timeout=0.3)
    started = time.monotonic()
    with pytest.raises(RetryableError, match="timed out"):
        client.store_find("ext-1")
    assert time.monotonic() - started < 1.5


def test_a_refused_connection_is_retryable():
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(RetryableError):
        client_for(f"http://127.0.0.1:{port}").store_find("ext-1")


def test_timeouts_and_keys_come_from_settings(settings):
    settings.ISOKO_MARKETPLACE_URL = "https://seller.example.com/api/"
    settings.ISOKO_MARKETPLACE_CONNECT_TIMEOUT = 1.5
    settings.ISOKO_MARKETPLACE_READ_TIMEOUT = 9.0
    client = MarketplaceClient.from_settings()
    assert client.base_url == "https://seller.example.com/api"
    assert client.timeout == (1.5, 9.0)
    assert client.key_id == settings.ISOKO_MARKETPLACE_KEY_ID


# ---------------------------------------------------------------------------------------------
# Against the real sandbox
# ---------------------------------------------------------------------------------------------
def test_the_sandbox_accepts_our_signature_and_replays_by_key(marketplace):
    client = MarketplaceClient.from_settings()
    body = {"external_id": "ext-1", "trading_name": "Nyamirambo Crafts", "legal_name": "NC Ltd"}
    first = client.store_create(body, idempotency_key="same-key")
    again = client.store_create(body, idempotency_key="same-key")
    by_external_id = client.store_create(body, idempotency_key="another-key")

    assert first.status == 201 and "Idempotent-Replayed" not in first.headers
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.data["id"] == first.data["id"]
    assert by_external_id.status == 200 and by_external_id.data["id"] == first.data["id"]
    assert client.store_find("ext-1")["id"] == first.data["id"]
    assert client.store_find("nobody") is None
    assert marketplace.stats()["stores"] == 1


def test_the_sandbox_refuses_a_wrong_secret_permanently(marketplace, settings):
    settings.ISOKO_MARKETPLACE_SECRET = "not-the-secret"
    with pytest.raises(PermanentError) as caught:
        MarketplaceClient.from_settings().store_find("x")
    assert (caught.value.status, caught.value.code) == (401, "bad_signature")


def test_the_same_key_with_another_body_is_refused(marketplace):
    client = MarketplaceClient.from_settings()
    body = {"external_id": "ext-2", "trading_name": "A", "legal_name": "A Ltd"}
    client.store_create(body, idempotency_key="k-reused")
    with pytest.raises(PermanentError) as caught:
        client.store_create({**body, "trading_name": "B"}, idempotency_key="k-reused")
    assert (caught.value.status, caught.value.code) == (422, "idempotency_key_reused")
