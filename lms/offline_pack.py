"""The offline pack of a course: every URL an enrolled learner needs to read it without a link.

``GET /learn/courses/<id>/offline/`` answers (docs/offline.md, "Saving a course")::

    {course, title, url, version, low_data, total_bytes,
     items: [{url, bytes, kind}],            # kind: page | image | document | static
     lessons: [{pk, title, url, kind}]}      # for the phone's meta.json entry

static/js/offline/save-course.js fetches each item into the cache
``isoko-course:<course pk>:<version>``.

How it is built, and what it costs:

- **Pages**: the course page (its outline) and each live lesson and quiz intro page, rendered
  once with the templates that serve them (as the requesting learner, in the course's language),
  so ``bytes`` is the size of the HTML the phone will store, give or take the learner's name and
  done ticks. Quiz attempts are online-only.
- **Images**: the renditions those pages reference. For each ``<picture>`` the first
  ``<source>`` (WebP: the one a phone's browser takes), and from its ``srcset`` the smallest
  candidate at least ``PHONE_IMAGE_WIDTH`` wide (a 400-px-wide phone at twice its density); in
  low-data mode the smallest candidate. Outside low-data mode the item also lists the srcset's
  ``candidates`` ({url, width, bytes}): the phone takes the one its browser will ask for at its
  own width and density. Sizes are read from the media storage.
- **Static files**: the stylesheets, scripts and icons the pages link, and what the stylesheets
  ``url()`` (fonts), with their sizes from the static files storage.
- **Documents**: the files the lessons offer for download (``kind: document``: the page leaves
  them out unless the learner asks); none in low-data mode.
- ``version``: a hash of the course's live pages (pk, live revision, last published), the
  language, the low-data flag and ``PACK_FORMAT``: any publish, unpublish, move or new page
  changes it, and the phone downloads the new version into a new cache.
- The pack is memoised per (course, version) in ``pack_memo``: a learner asking again, or the
  next learner, pays for the version check (one query) and the permission checks only. Building
  it renders every page once; its queries do not grow with the number of lessons without images
  (asserted in tests/offline/test_pack_queries.py).
"""

from __future__ import annotations

import copy
import hashlib
import logging
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.http import JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.documents import get_document_model

from accounts.api import wants_low_data
from core.shared_memo import SharedMemo
from courses.api import CoursePage, LessonPage, QuizPage
from lms.page_state import LearnerState
from lms.selectors import done_item_ids, enrolment_for

logger = logging.getLogger(__name__)

# Bump when what a pack holds changes (not its content): every phone then sees a new version.
PACK_FORMAT = 1
# The rendition a phone's browser picks from a srcset: a ~400 CSS px screen at 2x density.
PHONE_IMAGE_WIDTH = 800
KINDS = ("page", "image", "document", "static")

pack_memo = SharedMemo("offline-pack", max_entries=500)


def course_version(course: CoursePage, *, language: str, low_data: bool) -> str:
    """A short hash that changes whenever any page of the course is published, unpublished,
    moved, added or removed, and with the language and the low-data flag. One query."""
    rows = list(
        course.get_descendants(inclusive=True)
        .live()
        .order_by("path")
        .values_list("pk", "path", "live_revision_id", "last_published_at")
    )
    digest = hashlib.sha256(
        repr((PACK_FORMAT, language, bool(low_data), rows)).encode("utf-8")
    ).hexdigest()
    return digest[:20]


# --- reading the rendered HTML ------------------------------------------------------------


@dataclass
class _Found:
    static: list[str] = field(default_factory=list)
    # One entry per image shown: its candidates as (url, width or None), best-known first.
    images: list[list[tuple[str, int | None]]] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)


def _srcset(value: str) -> list[tuple[str, int | None]]:
    candidates = []
    for part in value.split(","):
        bits = part.strip().split()
        if not bits:
            continue
        width = None
        if len(bits) > 1 and bits[1].endswith("w") and bits[1][:-1].isdigit():
            width = int(bits[1][:-1])
        candidates.append((bits[0], width))
    return candidates


