"""The installable web app: the service worker at /sw.js, the manifest and the offline page.

The worker is hand-written (static/js/offline/sw.js, about 300 lines); docs/offline.md says why
not Workbox. This module serves it from the site root, so its scope can be the whole site, with
the version and the URLs it pre-caches written in at the top. The version is a hash of the
worker's source and of the content of every file under the project's static folder: editing any
of them installs a new worker, whose ``activate`` drops the old ``isoko-static-v*`` cache (and
nothing else: the saved courses and the learner's pages stay).

Nothing on the server depends on the worker: with JavaScript off, or a browser without service
workers, every page works as before.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

SW_SOURCE = Path(settings.BASE_DIR) / "static" / "js" / "offline" / "sw.js"
STATIC_ROOT_DIR = Path(settings.BASE_DIR) / "static"
OFFLINE_TEMPLATES = tuple(
    Path(settings.BASE_DIR) / "templates" / name
    for name in ("base.html", "pwa/offline.html", "pwa/sync_status.html")
)
# Pre-cached at install: what every offline page needs to look like the site. Fonts are for the
# PDFs (WeasyPrint), never loaded by a page, so they are not here.
PRECACHE_STATIC = (
    "css/isoko.css",
    "img/favicon.svg",
    "img/icons/icon-192.png",
    "js/offline/register.js",
    "js/offline/status.js",
    "js/offline/offline-page.js",
    # Loaded on every learner's page (the queued steps and the quiz answers kept on the phone):
    # a page opened from the caches needs them even if it was never opened since the install.
    "js/offline/queue.js",
    "js/quiz.js",
)
# Static folders the worker keeps cache-first. Wagtail's and Django's admin files are not in
# them: the admin is never served from the worker's caches.
CACHED_STATIC_PREFIXES = ("css/", "js/", "img/")
THEME_COLOR = "#0b5d3b"
BACKGROUND_COLOR = "#ffffff"


def owner_token(user) -> str:
    """Who the pages of this response belong to, as the worker and register.js compare it: a
    keyed hash of the user's id (stable, says nothing about who it is), "" for a visitor."""
    if user is None or not user.is_authenticated:
        return ""
    return salted_hmac("isoko.offline.owner", str(user.pk)).hexdigest()[:20]


@functools.lru_cache(maxsize=8)
def _content_hash(stats: tuple) -> str:
    digest = hashlib.sha256()
    for relative, _size, _mtime in stats:
        digest.update(relative.encode() + b"\0")
        digest.update((STATIC_ROOT_DIR / relative).read_bytes())
    return digest.hexdigest()


def static_version() -> str:
    """A hash of every file under static/ (and its name): any edit gives a new one. The files'
    sizes and times pick the memo, so a process hashes their content (3.5 MB, mostly the PDF
    fonts: about 10 ms) once per change, not per request."""
    stats = tuple(
        sorted(
            (str(path.relative_to(STATIC_ROOT_DIR)), stat.st_size, stat.st_mtime_ns)
            for path in STATIC_ROOT_DIR.rglob("*")
            if path.is_file() and (stat := path.stat())
        )
    )
    return _content_hash(stats)


def worker_version(source: bytes, urls: tuple[str, ...] = ()) -> str:
    """Changes with the worker, any static file, the templates of the offline page it stores,
    or the URLs it pre-caches (hashed names under the manifest storage of production)."""
    digest = hashlib.sha256(source + static_version().encode())
    digest.update("\n".join(urls).encode())
    for template in OFFLINE_TEMPLATES:
        digest.update(template.read_bytes())
    return digest.hexdigest()[:12]


def _offline_urls() -> dict[str, str]:
    """The offline page of each language: the worker shows the one of the page that failed
    (it stores the default language's at install, and the language a page is read in when
    register.js asks)."""
    urls = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            urls[code] = reverse("offline")
    return urls


@require_safe
def service_worker(request):
    """/sw.js: the worker, from the site root so that its scope is the whole site.

    ``no-cache``: the browser asks again each time it checks for an update (a 304-free, small
    answer), so a new version is never hidden behind an HTTP cache.
    """
    source = SW_SOURCE.read_bytes()
    urls = [static(name) for name in PRECACHE_STATIC]
    config = {
        "version": worker_version(source, tuple(urls)),
        "static": urls,
        "staticPrefixes": [settings.STATIC_URL + prefix for prefix in CACHED_STATIC_PREFIXES],
        "offline": _offline_urls(),
        "languages": [code for code, _name in settings.LANGUAGES],
        "defaultLanguage": settings.LANGUAGE_CODE,
    }
    body = b"self.ISOKO_SW = " + json.dumps(config).encode() + b";\n" + source
    response = HttpResponse(body, content_type="application/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


@require_safe
@cache_control(max_age=3600, public=True)
def manifest(request):
    """/manifest.webmanifest, in the visitor's language (the page links it with ?lang=)."""
    language = request.GET.get("lang", "")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        data = {
            "name": _("Isoko — digital-trade academy"),
            "short_name": "Isoko",
            "description": _(
                "Free e-commerce courses for Rwandan entrepreneurs, policymakers and "
                "academics. Save a course and learn without a connection."
            ),
            "lang": language,
            "dir": "rtl" if translation.get_language_bidi() else "ltr",
            "id": "/dashboard/",
            "start_url": reverse("dashboard"),
            "scope": "/",
            "display": "standalone",
            "orientation": "portrait",
            "theme_color": THEME_COLOR,
            "background_color": BACKGROUND_COLOR,
            "categories": ["education", "business"],
            "icons": [
                {"src": static("img/icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
                {"src": static("img/icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
                {
                    "src": static("img/icons/maskable-512.png"),
                    "sizes": "512x512",
                    "type": "image/png",
                    "purpose": "maskable",
                },
            ],
        }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False), content_type="application/manifest+json"
    )
    response["Vary"] = "Accept-Encoding"
    return response


@require_safe
def offline(request):
    """The page the worker shows for a page that was never saved, when the link is down.

    The worker fetches it without cookies at install, so the stored copy is nobody's: no name,
    no messages taken from the session, no CSRF token. What is available offline is listed by
    static/js/offline/register.js from the phone's own caches.
    """
    response = render(request, "pwa/offline.html")
    response["Cache-Control"] = "no-cache"
    return response


# Logging out clears the learner's offline data: the pages, saved courses and certificates in
# the worker's caches, and the queued steps in IndexedDB. Clear-Site-Data does it in the browser
# (Chromium, Firefox; Safari takes "cache" only); register.js does it again on the next page,
# for the browsers that ignore the header.
CLEAR_SITE_DATA = '"cache", "storage"'


def accounts_logout(request, *args, **kwargs):
    """allauth's logout view, plus ``Clear-Site-Data`` on the answer that logged someone out.

    Only then: a GET shows the confirmation page, and a visitor who was not logged in has no
    learner data on the phone to clear.
    """
    from allauth.account.views import logout

    was_authenticated = request.user.is_authenticated
    response = logout(request, *args, **kwargs)
    if was_authenticated and not request.user.is_authenticated:
        response["Clear-Site-Data"] = CLEAR_SITE_DATA
    return response
