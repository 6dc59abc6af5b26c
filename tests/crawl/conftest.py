"""The seeded demo, served once for the whole crawl module.

pytest-django's ``live_server`` makes every test that uses it transactional, and a transactional
test flushes the database when it ends: the demo (a minute to seed on a busy machine) would be
gone before the second role's crawl. So this module seeds it once, outside any test transaction,
serves it from its own live-server thread, and at the end puts the database back as a
transactional test leaves it: as migrations made it (tests/db_baseline.py).
"""

from __future__ import annotations

import pyotp
import pytest
from django.core.management import call_command

from tests import db_baseline
from tests.crawl.crawler import FETCH_CPU, SECONDS

# Playwright driving Debian's Chromium, as in the journeys.

STAFF = ("admin@example.com", "reviewer@example.com", "trainer@example.com")
# Per (role, language): HTML pages reached, and of those rendered and checked in the browser (the
# others had the same shape and answer as a page checked, or a frame and a main each checked on
# some page: tests/crawl/fingerprint.py). Filled by test_crawl.py.
COVERAGE: dict[tuple[str, str], tuple[int, int]] = {}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The live site's base URL and the TOTP secret of each staff account (the MFA policy makes
    staff set one up; the crawl logs them in through the real two-step login)."""
    from allauth.mfa.models import Authenticator
    from pytest_django.live_server_helper import LiveServer

    from accounts.models import User

    # test_crawl.py's first test asks for `db`, so the module alone runs on a test database.
    db_baseline.require_test_database()
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
            db_baseline.reset()


class _Quiet:
    def write(self, *_args, **_kwargs):
        pass

    def flush(self):
        pass


def pytest_terminal_summary(terminalreporter):
    """The crawl's coverage in CI's log: per role (rows) and language (columns), the HTML pages
    reached / of which rendered and checked in the browser by that role."""
    if not COVERAGE:
        return
    roles = list(dict.fromkeys(role for role, _code in COVERAGE))
    codes = list(dict.fromkeys(code for _role, code in COVERAGE))
    write = terminalreporter.write_line
    terminalreporter.section("crawl: pages reached / rendered and checked, per role and language")
    write(f"{'role':<14}" + "".join(f"{code:>10}" for code in codes) + f"{'total':>10}")
    for role in roles:
        cells = [COVERAGE.get((role, code), (0, 0)) for code in codes]
        total = (sum(c[0] for c in cells), sum(c[1] for c in cells))
        write(f"{role:<14}" + "".join(f"{f'{a}/{b}':>10}" for a, b in cells + [total]))
    reached = sum(a for a, _b in COVERAGE.values())
    checked = sum(b for _a, b in COVERAGE.values())
    write(f"{'total':<14}" + " " * 10 * len(codes) + f"{f'{reached}/{checked}':>10}")
    rendering = sum(seconds for step, seconds in SECONDS.items() if step != "all")
    steps = [f"{step} {seconds:.0f} s" for step, seconds in SECONDS.items() if step != "all"]
    write(
        f"wall time: {SECONDS['all']:.0f} s visiting pages, of which fetching and parsing"
        f" {SECONDS['all'] - rendering:.0f} s, " + ", ".join(steps)
    )
    write(f"CPU of the test process while fetching: {FETCH_CPU['all']:.0f} s")
