"""Bursts of identical requests at the same instant against a real threaded server.

``live_server`` is Django's ThreadedWSGIServer, the server ``runserver`` (and so ``make run``)
uses: one thread and one database connection per request. On SQLite the test database is a file
(config/settings/test.py), so these threads meet the same locks as the demo's var/db.sqlite3; on
PostgreSQL (DATABASE_URL) they meet its row locks and constraints.

A burst opens every connection first, then all threads wait at a barrier and send their request
at once: as close to "two quick taps" (or a flaky network replaying a POST) as a test can get.
"""

from __future__ import annotations

import http.client
import json
import logging
import threading
import traceback
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

import pytest
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest
from django.test import Client

# A graduate with a complete storefront application draft, as the marketplace tests build it.
from tests.marketplace.conftest import (  # noqa: F401 - fixtures used here too
    draft,
    graduate,
    own_keyfile,
    qualifying_course,
    template,
)

CSRF_SECRET = "concurrencytestsecret0123456789a"  # 32 characters: Django accepts the bare secret


@dataclass
class Reply:
    status: int
    location: str
    body: str
    cookies: SimpleCookie

    def messages(self) -> list[str]:
        """The flash messages this reply set (the cookie storage's signed cookie)."""
        morsel = self.cookies.get("messages")
        if morsel is None or not morsel.value:
            return []
        storage = CookieStorage(HttpRequest())
        return [str(message) for message in storage._decode(morsel.value) or []]


def _cookies_for(user) -> str:
    csrf = f"{settings.CSRF_COOKIE_NAME}={CSRF_SECRET}"
    if user is None:
        return csrf
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    return f"{settings.SESSION_COOKIE_NAME}={session}; {csrf}"


class Burst:
    def __init__(self, base_url: str, caplog):
        self.base_url = base_url
        self.caplog = caplog

    def __call__(
        self,
        path: str,
        *,
        user,
        n: int = 0,
        form: dict | None = None,
        forms: list[dict] | None = None,
        json_body=None,
        accept: str | None = None,
    ) -> list[Reply]:
        """POST the same request ``n`` times at once as ``user`` (None: anonymous, one session
        each), or one request per form of ``forms``; the replies in order. Fails on any 5xx,
        with the errors the server logged."""
        if json_body is not None:
            bodies = [json.dumps(json_body).encode()] * n
            content_type = "application/json"
        else:
            forms = forms or [form or {}] * n
            bodies = [urlencode(data, doseq=True).encode() for data in forms]
            content_type = "application/x-www-form-urlencoded"
        n = len(bodies)
        headers = {
            "Cookie": _cookies_for(user),
            "X-CSRFToken": CSRF_SECRET,
            "Content-Type": content_type,
            "Accept": accept or ("application/json" if json_body is not None else "text/html"),
        }
        address = urlsplit(self.base_url)
        barrier = threading.Barrier(n)
        replies: list[Reply | BaseException] = [None] * n  # type: ignore[list-item]

        def tap(index: int) -> None:
            connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
            try:
                connection.connect()
                barrier.wait(timeout=30)
                connection.request("POST", path, body=bodies[index], headers=headers)
                response = connection.getresponse()
                text = response.read().decode(errors="replace")
                cookies = SimpleCookie()
                for header in response.headers.get_all("Set-Cookie") or []:
                    cookies.load(header)
                replies[index] = Reply(
                    response.status, response.getheader("Location", ""), text, cookies
                )
            except BaseException as error:  # noqa: BLE001 - reported by the test below
                replies[index] = error
            finally:
                connection.close()

        with self.caplog.at_level(logging.ERROR, logger="django.request"):
            threads = [threading.Thread(target=tap, args=(i,)) for i in range(n)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=90)
        failures = [reply for reply in replies if not isinstance(reply, Reply)]
        assert not failures, failures
        server_errors = [reply for reply in replies if reply.status >= 500]
        logged = [_format(record) for record in self.caplog.records]
        assert not server_errors, (
            f"POST {path}: {len(server_errors)} of {n} requests got a 5xx: "
            f"{[reply.status for reply in replies]}\n" + "\n".join(logged)[-3000:]
        )
        return replies


def _format(record: logging.LogRecord) -> str:
    error = record.exc_info and traceback.format_exception_only(record.exc_info[1])
    return f"{record.getMessage()}: {''.join(error or []).strip()}"


@pytest.fixture
def burst(live_server, caplog):
    return Burst(live_server.url, caplog)
