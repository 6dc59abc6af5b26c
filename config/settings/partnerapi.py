"""Settings of the read API for partner systems (/api/v1/, issue 17, docs/api.md). Read from the
environment; imported at the end of base.py."""

import environ

from .base import INSTALLED_APPS

env = environ.Env()

# django-ninja serves the OpenAPI document and the browsable docs. As an installed app its
# templates and static files (Swagger UI) are served from the site itself: without it, ninja's
# docs page would load Swagger UI from a CDN, which the site's policy forbids.
INSTALLED_APPS = [*INSTALLED_APPS, "ninja"]

# Requests a minute: without a token, per client address (the catalogue and impact numbers);
# with a token, per token (whatever address it comes from); and failed token checks per address,
# so nobody can try tokens quickly.
ISOKO_API_RATE_PUBLIC = env.int("ISOKO_API_RATE_PUBLIC", default=60)
ISOKO_API_RATE_TOKEN = env.int("ISOKO_API_RATE_TOKEN", default=300)
ISOKO_API_RATE_AUTH_FAILURES = env.int("ISOKO_API_RATE_AUTH_FAILURES", default=20)

# Rows per page of a list: the default, and the most a client may ask for with ?limit=.
ISOKO_API_PAGE_SIZE = env.int("ISOKO_API_PAGE_SIZE", default=50)
ISOKO_API_MAX_PAGE_SIZE = env.int("ISOKO_API_MAX_PAGE_SIZE", default=200)
