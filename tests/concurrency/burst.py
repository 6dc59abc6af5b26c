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

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest
from django.test import Client

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


@dataclass
class Tap:
    """One POST of a burst."""

    path: str
    user: object  # None: anonymous (no session yet)
    form: dict | None = None
    json_body: object = None
    accept: str | None = None
    # Uploads, as a browser sends them: field name -> [(file name, content, content type), ...]
    files: dict | None = None

    def request(self) -> tuple[bytes, dict]:
        if self.json_body is not None:
            body, content_type = json.dumps(self.json_body).encode(), "application/json"
        elif self.files:
            body, content_type = _multipart(self.form or {}, self.files)
        else:
            body = urlencode(self.form or {}, doseq=True).encode()
            content_type = "application/x-www-form-urlencoded"
        default_accept = "application/json" if self.json_body is not None else "text/html"
        return body, {
            "Cookie": _cookies_for(self.user),
            "X-CSRFToken": CSRF_SECRET,
            "Content-Type": content_type,
            "Accept": self.accept or default_accept,
        }


def _multipart(form: dict, files: dict) -> tuple[bytes, str]:
    """A multipart/form-data body, as a browser posts a form with file inputs."""
    boundary = "----isokoburst7d3f1c2a9b"
    parts = []
    for name, values in form.items():
        for value in values if isinstance(values, list | tuple) else [values]:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
    for name, uploads in files.items():
        for filename, content, content_type in uploads:
            head = (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
            )
            parts.append(head.encode() + content + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


class Burst:
    def __init__(self, base_url: str, caplog):
        self.base_url = base_url
        self.caplog = caplog

    def __call__(self, path: str, *, user, n: int, **request) -> list[Reply]:
        """POST the same request ``n`` times at once as ``user`` (one browser session);
        ``request`` takes Tap's form, json_body, accept and files."""
        return self.at_once([Tap(path, user, **request)] * n)

    def at_once(self, taps: list[Tap]) -> list[Reply]:
        """Send every tap at the same instant; the replies in the same order. Fails on any
        5xx, with the errors the server logged."""
        requests = [tap.request() for tap in taps]
        address = urlsplit(self.base_url)
        barrier = threading.Barrier(len(taps))
        replies: list[Reply | BaseException] = [None] * len(taps)  # type: ignore[list-item]

        def send(index: int) -> None:
            body, headers = requests[index]
            connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
            try:
                connection.connect()
                barrier.wait(timeout=30)
                connection.request("POST", taps[index].path, body=body, headers=headers)
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
            threads = [threading.Thread(target=send, args=(i,)) for i in range(len(taps))]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=90)
        failures = [reply for reply in replies if not isinstance(reply, Reply)]
        assert not failures, failures
        server_errors = [reply for reply in replies if reply.status >= 500]
        logged = [_format(record) for record in self.caplog.records]
        paths = sorted({tap.path for tap in taps})
        assert not server_errors, (
            f"POST {', '.join(paths)}: {len(server_errors)} of {len(taps)} requests got a 5xx: "
            f"{[reply.status for reply in replies]}\n" + "\n".join(logged)[-3000:]
        )
        return replies


def _format(record: logging.LogRecord) -> str:
    error = record.exc_info and traceback.format_exception_only(record.exc_info[1])
    return f"{record.getMessage()}: {''.join(error or []).strip()}"
