"""Shared fixtures and the rules for tests that need real services or a browser.

- ``@pytest.mark.services`` needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL).
- ``@pytest.mark.browser`` needs Playwright and Debian's /usr/bin/chromium.
- ``@pytest.mark.make_run`` starts the real ``make run`` (tests/run/): needs ``make`` and the
  project's .venv with honcho.
- ``@pytest.mark.storage`` talks to a real S3 API server (moto's, on loopback: tests/s3.py's
  ``s3_server`` and ``s3_storage`` fixtures): needs the test extra's moto and django-storages.

On a laptop without them these tests are skipped. With ISOKO_REQUIRE_SERVICES=1 (CI sets it) a
skip of such a test is turned into a failure, and every marked test's outcome is merged into
var/marked-tests.json so .ci/run can check that they really ran (tests/records.py).

Certificates get a tiny fake PDF (the test settings' renderer) unless a test reads the PDF back:
``@pytest.mark.real_pdf``, and every services, browser and make_run test, use the real renderer.

Transactional tests end with a fast reset to what migrations made, not a flush
(tests/db_baseline.py).
"""

from __future__ import annotations

import functools
import os
import shutil
import time
from pathlib import Path

import pytest
from django.conf import settings

# Shared test data (built once per run of tests, rolled back after): see tests/shared_data.py.
# The S3 server fixtures (s3_server, s3_storage): see tests/s3.py.
pytest_plugins = ("tests.shared_data", "tests.s3")
pytest.register_assert_rewrite("tests.shared_data", "tests.s3")

from tests import db_baseline, xdist_db  # noqa: E402
from tests.records import MARKED, Records  # noqa: E402
from tests.s3 import moto_missing  # noqa: E402
from tests.shared_data import shared  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
REQUIRE = os.environ.get("ISOKO_REQUIRE_SERVICES") == "1"
CHROMIUM = os.environ.get("ISOKO_CHROMIUM", "/usr/bin/chromium")
REAL_RENDERER = "certificates.pdf.render_pdf"
_records = Records()
_is_xdist_worker = False  # set in pytest_configure


def _services_missing() -> str | None:
    if not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return "DATABASE_URL does not point at PostgreSQL"
    if not settings.REDIS_URL:
        return "REDIS_URL is not set"
    return None


def _browser_missing() -> str | None:
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "playwright is not installed"
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is not installed"
    return None


def _make_run_missing() -> str | None:
    if not shutil.which("make"):
        return "make is not installed"
    if not (ROOT / ".venv" / "bin" / "honcho").exists():
        return "the project's .venv (with honcho) is missing: run make setup-test"
    return None


def pytest_runtest_setup(item):
    if item.get_closest_marker("services") and (reason := _services_missing()):
        _skip_or_fail(reason)
    if item.get_closest_marker("browser") and (reason := _browser_missing()):
        _skip_or_fail(reason)
    if item.get_closest_marker("make_run") and (reason := _make_run_missing()):
        _skip_or_fail(reason)
    if item.get_closest_marker("storage") and (reason := moto_missing()):
        _skip_or_fail(reason)


def _skip_or_fail(reason: str) -> None:
    if REQUIRE:
        pytest.fail(f"ISOKO_REQUIRE_SERVICES=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    # Carried with the report to xdist's controller, which records it (tests/records.py).
    if markers := [name for name in MARKED if item.get_closest_marker(name)]:
        report.isoko_markers = markers
    return report


def pytest_runtest_logreport(report):
    if not _is_xdist_worker:
        _records.add(report)


def pytest_configure(config):
    global _is_xdist_worker
    _is_xdist_worker = hasattr(config, "workerinput")


def pytest_xdist_make_scheduler(config, log):
    """--dist loadscope hands out modules longest first (tests/xdist_schedule.py)."""
    if config.getvalue("dist") == "loadscope":
        from tests.xdist_schedule import LongestFirst

        return LongestFirst(config, log)
    return None


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    if not _is_xdist_worker:
        _records.write()
    if any(_clone_to_drop):
        from pytest_django.plugin import blocking_manager_key

        with session.config.stash[blocking_manager_key].unblock():
            xdist_db.drop_clone(session.config)


_clone_to_drop: list[bool] = []


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings, request, django_db_blocker):
    """An xdist worker on PostgreSQL clones a template migrated once per run (tests/xdist_db.py)."""
    if xdist_db.applies(request.config):
        with django_db_blocker.unblock():
            xdist_db.prepare(request.config)


