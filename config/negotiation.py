"""Content negotiation: the language a page is served in, and the Vary header that tells shared
caches what the answer depended on.

Two middlewares:

- ``LocaleMiddleware`` is Django's, except on paths outside ``i18n_patterns``. Django gives every
  path without a language prefix the default language (we use ``prefix_default_language=False``):
  right for ``/courses/``, the English catalogue, whose URL says so; wrong for pages that have one
  URL in every language on purpose. ``/certificates/verify/<code>/`` is printed on PDFs and signed
  into credentials, so it can never carry a language. Those paths (every pattern outside
  ``i18n_patterns`` in ``config/urls.py``, and any path no pattern matches, such as a mistyped
  certificate address) follow the visitor instead: the language cookie the switcher sets, then
  ``Accept-Language``. Their responses vary on both, except files (PDFs, documents, images),
  which are the same in every language (Django already adds ``Vary: Accept-Language``).
- ``VaryMiddleware`` adds the request headers a view said its answer depended on
  (``core.http.varies_on``; ``core.http.wants_json`` says ``Accept``), to
  whatever response goes out, including an error page raised after the view chose.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import LocalePrefixPattern, Resolver404, URLResolver, get_resolver
from django.utils import translation
from django.utils.cache import patch_vary_headers


@functools.lru_cache(maxsize=4)
def _unprefixed(root: URLResolver) -> tuple:
    """The root URL patterns that are not under ``i18n_patterns`` (keyed by the root resolver,
    which Django renews when the URLconf changes)."""
    return tuple(p for p in root.url_patterns if not isinstance(p.pattern, LocalePrefixPattern))


@functools.lru_cache(maxsize=2048)
def _resolves_in_default_language(root: URLResolver, path: str) -> bool:
    # Cached: a full resolve costs about as much as the rest of this middleware ten times over,
    # and the same English pages are asked for again and again.
    with translation.override(settings.LANGUAGE_CODE):
        try:
            root.resolve(path)
        except Resolver404:
            return False
    return True


def follows_visitor(path: str, urlconf=None) -> bool:
    """Whether the page at ``path`` is in the visitor's language rather than its URL's."""
    if translation.get_language_from_path(path):
        return False
    root = get_resolver(urlconf or settings.ROOT_URLCONF)
    # The top level is enough: /certificates/<anything> is a certificate page or its 404.
    if any(pattern.pattern.match(path[1:]) for pattern in _unprefixed(root)):
        return True
    # An unprefixed path of i18n_patterns is the default language's page; a path that matches
    # nothing has no language of its own.
    return not _resolves_in_default_language(root, path)


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_request(self, request):
        if not follows_visitor(request.path_info, getattr(request, "urlconf", None)):
            return super().process_request(request)
        translation.activate(translation.get_language_from_request(request, check_path=False))
        request.LANGUAGE_CODE = translation.get_language()
        request.language_follows_visitor = True
        return None

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if getattr(request, "language_follows_visitor", False) and not response.streaming:
            patch_vary_headers(response, ("Cookie", "Accept-Language"))
        return response


class VaryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        headers = getattr(request, "varies_on", None)
        if headers:
            patch_vary_headers(response, sorted(headers))
        return response
