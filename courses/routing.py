"""Page routing in one query instead of two per URL segment.

Wagtail finds the page for ``/courses/<course>/<module>/<lesson>/`` with, in order: a query for
the Site of the host, one for the active Locale, one for the home page's specific row, then two
per segment (the child by slug, then its specific row): 12 of the 21 queries of a free-preview
lesson, measured for issue 15. Here:

- the Site, its home page in each language and the Locale ids are kept in a process-local memo
  (core.shared_memo) that every node drops within a second of a Site, Locale or home page change
  (receivers below);
- the page is read in one query by its ``url_path`` (the home page's, plus the path), from its
  own table: which page type lives at a path is remembered per process, and a wrong guess (the
  page was moved, deleted or replaced) finds nothing and falls back to Wagtail's own routing, so
  the remembered type needs no invalidation;
- the page read, with its view restrictions' rows, is kept per process under the content token
  (any page or view restriction change replaces it at once and after commit), which is read
  from the shared cache on every request: a copy is served only while nothing changed, on any
  node, since it was read (``_page_at``);
- nothing here decides who may see a page: ``live`` and the restrictions are checked on rows
  read in this request or kept under the token read in this request (as fresh as a read), and
  whom a restriction admits and the learner checks (lms.page_state) are decided per request.

The result is handed to Wagtail's serve view through the attributes it caches per request
(``request._wagtail_site``, ``request._wagtail_route_for_request``,
``request._wagtail_cached_site_root_paths``), so hooks, ``serve()``, ``{% pageurl %}`` and
``Page.find_for_request`` all see the same Site and page without asking again.
"""

from __future__ import annotations

import copy
import uuid
from functools import cache as memoize
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import Http404
from django.http.request import split_domain_port
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Locale, Page, Site, get_page_models
from wagtail.models.sites import get_site_for_hostname
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.url_routing import RouteResult

from core.shared_memo import SharedMemo
from courses.models.restrictions import OneQueryViewRestrictions

routing_memo = SharedMemo("routing")
# Which page model serves a url_path. Never invalidated: a stale entry only costs a fallback.
_models_by_url_path: dict[str, type[Page]] = {}
_MAX_REMEMBERED_PATHS = 50_000
# The pages themselves, each under the content token it was read with (_page_at): the lesson
# query was the enrolled lesson's largest single cost once the learner's state was cached
# (16% of its CPU, the ORM building a two-table query of ~40 columns). A bound, since a page
# holds its body: past it the dict starts again empty.
_pages_by_url_path: dict[str, tuple[str, Page, list]] = {}
_MAX_REMEMBERED_PAGES = 1000

_SITE_FIELDS = ("id", "hostname", "port", "site_name", "root_page_id", "is_default_site")
# The base Page fields routing and URL building read; the page served is read in full.
_ROOT_FIELDS = (
    "id",
    "path",
    "depth",
    "numchild",
    "translation_key",
    "locale_id",
    "live",
    "title",
    "slug",
    "content_type_id",
    "url_path",
    "alias_of_id",
)


@memoize
def _every_page_routes_by_default() -> bool:
    """Whether every page type routes like wagtail.Page (no RoutablePageMixin, no own route()):
    only then does the page at a url_path answer that path."""
    return all(model.route is Page.route for model in get_page_models())


def _values(instance, fields) -> tuple:
    return tuple(getattr(instance, name) for name in fields)


def _site_values(hostname: str, port: int):
    try:
        site = get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None
    return _values(site, _SITE_FIELDS), _values(site.root_page, _ROOT_FIELDS)


def _locale_id(language_code: str) -> int | None:
    try:
        return Locale.objects.get_for_language(language_code).pk
    except (Locale.DoesNotExist, LookupError):
        return None


def _translation_values(root_values: tuple, locale_id: int):
    """The live translation of the home page in this locale (as ``Page.localized``), or None."""
    translation_key = root_values[_ROOT_FIELDS.index("translation_key")]
    page = (
        Page.objects.filter(translation_key=translation_key, locale_id=locale_id, live=True)
        .only(*_ROOT_FIELDS)
        .first()
    )
    return None if page is None else _values(page, _ROOT_FIELDS)


def _root_page(values: tuple) -> Page:
    # A new instance per request: a shared one would keep its cached .specific across requests.
    return Page.from_db("default", _ROOT_FIELDS, values)


def site_for_request(request) -> Site | None:
    """``Site.find_for_request`` from the memo, cached on the request the way Wagtail does."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    found = routing_memo.get(("site", hostname, port), lambda: _site_values(hostname, port))
    site = None
    if found is not None:
        site_values, root_values = found
        site = Site.from_db("default", _SITE_FIELDS, site_values)
        site.root_page = _root_page(root_values)
        site._isoko_root_values = root_values
    request._wagtail_site = site
    if not hasattr(request, "_wagtail_cached_site_root_paths"):
        request._wagtail_cached_site_root_paths = routing_memo.get(
            "root_paths", Site.get_site_root_paths
        )
    return site


def _active_locale_id() -> int | None:
    """``Locale.get_active()``'s id: the active language's locale, else the default one's."""
    for language in (translation.get_language(), settings.LANGUAGE_CODE):
        if language:
            locale_id = routing_memo.get(("locale", language), partial(_locale_id, language))
            if locale_id is not None:
                return locale_id
    return None


