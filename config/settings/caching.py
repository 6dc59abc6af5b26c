"""Caching of public pages and the CDN in front (docs/caching.md). Imported at the end of base.py.

Every value comes from the environment; the defaults suit the embedded site and production alike.
"""

import environ

from .base import INSTALLED_APPS

env = environ.Env()

# The full-page cache (config/page_cache.py) for anonymous GETs of public pages, in this cache
# alias (Redis when REDIS_URL is set; each process's own memory otherwise, right for runserver).
ISOKO_PAGE_CACHE = env.bool("ISOKO_PAGE_CACHE", default=True)
ISOKO_PAGE_CACHE_ALIAS = "default"
# Seconds a stored page lives in our cache. Publishing drops it at once; the lifetime bounds how
# long what is not a page (a storefront going live on the showcase, a cohort opening on its
# course page) can take to show.
ISOKO_PAGE_CACHE_TIMEOUT = env.int("ISOKO_PAGE_CACHE_TIMEOUT", default=300)
# Each process also keeps the pages it served lately (at most LOCAL_ENTRIES), and trusts its copy
# of the cache's generation for LOCAL_SECONDS: most hits then cost no Redis round trip, and a
# publish on another node shows here within that time (0 turns the local copy off).
ISOKO_PAGE_CACHE_LOCAL_SECONDS = env.float("ISOKO_PAGE_CACHE_LOCAL_SECONDS", default=0.5)
ISOKO_PAGE_CACHE_LOCAL_ENTRIES = env.int("ISOKO_PAGE_CACHE_LOCAL_ENTRIES", default=256)
# Cache-Control of a public page. Browsers: max-age 0, i.e. keep it but ask again each time (a
# 304 costs a few hundred bytes): a visitor who logs in must not be shown the cached anonymous
# page ("Log in" buttons) for the next minutes, and the page carries no Vary: Cookie to tell the
# browser so. Shared caches (a CDN, Varnish): s-maxage, and they are purged on publish when
# FRONTEND_CACHE is set below, so this only bounds what is not a page, as above.
ISOKO_PAGE_CACHE_MAX_AGE = env.int("ISOKO_PAGE_CACHE_MAX_AGE", default=0)
ISOKO_PAGE_CACHE_S_MAXAGE = env.int("ISOKO_PAGE_CACHE_S_MAXAGE", default=300)
# The views whose anonymous answers are public: every Wagtail page (home, catalogue, courses,
# free-preview lessons, standard pages) and the storefront showcase.
ISOKO_PAGE_CACHE_VIEWS = frozenset(
    env.list(
        "ISOKO_PAGE_CACHE_VIEWS", default=["wagtail_serve", "showcase:index", "showcase:store"]
    )
)
# A request with one of these cookies (besides the session cookie) is served fresh: a pending
# flash message (Django's cookie message storage) must be shown, and then deleted.
ISOKO_PAGE_CACHE_BYPASS_COOKIES = ("messages",)

# ---------------------------------------------------------------------------------------------
# A CDN or Varnish in front, purged by Wagtail's frontend_cache on the same events as our cache
# (config/cache_purge.py). FRONTEND_CACHE=cloudflare|cloudfront|varnish; off when unset.
# ---------------------------------------------------------------------------------------------
# Before config, whose ready() replaces its signal handlers (config/cache_purge.py).
INSTALLED_APPS = ["wagtail.contrib.frontend_cache", *INSTALLED_APPS]

FRONTEND_CACHE = env("FRONTEND_CACHE", default="").strip().lower()
# Each translation of a page has a URL of its own (/fr/cours/…) and is purged by its own events:
# no copying every URL into every language prefix (Wagtail's default with i18n on), which would
# send five purges per URL, four for pages that do not exist.
WAGTAILFRONTENDCACHE_LANGUAGES: list[str] = []
WAGTAILFRONTENDCACHE: dict = {}
if FRONTEND_CACHE == "cloudflare":
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        # An API token with the Zone.Cache Purge permission (or the legacy e-mail + global key).
        "BEARER_TOKEN": env("CLOUDFLARE_BEARER_TOKEN", default=""),
        "EMAIL": env("CLOUDFLARE_EMAIL", default=""),
        "API_KEY": env("CLOUDFLARE_API_KEY", default=""),
        "ZONEID": env("CLOUDFLARE_ZONE_ID", default=""),
    }
    if WAGTAILFRONTENDCACHE["cloudflare"]["BEARER_TOKEN"]:
        del (
            WAGTAILFRONTENDCACHE["cloudflare"]["EMAIL"],
            WAGTAILFRONTENDCACHE["cloudflare"]["API_KEY"],
        )
    else:
        del WAGTAILFRONTENDCACHE["cloudflare"]["BEARER_TOKEN"]
elif FRONTEND_CACHE == "cloudfront":
    # Credentials come from boto3's usual chain (AWS_ACCESS_KEY_ID/…, an instance role).
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env("CLOUDFRONT_DISTRIBUTION_ID", default=""),
    }
elif FRONTEND_CACHE == "varnish":
    # Varnish (or any proxy that takes HTTP PURGE): the address Wagtail sends PURGE requests to.
    WAGTAILFRONTENDCACHE["varnish"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env("VARNISH_URL", default="http://127.0.0.1:6081"),
    }
elif FRONTEND_CACHE:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        f"FRONTEND_CACHE={FRONTEND_CACHE!r}: use cloudflare, cloudfront or varnish (or unset it)."
    )
