"""The /_sandbox/* controls refuse bad input, and the HTTP front refuses bad framing."""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

from marketplace_sandbox.app import App, Request
from marketplace_sandbox.config import Config

from .client import request


def _control(sandbox, path: str, body: dict):
    return request(sandbox.url, "POST", path, body, key_id="", secret="", signed=False)


def test_the_webhook_url_must_be_http_or_https(sandbox, receiver):
    try:
        for url in ("file:///etc/passwd", "ftp://example.com/", "http://", "javascript://x"):
            reply = _control(sandbox, "/_sandbox/config", {"webhook_url": url})
            assert (reply.status, set(reply.body["error"]["fields"])) == (400, {"webhook_url"})
        assert sandbox.control("POST", "/_sandbox/config", {})["webhook_url"] == receiver.url
    finally:
        sandbox.control("POST", "/_sandbox/config", {"webhook_url": receiver.url})


def test_an_order_total_must_be_money(sandbox):
    for total in ("abc", "1e5", "25.001", "٢٥", "25.00\n"):
        reply = _control(sandbox, "/_sandbox/orders", {"store_id": "st_x", "total_usd": total})
        assert (reply.status, reply.error) == (400, "validation_failed"), total
    assert _control(sandbox, "/_sandbox/orders", {"store_id": "st_x"}).status == 404


def test_events_with_a_limit_that_is_not_a_number(sandbox):
    assert sandbox.control("GET", "/_sandbox/events?limit=%C2%B2") == {"data": []}


def test_sandbox_control_is_for_loopback_only(tmp_path):
    app = App(Config(db_path=tmp_path / "sandbox.sqlite3"))
    try:

        def call(method: str, path: str, client_ip: str) -> int:
            return app.handle(Request(method, path, {}, b"{}", client_ip)).status

        assert call("POST", "/_sandbox/reset", "192.0.2.7") == 403
        assert call("POST", "/_sandbox/faults", "10.0.0.2") == 403
        assert call("GET", "/_sandbox/health", "192.0.2.7") == 200  # reads are open
        assert call("POST", "/_sandbox/reset", "::1") == 200
        app.config.allow_remote_control = True
        assert call("POST", "/_sandbox/reset", "192.0.2.7") == 200
    finally:
        app.db.close()


def _raw_status(sandbox, content_length: bytes) -> int:
    url = urlsplit(sandbox.url)
    with socket.create_connection((url.hostname, url.port), timeout=5) as sock:
        sock.sendall(
            b"POST /v1/stores HTTP/1.1\r\nHost: sandbox\r\nContent-Length: "
            + content_length
            + b"\r\n\r\n"
        )
        answer = b""
        while chunk := sock.recv(65536):  # the sandbox closes the connection after it
            answer += chunk
    return int(answer.split(b" ", 2)[1])


def test_a_malformed_content_length_is_400_and_a_huge_one_413(sandbox):
    for value in (b"abc", b"-1", b"\xb2", b"1 2"):
        assert _raw_status(sandbox, value) == 400, value
    assert _raw_status(sandbox, b"99999999") == 413