class _Assets(HTMLParser):
    """The same-origin stylesheets, scripts, icons, images and downloads of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = _Found()
        self._picture: list[tuple[str, int | None]] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("href"):
            rel = (a.get("rel") or "").lower().split()
            if {"stylesheet", "icon", "preload", "modulepreload"} & set(rel):
                self.found.static.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.found.static.append(a["src"])
        elif tag == "picture":
            self._picture = []
        elif tag == "source" and self._picture is not None:
            if not self._picture and a.get("srcset"):
                self._picture = _srcset(a["srcset"])
        elif tag == "img":
            if self._picture:
                return  # a <picture>'s fallback <img>: the browser took the first <source>
            candidates = _srcset(a["srcset"]) if a.get("srcset") else []
            if not candidates and a.get("src"):
                candidates = [(a["src"], None)]
            if self._picture is not None:
                self._picture = candidates
            elif candidates:
                self.found.images.append(candidates)
        elif tag == "a" and a.get("href"):
            href = a["href"]
            if "download" in a or urlsplit(href).path.startswith("/documents/"):
                self.found.documents.append(href)

    def handle_endtag(self, tag):
        if tag == "picture":
            if self._picture:
                self.found.images.append(self._picture)
            self._picture = None


def _local(url: str) -> str | None:
    """The path of a same-origin URL, or None (another host, data:, a fragment)."""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc:
        return None  # another origin (a CDN or S3): the worker could not cache it opaque
    if parts.scheme or url.startswith("//") or not parts.path.startswith("/"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _pick(candidates: list[tuple[str, int | None]], low_data: bool) -> str:
    widths = [c for c in candidates if c[1] is not None]
    if not widths:
        return candidates[0][0]
    widths.sort(key=lambda c: c[1])
    if low_data:
        return widths[0][0]
    for url, width in widths:
        if width >= PHONE_IMAGE_WIDTH:
            return url
    # A small original: several specs give the same width; the first names the smallest spec.
    largest = widths[-1][1]
    return next(url for url, width in widths if width == largest)


# --- sizes --------------------------------------------------------------------------------


def _static_size(path: str) -> int | None:
    name = unquote(path.split("?", 1)[0][len(settings.STATIC_URL) :])
    try:
        return staticfiles_storage.size(name)
    except Exception:  # noqa: BLE001 - not collected (dev): the finders know the source file
        found = finders.find(name)
        if found:
            import os

            return os.path.getsize(found)
    return None


def _media_size(path: str) -> int | None:
    name = unquote(path.split("?", 1)[0][len(settings.MEDIA_URL) :])
    try:
        return default_storage.size(name)
    except Exception:  # noqa: BLE001 - a rendition missing from storage: logged, left out
        logger.warning("offline pack: no size for media file %s", name)
        return None


_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


def _css_urls(path: str) -> list[str]:
    """The url()s of one of our stylesheets (fonts, images), made absolute."""
    name = unquote(path.split("?", 1)[0][len(settings.STATIC_URL) :])
    try:
        with staticfiles_storage.open(name) as handle:
            text = handle.read().decode("utf-8", "replace")
    except Exception:  # noqa: BLE001
        found = finders.find(name)
        if not found:
            return []
        with open(found, encoding="utf-8", errors="replace") as handle:
            text = handle.read()
    base = path.rsplit("/", 1)[0] + "/"
    urls = []
    for ref in _CSS_URL.findall(text):
        if ref.startswith("data:") or ref.startswith("#"):
            continue
        urls.append(ref if ref.startswith("/") else base + ref)
    return urls


def _document_sizes(paths: list[str]) -> dict[str, int]:
    """/documents/<id>/<name> → the document's size; one query for all."""
    ids = {}
    for path in paths:
        bits = path.split("/")
        if len(bits) > 2 and bits[2].isdigit():
            ids[path] = int(bits[2])
    sizes = {}
    documents = get_document_model().objects.filter(pk__in=set(ids.values()))
    by_pk = {doc.pk: doc for doc in documents}
    for path, pk in ids.items():
        document = by_pk.get(pk)
        if document is None:
            continue
        size = document.file_size
        if size is None:
            try:
                size = document.file.size
            except Exception:  # noqa: BLE001
                continue
        sizes[path] = size
    return sizes


# --- building the pack --------------------------------------------------------------------


def _render(page, request, state: LearnerState) -> str:
    """The page's HTML as its view renders it for this learner, without the view's side effects
    (no "last viewed" is recorded, no flash message is consumed)."""
    sub = copy.copy(request)
    sub.lms = state
    sub._messages = []  # noqa: SLF001 - the learner's pending messages stay pending
    context = page.get_context(sub)
    return render_to_string(page.get_template(sub), context, request=sub)


