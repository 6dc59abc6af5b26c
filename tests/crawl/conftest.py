"""The seeded demo, served once for the whole crawl module.

pytest-django's ``live_server`` makes every test that uses it transactional, and a transactional
test flushes the database when it ends: the demo (a minute to seed on a busy machine) would be
gone before the second role's crawl. So this module seeds it once, outside any test transaction,
serves it from its own live-server thread, and flushes the database itself at the end, leaving
it as a transactional test leaves it.
"""

from __future__ import annotations

import pyotp
import pytest
from django.core.management import call_command

# Playwright driving Debian's Chromium, as in the journeys.
from tests.e2e.conftest import chromium  # noqa: F401

STAFF = ("admin@example.com", "reviewer@example.com", "trainer@example.com")
# Pages checked per (role, language), filled by test_crawl.py, printed after the run.
COVERAGE: dict[tuple[str, str], int] = {}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The live site's base URL and the TOTP secret of each staff account (the MFA policy makes
    staff set one up; the crawl logs them in through the real two-step login)."""
    from allauth.mfa.models import Authenticator
    from pytest_django.live_server_helper import LiveServer

    from accounts.models import User

    with django_db_blocker.unblock():
        call_command("seed_demo", force=True, stdout=_Quiet())
        secrets = {}
        for email in STAFF:
            secrets[email] = pyotp.random_base32()
            Authenticator.objects.create(
                user=User.objects.get(email=email),
                type=Authenticator.Type.TOTP,
                data={"secret": secrets[email]},
            )
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        try:
            yield server.url, secrets
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
            call_command("flush", interactive=False, verbosity=0)


class _Quiet:
    def write(self, *_args, **_kwargs):
        pass

    def flush(self):
        pass


def pytest_terminal_summary(terminalreporter):
    """The crawl's coverage, in CI's log: pages checked per role (rows) and language (columns)."""
    if not COVERAGE:
        return
    roles = list(dict.fromkeys(role for role, _code in COVERAGE))
    codes = list(dict.fromkeys(code for _role, code in COVERAGE))
    write = terminalreporter.write_line
    terminalreporter.section("crawl: pages checked per role and language")
    write(f"{'role':<14}" + "".join(f"{code:>9}" for code in codes) + f"{'total':>9}")
    for role in roles:
        counts = [COVERAGE.get((role, code), 0) for code in codes]
        write(f"{role:<14}" + "".join(f"{n:>9}" for n in counts) + f"{sum(counts):>9}")
    write(f"{'total':<14}" + " " * 9 * len(codes) + f"{sum(COVERAGE.values()):>9}")
