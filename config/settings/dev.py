"""The embedded default for `make run`: SQLite, in-process tasks, e-mail as files. No services.

With DATABASE_URL and REDIS_URL set, the same settings use PostgreSQL, Redis and a real worker.

Debug is off: `make run` is the demo a programme shows people, so they get the site's own error
pages, never Django's (URL patterns, settings, tracebacks). `make run DEBUG=1` turns it on for
development.
"""

import sys
import warnings

from .base import *  # noqa: F403
from .base import PRIVATE_ROOT, VAR_DIR, env
from .storage import storages_setting

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="dev-only-not-secret-isoko-8c1f0b2e")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])

# The embedded demo: seed_demo may make its accounts here (and only here).
ISOKO_ALLOW_DEMO_SEED = True

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = VAR_DIR / "mail"

STORAGES = storages_setting(
    staticfiles={"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    private_root=PRIVATE_ROOT,
)
# Static files (ours, Wagtail's admin, fonts) come from WhiteNoise whether debug is on or off
# (runserver --nostatic in the Procfiles): straight from the app and project folders, looked up
# per request, so there is no collectstatic step to forget or to go stale, an edited file shows
# at once, and a path outside them (/static/..%2F..%2Fmanage.py) is a plain 404 (runserver's own
# handler raised a 500 on it). Production collects them and serves the hashed copies instead.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The demo admin should work at once: MFA for staff is relaxed here unless asked for.
ISOKO_REQUIRE_STAFF_MFA = env.bool("ISOKO_REQUIRE_STAFF_MFA", default=False)
if not ISOKO_REQUIRE_STAFF_MFA and "test" not in sys.argv:
    warnings.warn(
        "Dev settings: MFA is NOT required for staff (set ISOKO_REQUIRE_STAFF_MFA=1 to require "
        "it). Production and test settings always require it.",
        stacklevel=1,
    )