@pytest.fixture(scope="session")
def django_db_keepdb(django_db_keepdb, request):
    # The clone prepared above is the database to use, as it is.
    return True if xdist_db.applies(request.config) else django_db_keepdb


@pytest.fixture(scope="session")
def django_db_createdb(django_db_createdb, request):
    return False if xdist_db.applies(request.config) else django_db_createdb


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    """pytest-django's test database (created, or kept with --reuse-db), with its baseline."""
    with django_db_blocker.unblock():
        db_baseline.ensure()
    db_baseline.install()
    yield
    # Before pytest-django drops the database (or keeps it, for the next --reuse-db run).
    with django_db_blocker.unblock():
        db_baseline.restore()
        db_baseline.forget()
    # The clone goes at the very end (pytest_sessionfinish), after tests/shared_data.py has
    # rolled back the transaction it may still hold open on it.
    _clone_to_drop.append(xdist_db.applies(request.config))


@pytest.fixture(autouse=True)
def _pdf_renderer(request):
    """The real certificate renderer for tests that read a PDF back (real_pdf) and for every
    services, browser and make_run test (a Celery worker they start inherits it)."""
    real = ("real_pdf", "services", "browser", "make_run")  # storage tests ask with real_pdf
    if any(request.node.get_closest_marker(name) for name in real):
        request.getfixturevalue("settings").ISOKO_CERTIFICATE_RENDERER = REAL_RENDERER


@pytest.fixture(autouse=True)
def _english_by_default():
    """Requests activate languages in this thread; start every test from the default."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _one_rate_limit_window(monkeypatch):
    """Every request of a test counts in one rate-limit window: fixed one-minute windows split a
    test's requests in two when it runs across a minute's end (seen in a loaded run: four
    replays, the fourth not refused). Servers in other processes keep the real clock."""
    from core import ratelimit

    pinned = time.time()
    monkeypatch.setattr(ratelimit, "clock", lambda: pinned)


@pytest.fixture(autouse=True)
def _clean_cache():
    """Rate limits live in the cache: start every test with none recorded."""
    _clear_cache()
    yield
    _clear_cache()


def _clear_own_keys(cache_backend) -> None:
    """What ``cache.clear()`` does in tests on Redis: delete this cache's own keys (its
    KEY_PREFIX: this xdist worker's), never FLUSHDB, which would empty every other worker's
    keys (their rate-limit buckets, mid-test) and the Celery broker's queues (a service test's
    worker then never gets its tasks)."""
    _delete_prefixed(cache_backend._servers[0], cache_backend.key_prefix)


def _guard_redis_clear() -> None:
    from django.core.cache.backends.redis import RedisCache

    RedisCache.clear = _clear_own_keys


_guard_redis_clear()


@functools.cache
def _redis_for(url: str):
    """One connection pool per process for the clearing before and after every test (a new
    connection twice a test was ~5,000 connects a run)."""
    import redis

    return redis.Redis.from_url(url)


def _delete_prefixed(url: str, prefix: str) -> None:
    client = _redis_for(url)
    keys = list(client.scan_iter(f"{prefix}:*", count=500))
    if keys:
        client.delete(*keys)


def _clear_cache() -> None:
    from django.core.cache import cache

    if settings.REDIS_URL:
        # Never FLUSHDB: the same Redis database carries the Celery broker's queues.
        _delete_prefixed(settings.REDIS_URL, settings.CACHES["default"].get("KEY_PREFIX", ""))
    else:
        cache.clear()


@shared()
def site():
    """The demo Site and HomePage, as seed_demo makes them (built once for the tests of a module
    that use it: see tests/shared_data.py)."""
    from courses.api import seed_demo_site

    return seed_demo_site()


@pytest.fixture
def editor_client(client, site):
    """A client logged in as a superuser who has set up TOTP, as the MFA policy demands.

    allauth's login-with-code stage is tested in tests/accounts/test_mfa.py; here the login is
    direct so admin tests stay short.
    """
    from tests.accounts.factories import StaffFactory
    from tests.accounts.helpers import log_in_with_mfa

    return log_in_with_mfa(client, StaffFactory(is_superuser=True))


# One browser for the whole session, shared by every browser test (tests/e2e, tests/crawl and
# the phone checks elsewhere): Playwright's sync API allows one running instance per thread, so a
# second session fixture of the same kind, started while the first is alive, would fail.
@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make are
    # still plain synchronous calls, so Django's async-safety guard would only get in the way.
    # Set for the browser tests only: a subprocess that inherits it fails `check --deploy`.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()