def localized_root(site: Site) -> Page:
    """``site.root_page.localized``: the home page in the active language if it has a live one."""
    root_values = site._isoko_root_values
    locale_id = _active_locale_id()
    if locale_id is None or locale_id == root_values[_ROOT_FIELDS.index("locale_id")]:
        return site.root_page
    localized = routing_memo.get(
        ("root", root_values[0], locale_id), lambda: _translation_values(root_values, locale_id)
    )
    return site.root_page if localized is None else _root_page(localized)


def _remember(url_path: str, model: type[Page]) -> None:
    if len(_models_by_url_path) >= _MAX_REMEMBERED_PATHS:
        _models_by_url_path.clear()
    _models_by_url_path[url_path] = model


def route_for_request(request, path: str) -> RouteResult | None:
    """What ``Page.route_for_request`` returns, in one query for a page seen before."""
    site = site_for_request(request)
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    if not hasattr(site, "_isoko_root_values"):  # a Site someone else put on the request
        return site.root_page.localized.specific.route(request, components)
    root = localized_root(site)
    if not components or not _every_page_routes_by_default():
        return root.specific.route(request, components)
    url_path = root.url_path + "".join(f"{component}/" for component in components)
    model = _models_by_url_path.get(url_path)
    if model is not None:
        page = _page_at(model, url_path, components[-1])
        if page is not None and page.path.startswith(root.path):
            if not page.live:
                raise Http404
            return RouteResult(page)
    result = root.specific.route(request, components)
    page = result[0]
    if page.url_path == url_path and not result[1] and not result[2]:
        _remember(url_path, type(page))
    return result


def _page_at(model: type[Page], url_path: str, slug: str) -> Page | None:
    """The page of ``model`` at ``url_path``: a copy of the one read before while the content
    token has not changed since, else read (one query) and kept under the token.

    The token is the outline memo's (courses.selectors), which any page saved, published,
    unpublished, moved or deleted, and any view restriction saved or deleted, replaces at once
    and again after the transaction commits. The page's view restrictions are kept with it. It
    is read from the shared cache on every request, not from the memo's per-second recheck: a
    change made on any node is seen on the next request everywhere, ``live`` included. (A
    request that read the token, then the old row, keeps it under a token already gone.)"""
    from courses.selectors import outline_memo

    token = cache.get(outline_memo.key)
    if token is None:  # first use, or the cache was cleared: start a generation, as the memo does
        cache.add(outline_memo.key, uuid.uuid4().hex, timeout=None)
        token = cache.get(outline_memo.key)
    kept = _pages_by_url_path.get(url_path)
    if kept is not None and kept[0] == token and type(kept[1]) is model:
        page = copy.copy(kept[1])  # a request sets attributes on its page (its course, say)
    else:
        page = model.objects.filter(slug=slug, url_path=url_path).first()
        if page is None:
            return None
        # Its view restrictions' rows too (OneQueryViewRestrictions), which Wagtail checks on
        # every view; who they let in (groups, a password) is still decided per request.
        restrictions = (
            list(page.get_view_restrictions())
            if isinstance(page, OneQueryViewRestrictions)
            else None
        )
        if len(_pages_by_url_path) >= _MAX_REMEMBERED_PAGES:
            _pages_by_url_path.clear()
        _pages_by_url_path[url_path] = (token, copy.copy(page), restrictions)
        kept = (token, page, restrictions)
    if kept[2] is not None:
        page.__dict__["_isoko_view_restrictions"] = kept[2]
    return page


def serve(request, path):
    """Wagtail's serve view, given the route found above."""
    if not hasattr(request, "_wagtail_route_for_request"):
        try:
            request._wagtail_route_for_request = route_for_request(request, path)
        except Http404:
            request._wagtail_route_for_request = None
    return wagtail_views.serve(request, path)


class SiteMiddleware:
    """Gives every request its Site from the memo (``{% pageurl %}``, settings, the page views
    all ask for it), instead of a query on each request that asks."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Only from a warm memo (no query): a request for a view that never asks for the Site
        # (a form post, an API call, a facilitator's roster) must not pay for filling it. Page
        # views fill it (serve() below); until then Wagtail finds the Site itself when asked.
        try:
            hostname = split_domain_port(request._get_raw_host())[0]
            if routing_memo.holds(("site", hostname, request.get_port())) and routing_memo.holds(
                "root_paths"
            ):
                site_for_request(request)
        except DatabaseError:
            pass  # /healthz reports a database that is down; pages ask again and fail there
        return self.get_response(request)


# --- What drops the memo ----------------------------------------------------------------------
def _drop(**kwargs) -> None:
    routing_memo.invalidate()


for _model in (Site, Locale):
    post_save.connect(_drop, sender=_model, dispatch_uid=f"routing-memo-save-{_model.__name__}")
    post_delete.connect(_drop, sender=_model, dispatch_uid=f"routing-memo-del-{_model.__name__}")


@receiver(post_save, dispatch_uid="routing-memo-page-save")
@receiver(post_delete, dispatch_uid="routing-memo-page-delete")
@receiver(page_published, dispatch_uid="routing-memo-published")
@receiver(page_unpublished, dispatch_uid="routing-memo-unpublished")
@receiver(post_page_move, dispatch_uid="routing-memo-moved")
def _drop_for_home_pages(sender, instance=None, **kwargs) -> None:
    # Home pages (depth 2) and the tree root: their url_path, live state and translations are
    # what the memo holds. Deeper pages are read fresh on every request.
    if isinstance(instance, Page) and instance.depth is not None and instance.depth <= 2:
        routing_memo.invalidate()
