"""Fast, deterministic settings for pytest. Real services are used when their URLs are given."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES, REDIS_URL, VAR_DIR, env
from .storage import storages_setting

DEBUG = False
SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# pytest-xdist runs the unit tests in several processes at once (PYTEST_XDIST_WORKER is gw0,
# gw1, …; unset in a plain run): each has its own files and cache keys, as it has its own test
# database. A Celery worker a test starts inherits the variable, so it shares its test's files.
TEST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
_WORKER_SUFFIX = f"-{TEST_WORKER}" if TEST_WORKER else ""
MEDIA_ROOT = VAR_DIR / f"test-media{_WORKER_SUFFIX}"
PRIVATE_ROOT = VAR_DIR / f"test-private{_WORKER_SUFFIX}"
ISOKO_CREDENTIAL_KEYFILE = VAR_DIR / f"test-credential-keys{_WORKER_SUFFIX}.json"
# Not var/static: a bench's collectstatic leaves ~1,500 files there, and WhiteNoise then walked
# them all for every test client (56 ms each, a couple of minutes over the suite) while a clean
# clone (CI) has none. Static files come from the finders, as in CI; nothing collects here.
STATIC_ROOT = VAR_DIR / f"test-static{_WORKER_SUFFIX}"
# The local disk unless ISOKO_STORAGE=s3 (a process a test starts against tests/s3.py's server).
STORAGES = storages_setting(
    staticfiles={"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    private_root=PRIVATE_ROOT,
)
ISOKO_REQUIRE_STAFF_MFA = True

# SQLite tests use a file database, like `make run`, not Django's default in-memory one: an
# in-memory database is a single connection shared by every thread, so a live server's
# concurrent requests (tests/concurrency) would never meet the locks the demo's file meets.
# One file per pytest process (two runs in one checkout must not clobber each other); Django
# deletes it at the end of the run.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"isoko-test-{os.getpid()}.sqlite3")
    }

# A test seam, in these settings only (services.certificate_render uses the real renderer when
# no settings name one): certificates get a tiny valid PDF in microseconds instead of a WeasyPrint
# render. Tests that read the PDF back switch to the real one (tests/conftest.py: the real_pdf
# marker, and every services, browser and make_run test); a Celery worker a test starts gets the
# test's choice through the environment.
ISOKO_CERTIFICATE_RENDERER = env(
    "ISOKO_CERTIFICATE_RENDERER", default="tests.certificates.renderers.tiny_pdf"
)

# Unit tests run tasks eagerly even when a broker is configured; the service-bound tests start a
# real worker process and send to the broker explicitly.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = REDIS_URL or "memory://"

# Tests must not share a rate-limit or cache state with a developer's running site.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("ISOKO_TEST_CACHE_PREFIX", default="isoko-test") + _WORKER_SUFFIX,
        }
    }

# The full-page cache (config/page_cache.py) is off in unit tests: many read a page, change what
# it shows outside Wagtail's publish signals (an enrolment, a storefront), and read it again, or
# count the queries of a second read. tests/caching/ turns it on (and the headers apply anyway).
ISOKO_PAGE_CACHE = env.bool("ISOKO_PAGE_CACHE", default=False)
# Process-local memos (core/shared_memo.py) check their shared generation on every use: tests
# change and roll back rows many times a second, and clear the cache between tests.
ISOKO_SHARED_MEMO_RECHECK = 0.0

# A test database is thrown away after the run: a commit need not wait for its WAL to reach the
# disk (7 ms a commit on the shared 2-core machine, 0.4 ms without). Transactional and
# live-server tests, the crawl's seeded demo and the Celery workers tests start (they inherit
# these settings) commit thousands of times. Per connection: PostgreSQL's configuration stays.
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = f"{_options.get('options', '')} -c synchronous_commit=off".strip()