def build_pack(course: CoursePage, request, enrolment, *, version: str, low_data: bool) -> dict:
    done = done_item_ids(learner=request.user, course_ids=[course.pk])
    items_pages = list(
        course.get_descendants().live().type(LessonPage, QuizPage).order_by("path").specific()
    )
    pages: list[tuple[object, str]] = []
    lessons = []
    for page in [course, *items_pages]:
        # The lessons' course is this one: no query per page to find it (courses.selectors).
        page.__dict__["_isoko_course_of"] = course
        state = LearnerState(course=course, enrolment=enrolment, done=done)
        html = _render(page, request, state)
        url = page.get_url(request)
        pages.append((url, html))
        if page is not course:
            lessons.append(
                {
                    "pk": page.pk,
                    "title": page.title,
                    "url": url,
                    "kind": getattr(page, "outline_kind", "lesson"),
                }
            )

    items: list[dict] = []
    seen: set[str] = set()

    def add(url: str, size: int | None, kind: str) -> None:
        if url in seen or size is None:
            return
        seen.add(url)
        items.append({"url": url, "bytes": int(size), "kind": kind})

    statics: list[str] = []
    images: list[tuple[str, list[tuple[str, int | None]]]] = []
    documents: list[str] = []
    for url, html in pages:
        add(url, len(html.encode("utf-8")), "page")
        parser = _Assets()
        parser.feed(html)
        parser.close()
        statics += [p for p in map(_local, parser.found.static) if p]
        for candidates in parser.found.images:
            local = [(p, w) for p, w in ((_local(u), w) for u, w in candidates) if p]
            if local:
                images.append((_pick(local, low_data), local))
        documents += [p for p in map(_local, parser.found.documents) if p]

    for path in dict.fromkeys(statics):
        if not path.startswith(settings.STATIC_URL):
            continue
        add(path, _static_size(path), "static")
        if path.split("?", 1)[0].endswith(".css"):
            for ref in _css_urls(path):
                if ref.startswith(settings.STATIC_URL):
                    add(ref, _static_size(ref), "static")
    for path, candidates in images:
        if path in seen or not path.startswith(settings.MEDIA_URL):
            continue
        add(path, _media_size(path), "image")
        if len(candidates) > 1 and not low_data and items[-1]["url"] == path:
            # The phone picks from these by its own width and density (save-course.js), as its
            # browser will when it shows the page offline.
            items[-1]["candidates"] = [
                {"url": url, "width": width, "bytes": size}
                for url, width in candidates
                if url.startswith(settings.MEDIA_URL) and (size := _media_size(url)) is not None
            ]
    if not low_data and documents:
        sizes = _document_sizes(list(dict.fromkeys(documents)))
        for path in dict.fromkeys(documents):
            add(path, sizes.get(path), "document")

    return {
        "course": course.pk,
        "title": course.title,
        "url": course.get_url(request),
        "version": version,
        "low_data": bool(low_data),
        "total_bytes": sum(item["bytes"] for item in items),
        "items": items,
        "lessons": lessons,
    }


def _error(message: str, code: str, status: int) -> JsonResponse:
    response = JsonResponse({"error": message, "code": code}, status=status)
    patch_cache_control(response, private=True, no_cache=True)
    return response


@require_GET
def course_pack(request, course_id: int):
    """The offline pack of a course, for its enrolled learners only (JSON; errors as JSON)."""
    if not request.user.is_authenticated:
        return _error(_("Log in to save this course on your phone."), "login_required", 401)
    course = CoursePage.objects.live().select_related("locale").filter(pk=course_id).first()
    if course is None:
        return _error(_("There is no such course."), "not_found", 404)
    enrolment = enrolment_for(learner=request.user, course=course)
    if enrolment is None:
        return _error(
            _("Only learners enrolled in this course may save it for offline use."),
            "not_enrolled",
            403,
        )
    low_data = wants_low_data(request)
    language = course.locale.language_code
    with translation.override(language):
        version = course_version(course, language=language, low_data=low_data)
        pack = pack_memo.get(
            (course.pk, version),
            lambda: build_pack(course, request, enrolment, version=version, low_data=low_data),
        )
    response = JsonResponse(pack)
    patch_cache_control(response, private=True, no_cache=True)
    return response
