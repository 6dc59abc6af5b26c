"""Request ids and the one JSON line per request (config/observability.py)."""

from __future__ import annotations

import json
import logging
import re

import pytest

from config.observability import (
    JsonFormatter,
    RequestIdFilter,
    TextFormatter,
    request_id_var,
    sane_request_id,
)
from tests.accounts.factories import UserFactory

# Every request resolves the site (robots.txt names the sitemap's address): a database.
pytestmark = pytest.mark.django_db

GENERATED = re.compile(r"^[0-9a-f]{32}$")


def test_a_sane_incoming_request_id_is_kept_echoed_and_logged(client, json_log):
    response = client.get("/robots.txt", HTTP_X_REQUEST_ID="lb-4f2a9c81:trace.7")
    assert response.status_code == 200
    assert response["X-Request-ID"] == "lb-4f2a9c81:trace.7"
    [line] = json_log.json("isoko.request")
    assert line["request_id"] == "lb-4f2a9c81:trace.7"


@pytest.mark.parametrize(
    "incoming",
    ["", "short", "has space in it", 'quote"injection1', "line\nbreak-12345", "x" * 200],
)
def test_an_odd_incoming_request_id_is_replaced_by_a_fresh_one(client, json_log, incoming):
    response = client.get("/robots.txt", HTTP_X_REQUEST_ID=incoming)
    assert response.status_code == 200
    assert GENERATED.match(response["X-Request-ID"])
    [line] = json_log.json("isoko.request")
    assert line["request_id"] == response["X-Request-ID"]


def test_each_request_without_an_id_gets_its_own(client):
    first = client.get("/robots.txt")["X-Request-ID"]
    second = client.get("/robots.txt")["X-Request-ID"]
    assert GENERATED.match(first) and GENERATED.match(second) and first != second


def test_the_request_line_has_its_fields_and_no_email_query_string_or_key(client, json_log, db):
    user = UserFactory(email="private.person@example.com")
    client.force_login(user)
    response = client.get("/dashboard/?token=sekrit-query-value")
    assert response.status_code == 200
    [line] = json_log.json("isoko.request")
    assert set(line) >= {
        "ts", "level", "logger", "message", "request_id",
        "method", "path", "status", "duration_ms", "view", "user_id",
    }  # fmt: skip
    assert line["level"] == "INFO"
    assert line["method"] == "GET"
    assert line["path"] == "/dashboard/"
    assert line["status"] == 200
    assert line["view"] == "dashboard"
    assert line["user_id"] == user.pk
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["request_id"] == response["X-Request-ID"]
    text = "\n".join(json_log.raw())
    assert "private.person" not in text
    assert "sekrit-query-value" not in text


def test_a_secret_in_the_url_is_masked_in_the_logged_path(client, json_log, db):
    # allauth's e-mail confirmation link carries its key in the path.
    response = client.get("/accounts/confirm-email/MQ:1tXyZa:secretconfirmationkey123/")
    assert response.status_code < 500
    [line] = json_log.json("isoko.request")
    assert "secretconfirmationkey123" not in json.dumps(line)
    assert "[redacted]" in line["path"]


def test_an_anonymous_request_logs_no_user_and_an_unknown_path_is_unresolved(client, json_log, db):
    response = client.get("/no-such-page-here/")
    assert response.status_code == 404
    [line] = json_log.json("isoko.request")
    assert line["user_id"] is None
    assert line["status"] == 404


def test_any_log_record_written_during_a_request_carries_its_id():
    record = logging.LogRecord("lms.services", logging.WARNING, __file__, 1, "hi %s", ("x",), None)
    token = request_id_var.set("req-12345678")
    try:
        RequestIdFilter().filter(record)
    finally:
        request_id_var.reset(token)
    line = json.loads(JsonFormatter().format(record))
    assert line == {
        "ts": line["ts"],
        "level": "WARNING",
        "logger": "lms.services",
        "message": "hi x",
        "request_id": "req-12345678",
    }
    assert line["ts"].endswith("+00:00")
    assert "[req-12345678] hi x" in TextFormatter().format(record)


def test_an_exception_is_one_json_line_with_its_type_and_traceback():
    try:
        raise ValueError("broken")
    except ValueError:
        import sys

        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", None, sys.exc_info())
    RequestIdFilter().filter(record)
    formatted = JsonFormatter().format(record)
    assert "\n" not in formatted
    line = json.loads(formatted)
    assert line["exc_type"] == "ValueError"
    assert "raise ValueError" in line["exc"]
    assert line["request_id"] == "-"


def test_sane_request_id():
    assert sane_request_id("abcdefgh") == "abcdefgh"
    assert GENERATED.match(sane_request_id("abc"))
    assert GENERATED.match(sane_request_id(None))


def test_production_logs_json_by_default_and_text_on_request(monkeypatch):
    from config.settings.observability import logging_config

    assert logging_config("json")["handlers"]["console"]["formatter"] == "json"
    assert logging_config("text")["handlers"]["console"]["formatter"] == "text"
    assert logging_config("json")["handlers"]["console"]["filters"] == ["request_id"]
