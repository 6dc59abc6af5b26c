"""Fast, deterministic settings for pytest. Real services are used when their URLs are given."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES, REDIS_URL, VAR_DIR, env

DEBUG = False
SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = VAR_DIR / "test-media"
PRIVATE_ROOT = VAR_DIR / "test-private"
ISOKO_CREDENTIAL_KEYFILE = VAR_DIR / "test-credential-keys.json"
PRIVATE_STORAGE = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    # A redelivered issuing task re-renders to the same name: overwrite, never add a copy.
    "OPTIONS": {"location": str(PRIVATE_ROOT), "base_url": None, "allow_overwrite": True},
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "certificates": PRIVATE_STORAGE,
    "private": PRIVATE_STORAGE,
}
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
            "KEY_PREFIX": env("ISOKO_TEST_CACHE_PREFIX", default="isoko-test"),
        }
    }
