"""Every /v1 call must be signed, fresh, and signed over exactly what was sent."""

from __future__ import annotations

import subprocess
import sys
import time

from marketplace_sandbox.signing import MAX_SKEW_SECONDS

from .client import sign
from .server import ROOT


def test_a_signed_fresh_request_is_accepted(api):
    reply = api("GET", "/v1/stores")
    assert reply.status == 200
    assert reply.body == {"data": [], "has_more": False}


def test_missing_signature_is_401(api):
    reply = api("GET", "/v1/stores", signed=False)
    assert reply.status == 401
    assert reply.error == "bad_signature"


def test_bad_signature_is_401(api):
    assert api("GET", "/v1/stores", signature="v1=" + "0" * 64).error == "bad_signature"
    # Signed with another secret.
    reply = api("GET", "/v1/stores", secret="not-the-secret")
    assert (reply.status, reply.error) == (401, "bad_signature")


def test_unknown_key_is_401(api):
    reply = api("GET", "/v1/stores", key_id="someone-else")
    assert (reply.status, reply.error) == (401, "bad_signature")


def test_stale_and_future_timestamps_are_401(api):
    # A few seconds past the window, not one: the client sends whole seconds and the server
    # compares with its float clock, so "+301" sent at x.9 s and read at x+1.0 s is inside it.
    for skew in (-(MAX_SKEW_SECONDS + 5), MAX_SKEW_SECONDS + 5):
        reply = api("GET", "/v1/stores", timestamp=int(time.time()) + skew)
        assert (reply.status, reply.error) == (401, "stale_timestamp")
    # Inside the window, either way.
    assert api("GET", "/v1/stores", timestamp=int(time.time()) - 250).status == 200
    assert api("GET", "/v1/stores", timestamp=int(time.time()) + 250).status == 200


def test_non_ascii_signature_or_timestamp_is_401_not_500(api, sandbox):
    # Headers arrive decoded as latin-1, so any byte can reach the check.
    reply = api("GET", "/v1/stores", signature="v1=é" + "0" * 63)
    assert (reply.status, reply.error) == (401, "bad_signature")
    # "²".isdigit() is true, but int("²") fails.
    reply = api("GET", "/v1/stores", timestamp="²")
    assert (reply.status, reply.error) == (401, "bad_signature")
    assert sandbox.stats()["unauthorized"] == 2


def test_the_signature_covers_query_method_and_body(api, sandbox):
    ts = str(int(time.time()))
    # Signed for the path without its query: refused.
    signature = sign(sandbox.secret, ts, "GET", "/v1/stores", b"")
    reply = api("GET", "/v1/stores?external_id=x", timestamp=int(ts), signature=signature)
    assert reply.error == "bad_signature"
    # A body signed as empty: refused, and nothing is created.
    signature = sign(sandbox.secret, ts, "POST", "/v1/stores", b"")
    body = {"external_id": "x", "trading_name": "T", "legal_name": "L"}
    reply = api("POST", "/v1/stores", body, timestamp=int(ts), signature=signature)
    assert reply.error == "bad_signature"
    assert sandbox.stats()["stores"] == 0
    assert sandbox.stats()["unauthorized"] == 2


def test_sandbox_control_needs_no_signature(sandbox):
    assert sandbox.control("GET", "/_sandbox/health") == {"status": "ok", "down": False}


def test_the_sandbox_imports_neither_django_nor_isoko():
    """The sandbox is a separate system: importing all of it loads only the standard library."""
    code = (
        "import sys, marketplace_sandbox.__main__\n"
        "banned = {'django', 'wagtail', 'celery', 'config', 'accounts', 'courses', 'lms',"
        " 'certificates', 'marketplace_link'}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in banned))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
