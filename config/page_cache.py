"""The full-page cache: public pages served to anonymous visitors from the ``default`` cache
(Redis in production), with the HTTP headers that let a browser, a CDN or Varnish keep them too.

Why a middleware of our own (about 200 lines), not one of the two ready-made ones:

- **wagtail-cache** (3.0.0, the newest on PyPI) requires ``wagtail<8.0``: it does not install
  beside Wagtail 8.
- **Django's cache middleware** keys every entry on the request headers named in ``Vary``; our
  pages vary on ``Cookie`` (the session decides who is logged in), so every visitor with any
  cookie (an analytics cookie, the CSRF cookie a login form left) gets an entry of their own, and
  it refuses to store any response that sets a cookie. It cannot "bypass on the session cookie,
  share across every other cookie", which is the rule a public page needs, has no purge by page,
  and would compress every hit again.

What this one does, before the session, authentication, locale, CSRF and Wagtail's routing run,
in at most one Redis round trip per hit (``get_many`` of the entry and the current generation),
and mostly none: each process keeps the pages it served lately and trusts its copy of the
generation for ``ISOKO_PAGE_CACHE_LOCAL_SECONDS`` (0.5 s), so another node's purge shows within
that time and this process's own at once:

- **Which requests**: GET and HEAD, without the session cookie or a pending ``messages`` cookie
  (``ISOKO_PAGE_CACHE_BYPASS_COOKIES``); other cookies do not fragment the cache. Only paths
  that resolve to a public view (``ISOKO_PAGE_CACHE_VIEWS``: Wagtail's page view and the
  storefront showcase) are looked up, so ``/robots.txt``, the admin and the account pages never
  pay for a lookup. The key is the URL, and whether the request says ``Save-Data: on`` (only
  that value counts, ``core.http.save_data_on``): a low-data visitor and the others never
  share an entry.
- **Which responses are stored**: a 200 HTML answer from one of those views, to a visitor who is
  not logged in, that sets no cookie, did not use the CSRF token, is not an editor's preview, did
  not choose its language from the visitor (``config.negotiation``), and says nothing against it
  in its own ``Cache-Control``. Everything else to those views (a logged-in learner's page, a
  password-protected page's form) is marked ``private, no-cache``: no shared cache keeps it.
- **Headers of a public page**: ``Cache-Control: public, max-age=ISOKO_PAGE_CACHE_MAX_AGE,
  s-maxage=ISOKO_PAGE_CACHE_S_MAXAGE``, a weak ``ETag`` (a hash of the HTML) and
  ``Last-Modified`` (when the entry was rendered: a purge drops every entry, so no content it
  shows is newer; a page's own ``last_published_at`` would be wrong for the catalogue, whose
  courses change without it), and ``Vary: Accept-Encoding`` only, plus ``Save-Data`` on a
  page that depends on it (low-data mode: home, course pages and lessons). The language is in
  the URL, so not ``Accept-Language``; the session cookie is a bypass, so not ``Cookie``
  (docs/caching.md says how a CDN bypasses on it). ``If-None-Match`` and ``If-Modified-Since``
  are answered with 304.
- **Compression**: an entry holds the HTML, its gzip and its brotli, compressed once when
  stored, so a hit compresses nothing (a free-preview lesson: 11.5 KB → 4.2 KB gzipped, 3.3 KB
  in brotli, docs/caching.md). ``Accept-Encoding`` picks one (q-values honoured): brotli when
  accepted, else gzip, else the HTML itself; the ETag is weak, the same for every encoding of
  the same HTML. An anonymous page carries no secret (no CSRF token, no session data), so a
  compression made once and shared leaks nothing to BREACH. Pages that are not shared keep
  Django's GZipMiddleware, whose random header bytes mitigate BREACH; brotli has no such field,
  so a page with a secret is never brotli-compressed.
- **Purge**: every entry carries the cache's *generation*; publishing, unpublishing, moving,
  deleting or translating any page sets a new one (``purge``), which drops every entry at once
  on every node sharing the cache. Which pages show a given page is open-ended (the catalogue,
  home, a course's outline on each of its lessons, prerequisites on other courses), and
  publishing is rare next to reading, so "all of it" is both exact and cheap: each page costs
  one render after a publish. The generation is bumped at once and again after the commit: a
  render that started before the commit stored the old generation, so it is never served.
  ``config.cache_purge`` connects the signals and purges a CDN through Wagtail's
  ``frontend_cache``.

With ``LocMemCache`` (the embedded default, ``make run``) the cache is the process's own, right
for runserver's single process; a server with several processes needs a shared cache (production
requires ``REDIS_URL``).
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import re
import threading
import time
import uuid
from collections import OrderedDict

import brotli
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse, HttpResponseNotModified
from django.urls import Resolver404, get_resolver
from django.utils import translation
from django.utils.cache import cc_delim_re
from django.utils.http import http_date, parse_etags, parse_http_date_safe

from core.http import save_data_on

GENERATION_KEY = "pagecache:generation"
ENTRY_PREFIX = "pagecache:page:"
# Response headers the entry keeps: the rest are set per response (length, encoding, caching),
# or added by the middleware outside this one on every response (security headers, CSP).
_DROPPED = {
    "content-length",
    "content-encoding",
    "vary",
    "cache-control",
    "etag",
    "last-modified",
    "expires",
    "set-cookie",
}
# Vary headers a public page may carry and still be shared: the session cookie bypasses the
# cache, the language is in the URL, each encoding is served from the entry, and the two
# Save-Data variants (low-data mode, accounts/low_data.py) have an entry each (``_key``).
_SHAREABLE_VARY = {"cookie", "accept-language", "accept-encoding", "save-data"}
_BASE_VARY = "Accept-Encoding"
_SAVE_DATA_VARY = "Accept-Encoding, Save-Data"
_CODING = re.compile(r"^\s*([A-Za-z0-9*_.+-]+)\s*(?:;\s*q\s*=\s*([^\s,;]*))?", re.IGNORECASE)
# RFC 9110's qvalue: 0 to 1 with at most three decimals. Anything else counts as a refusal.
_QVALUE = re.compile(r"^(?:0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?)$")
# Quality 11 (brotli's densest): compressed once per stored page, served many times; measured
# in docs/caching.md ("Compression").
BROTLI_QUALITY = 11
_REFUSING = {"private", "no-store", "no-cache"}


def page_cache():
    return caches[settings.ISOKO_PAGE_CACHE_ALIAS]


def purge() -> None:
    """Drop every cached page, on every node that shares the cache (a new generation)."""
    generation = uuid.uuid4().hex
    page_cache().set(GENERATION_KEY, generation, None)
    _local.reset(generation)


class _Local:
    """This process's copy of the pages it served lately and of the generation, trusted for
    ``ISOKO_PAGE_CACHE_LOCAL_SECONDS``: a hit then costs no round trip at all. Another node's
    purge reaches this process within that time (this process's own, at once)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.entries: OrderedDict[str, Entry] = OrderedDict()
        self.generation = None
        self.checked = 0.0

    def reset(self, generation=None) -> None:
        with self.lock:
            self.entries.clear()
            self.generation = generation
            self.checked = time.monotonic() if generation is not None else 0.0

    def get(self, key: str) -> Entry | None:
        seconds = settings.ISOKO_PAGE_CACHE_LOCAL_SECONDS
        if seconds <= 0 or time.monotonic() - self.checked > seconds:
            return None
        entry = self.entries.get(key)
        return entry if entry is not None and entry.generation == self.generation else None

    def seen(self, generation) -> None:
        """The shared cache's generation, as just read."""
        with self.lock:
            if generation != self.generation:
                self.entries.clear()
                self.generation = generation
            self.checked = time.monotonic()

    def put(self, key: str, entry: Entry) -> None:
        if settings.ISOKO_PAGE_CACHE_LOCAL_SECONDS <= 0 or entry.generation != self.generation:
            return
        with self.lock:
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > settings.ISOKO_PAGE_CACHE_LOCAL_ENTRIES:
                self.entries.popitem(last=False)


_local = _Local()


@functools.lru_cache(maxsize=4096)
def _view_name(urlconf: str, path: str) -> str | None:
    """The name of the view ``path`` resolves to, in the language of its own prefix (cached:
    a page resolves to the same view until the URLconf changes, which renews the process)."""
    language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            return get_resolver(urlconf).resolve(path).view_name
        except Resolver404:
            return None


@functools.lru_cache(maxsize=256)
def negotiated_encoding(accept_encoding: str, codings=("br", "gzip")) -> str | None:
    """``"br"``, ``"gzip"`` or None (the HTML itself) for an ``Accept-Encoding`` header: brotli
    when the client accepts it, gzip otherwise, each unless refused with ``q=0`` (RFC 9110,
    12.5.3); ``*`` stands for any coding not named. ``codings``: those on offer, by preference.
    Cached: browsers send a handful of values."""
    named: dict[str, float] = {}
    for part in accept_encoding.split(",")[:32]:
        match = _CODING.match(part)
        if match is None:
            continue
        raw_q = match.group(2)
        q = 1.0 if raw_q is None else float(raw_q) if _QVALUE.match(raw_q) else 0.0
        named[match.group(1).lower()] = q
    wildcard = named.get("*", 0.0)
    for coding in codings:
        if named.get(coding, wildcard) > 0:
            return coding
    return None


class Entry:
    """A stored page: what any visitor gets for it, in each encoding."""

    __slots__ = (
        "generation",
        "headers",
        "html",
        "gzipped",
        "etag",
        "last_modified",
        "vary",
        "brotli",
    )

    def __init__(
        self,
        *,
        generation,
        headers,
        html,
        gzipped,
        etag,
        last_modified,
        vary=_BASE_VARY,
        brotli=None,
    ):
        self.generation = generation
        self.headers = headers
        self.html = html
        self.gzipped = gzipped
        self.etag = etag
        self.last_modified = last_modified
        # The Vary header it is served with: Save-Data too when the page depended on it.
        self.vary = vary
        # None in an entry stored before brotli: served gzipped until it expires.
        self.brotli = brotli

    # Pickled into the cache as a plain tuple: smaller and faster than the object's dict.
    def __reduce__(self):
        return (
            _entry,
            (
                self.generation,
                self.headers,
                self.html,
                self.gzipped,
                self.etag,
                self.last_modified,
                self.vary,
                self.brotli,
            ),
        )


# ``vary`` and ``brotli`` have defaults: an entry pickled before they existed still loads.
def _entry(
    generation, headers, html, gzipped, etag, last_modified, vary=_BASE_VARY, brotli=None
) -> Entry:
    return Entry(
        generation=generation,
        headers=headers,
        html=html,
        gzipped=gzipped,
        etag=etag,
        last_modified=last_modified,
        vary=vary,
        brotli=brotli,
    )


def public_cache_control() -> str:
    return (
        f"public, max-age={settings.ISOKO_PAGE_CACHE_MAX_AGE}, "
        f"s-maxage={settings.ISOKO_PAGE_CACHE_S_MAXAGE}"
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._candidate(request):
            response = self.get_response(request)
            self._mark_private(request, response)
            return response
        key = generation = None
        if settings.ISOKO_PAGE_CACHE:
            key = self._key(request)
        if key is not None:
            entry = _local.get(key)
            if entry is not None:
                return self._serve(request, entry, "hit")
            cache = page_cache()
            found = cache.get_many([GENERATION_KEY, key])
            generation = found.get(GENERATION_KEY)
            if generation is None:
                cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
                generation = cache.get(GENERATION_KEY)
            _local.seen(generation)
            entry = found.get(key)
            if entry is not None and entry.generation == generation:
                _local.put(key, entry)
                return self._serve(request, entry, "hit")
        response = self.get_response(request)
        if not self._storable(request, response):
            self._mark_private(request, response)
            return response
        # A HEAD gets the public headers; only a GET's body is kept.
        store = key is not None and request.method == "GET"
        # Brotli 11 costs milliseconds (docs/caching.md): worth it once per stored entry, not
        # on every response when the cache is off; those are served gzipped.
        entry = self._make_entry(request, response, generation, with_brotli=store)
        if store:
            page_cache().set(key, entry, settings.ISOKO_PAGE_CACHE_TIMEOUT)
            _local.put(key, entry)
            return self._serve(request, entry, "miss")
        return self._serve(request, entry, "off" if key is None else "pass")

    # -- which requests --------------------------------------------------------------------
    def _candidate(self, request) -> bool:
        if request.method not in ("GET", "HEAD"):
            return False
        cookies = request.COOKIES
        # A cookie with a value: a deleted one may linger empty in a client that ignores expiry.
        if any(cookies.get(name) for name in self._bypass_cookies()):
            return False
        urlconf = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
        return _view_name(urlconf, request.path_info) in settings.ISOKO_PAGE_CACHE_VIEWS

    @staticmethod
    def _bypass_cookies():
        return (settings.SESSION_COOKIE_NAME, *settings.ISOKO_PAGE_CACHE_BYPASS_COOKIES)

    @staticmethod
    def _key(request) -> str | None:
        try:
            host = request.get_host()
        except DisallowedHost:
            return None
        url = f"{request.scheme}://{host}{request.get_full_path()}"
        # A visitor whose browser saves data (``Save-Data: on``, and only that) has entries of
        # their own: a low-data page is never served to anyone else, nor a full one to them.
        # A page that does not depend on it is simply stored twice; a purge drops both.
        variant = "|save-data" if save_data_on(request) else ""
        return ENTRY_PREFIX + hashlib.sha256((url + variant).encode()).hexdigest()

    # -- which responses -------------------------------------------------------------------
    @staticmethod
    def _storable(request, response) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if getattr(request, "is_dummy", False) or getattr(
            request, "language_follows_visitor", False
        ):
            return False
        match = request.resolver_match
        if match is None or match.view_name not in settings.ISOKO_PAGE_CACHE_VIEWS:
            return False
        # The CSRF token was used (a form that posts): the page is this visitor's own.
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return False
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return False
        if not response.get("Content-Type", "").startswith("text/html"):
            return False
        directives = {
            d.split("=")[0].strip().lower()
            for d in cc_delim_re.split(response.get("Cache-Control", ""))
        }
        if directives & _REFUSING:
            return False
        vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v}
        return vary <= _SHAREABLE_VARY

    @staticmethod
    def _mark_private(request, response) -> None:
        """A page of a public view that is not shared (a learner's, a form's): private."""
        match = getattr(request, "resolver_match", None)
        if (
            match is not None
            and match.view_name in settings.ISOKO_PAGE_CACHE_VIEWS
            and not response.has_header("Cache-Control")
        ):
            response["Cache-Control"] = "private, no-cache"

    @staticmethod
    def _make_entry(request, response, generation, *, with_brotli: bool = True) -> Entry:
        html = response.content
        if response.get("Content-Encoding") == "gzip":  # GZipMiddleware, further in
            html = gzip.decompress(html)
        headers = tuple((k, v) for k, v in response.items() if k.lower() not in _DROPPED)
        # What the response says, and what the view said it read (core.http.varies_on, which
        # VaryMiddleware, outside this one, adds to the response later).
        vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v}
        vary |= {v.lower() for v in getattr(request, "varies_on", ())}
        return Entry(
            generation=generation,
            headers=headers,
            html=html,
            gzipped=gzip.compress(html, compresslevel=9, mtime=0),
            brotli=(
                brotli.compress(html, quality=BROTLI_QUALITY, mode=brotli.MODE_TEXT)
                if with_brotli
                else None
            ),
            etag=f'W/"{hashlib.md5(html, usedforsecurity=False).hexdigest()}"',
            last_modified=int(time.time()),
            vary=_SAVE_DATA_VARY if "save-data" in vary else _BASE_VARY,
        )

    # -- the answer ------------------------------------------------------------------------
    @staticmethod
    def _not_modified(request, entry: Entry) -> bool:
        if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
        if if_none_match:
            etags = parse_etags(if_none_match)
            bare = entry.etag.removeprefix("W/")
            return "*" in etags or any(tag.removeprefix("W/") == bare for tag in etags)
        since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
        return since is not None and entry.last_modified <= since

    def _serve(self, request, entry: Entry, state: str) -> HttpResponse:
        if self._not_modified(request, entry):
            response = HttpResponseNotModified()
        else:
            encoding = negotiated_encoding(
                request.META.get("HTTP_ACCEPT_ENCODING", ""),
                ("br", "gzip") if entry.brotli is not None else ("gzip",),
            )
            body = {"br": entry.brotli, "gzip": entry.gzipped}.get(encoding) or entry.html
            response = HttpResponse(b"" if request.method == "HEAD" else body)
            for name, value in entry.headers:
                response.headers[name] = value
            response["Content-Length"] = str(len(body))
            if encoding is not None:
                response["Content-Encoding"] = encoding
        response["Cache-Control"] = public_cache_control()
        response["Vary"] = entry.vary
        response["ETag"] = entry.etag
        response["Last-Modified"] = http_date(entry.last_modified)
        response["X-Page-Cache"] = state
        return response
