"""Fixtures for the provisioning, client and webhook tests (imported by those test modules; the
package's conftest.py belongs to the application tests).

- ``approved(course, ...)``: an approved application written straight to the database, as the
  review step leaves it, with a valid certificate and products.
- ``sandbox_process`` / ``marketplace``: the real sandbox marketplace as a subprocess (one per
  test module), wiped for each test, with Isoko's settings pointed at it.
- ``deliver(message)`` and friends: one delivery now, as the task runs it.
- ``ScriptedServer``: a tiny local HTTP server answering from a script, for the client's own
  tests (timeouts, Retry-After, odd bodies), recording what it received.
"""

from __future__ import annotations

import hashlib
import json
import socket
import threading
import time
from dataclasses import dataclass, field
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction
from django.utils import timezone

from certificates.models import Certificate
from marketplace_link.models import OutboxMessage, Product, StorefrontApplication
from tests.accounts.factories import UserFactory
from tests.courses import factories
from tests.sandbox.server import start_sandbox


@pytest.fixture
def qualifying_course(site):
    catalog = factories.catalog(site)
    return factories.course(
        catalog, "Coffee seller readiness", qualifies_for_storefront=True, estimated_hours=10
    )


def certificate_for(course, learner, name: str = "Aline Uwase") -> Certificate:
    return Certificate.objects.create(
        learner=learner,
        course=course,
        name=name,
        course_title=course.title,
        status=Certificate.Status.ISSUED,
        issued_at=timezone.now(),
        issued_on=timezone.localdate(),
        pdf_sha256=hashlib.sha256(name.encode()).hexdigest(),
    )


def approved(
    course,
    *,
    trading_name: str = "Huye Mountain Coffee",
    products: int = 2,
    learner=None,
    language: str = "en",
) -> StorefrontApplication:
    """An application as the reviewer's approval leaves it (no storefront yet)."""
    learner = learner or UserFactory()
    if language != "en":
        learner.profile.preferred_language = language
        learner.profile.save(update_fields=["preferred_language"])
    application = StorefrontApplication.objects.create(
        applicant=learner,
        certificate=certificate_for(course, learner),
        status=StorefrontApplication.Status.APPROVED,
        legal_name=f"{trading_name} Ltd",
        trading_name=trading_name,
        registration_number="102345678",
        tin="101234567",
        district="huye",
        sector="coffee",
        contact_phone="+250788123456",
        contact_email="sales@example.rw",
        description_en="Washed Bourbon from the hills of Huye.",
        description_fr="Bourbon lavé des collines de Huye.",
        submitted_at=timezone.now(),
        decided_at=timezone.now(),
    )
    for n in range(products):
        Product.objects.create(
            application=application,
            title=f"{trading_name} beans no. {n + 1}",
            description="Fully washed, sun-dried on raised beds.",
            category="coffee",
            price_rwf=12000 + n,
            price_usd=Decimal("9.50"),
            min_order_quantity=5,
            stock=400,
            unit="kg",
            hs_code="090111",
            origin_district="huye",
            certifications=["organic"],
        )
    return application


def due_now(message: OutboxMessage) -> None:
    """Skip the wait of a retry's backoff (the tests check the delays themselves)."""
    OutboxMessage.objects.filter(pk=message.pk).update(not_before=timezone.now())


def expire_lease(message: OutboxMessage) -> None:
    """The lease of the delivery holding the message ran out (its worker died)."""
    OutboxMessage.objects.filter(pk=message.pk).update(leased_until=timezone.now())


def deliver(message: OutboxMessage) -> str:
    """One delivery, as the task runs it, now."""
    from marketplace_link.outbox.delivery import outbox_message_deliver

    due_now(message)
    return outbox_message_deliver(message_id=message.pk).result


def closed_port_url() -> str:
    """A marketplace that refuses connections: failures that count as attempts."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


def provision(application: StorefrontApplication):
    """What the reviewer's approval does: storefront_create_for inside its transaction."""
    from marketplace_link.outbox import storefront_create_for

    with transaction.atomic():
        return storefront_create_for(application)


# ---------------------------------------------------------------------------------------------
# The real sandbox marketplace
# ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sandbox_process(tmp_path_factory):
    sandbox = start_sandbox(tmp_path_factory.mktemp("sandbox"), SANDBOX_SEED="11")
    yield sandbox
    sandbox.stop()


def point_at(settings, sandbox) -> None:
    settings.ISOKO_MARKETPLACE_URL = sandbox.url
    settings.ISOKO_MARKETPLACE_KEY_ID = sandbox.key_id
    settings.ISOKO_MARKETPLACE_SECRET = sandbox.secret
    settings.ISOKO_MARKETPLACE_CONNECT_TIMEOUT = 2.0
    settings.ISOKO_MARKETPLACE_READ_TIMEOUT = 5.0
    settings.ISOKO_MARKETPLACE_RETRY_DELAY = 0.05
    settings.ISOKO_MARKETPLACE_RETRY_MAX_DELAY = 0.2
    settings.ISOKO_MARKETPLACE_MAX_ATTEMPTS = 5


@pytest.fixture
def marketplace(sandbox_process, settings):
    """The module's sandbox, emptied, no faults, and Isoko's settings pointing at it."""
    sandbox_process.reset()
    point_at(settings, sandbox_process)
    yield sandbox_process
    assert sandbox_process.process.poll() is None, sandbox_process.log()[-3000:]


# ---------------------------------------------------------------------------------------------
# A scripted local HTTP server
# ---------------------------------------------------------------------------------------------
@dataclass
class Reply:
    status: int = 200
    body: object = field(default_factory=dict)  # dict → JSON; bytes → as is
    headers: dict = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class Received:
    method: str
    path: str
    headers: dict
    body: bytes


class ScriptedServer:
    """Answers each request with the next Reply of ``script`` (then ``default``)."""

    def __init__(self):
        self.script: list[Reply] = []
        self.default = Reply()
        self.received: list[Received] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def _any(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                with server._lock:
                    server.received.append(
                        Received(self.command, self.path, dict(self.headers), body)
                    )
                    reply = server.script.pop(0) if server.script else server.default
                if reply.delay:
                    time.sleep(reply.delay)
                data = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body)
                data = data.encode() if isinstance(data, str) else data
                try:
                    self.send_response(reply.status)
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a read timeout): expected in those tests

            do_GET = do_POST = do_PATCH = do_DELETE = _any

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def scripted():
    server = ScriptedServer()
    yield server
    server.close()
