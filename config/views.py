from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language, get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django.views.static import serve as static_serve
from wagtail.models import Locale, Page

from core.language import translated_url

ROBOTS = """User-agent: *
Disallow: /admin/
Disallow: /django-admin/
Disallow: /accounts/
Disallow: /dashboard/
Disallow: /i18n/
Allow: /
"""


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    return HttpResponse(ROBOTS, content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors that touch the database: the error may be the database itself.
    from django.template import loader

    template = loader.get_template("500.html")
    return HttpResponse(template.render({"request": None}), status=500)


def _page_at(request, path: str) -> tuple[bool, Page | None]:
    """Whether ``path`` is a Wagtail page URL, and the live page it shows (as Wagtail's serve
    view finds it: in the language of the path's prefix)."""
    with translation.override(translation.get_language_from_path(path) or settings.LANGUAGE_CODE):
        try:
            match = resolve(path)
        except Resolver404:
            return False, None
        if match.url_name != "wagtail_serve":
            return False, None
        page = Page.find_for_request(request, match.args[0] if match.args else "")
    return True, (page if page is not None and page.live else None)


def _untranslated_notice(page: Page, language: str, original_url: str) -> str:
    """Said in the chosen language: what is not translated, and the way back to the original
    (its language named in that language, as language links are)."""
    original = page.locale.language_code
    with translation.override(language):
        return format_html(
            '{} <a href="{}" hreflang="{}">{}</a>',
            _("“%(title)s” is not translated into this language yet.") % {"title": page.title},
            original_url,
            original,
            _("Read the original (%(language)s)")
            % {"language": get_language_info(original)["name_local"]},
        )


def _landing(request, next_url: str, language: str) -> tuple[str, str | None]:
    """Where switching ``next_url`` to ``language`` lands, and the notice to show there.

    A page with a live translation lands on it (query string kept: filters, search, paging).
    A page without one lands on its nearest ancestor that has one (a course's catalogue in that
    language), else on that language's home page, with a notice that names the page and links
    it in its original language. Not the original under the new language's prefix: Wagtail
    pages keep their own language in their links, so the learner's choice would be lost at the
    next click, and a URL in one language would serve text in another. Other URLs (the
    dashboard, /learn/…, /storefront/…, the account pages, the certificate pages) are the same
    view in every language: only their prefix changes.
    """
    parts = urlsplit(next_url)
    is_page_url, page = _page_at(request, unquote(parts.path))
    if not is_page_url:
        return translated_url(next_url, language), None
    if page is None:  # switching from a "page not found": that language's home page
        return translated_url("/", language), None
    locales = Locale.objects.filter(language_code=language)
    translated = Page.objects.live().filter(
        translation_key=page.translation_key, locale__in=locales
    )
    target = translated.first()
    if target is not None:
        url = target.get_url(request) or translated_url(next_url, language)
        return (f"{url}?{parts.query}" if parts.query else url), None
    ancestor = (
        Page.objects.live()
        .filter(
            translation_key__in=page.get_ancestors().filter(depth__gt=1).values("translation_key"),
            locale__in=locales,
        )
        .order_by("-depth")
        .first()
    )
    url = (ancestor and ancestor.get_url(request)) or translated_url("/", language)
    return url, _untranslated_notice(page, language, page.get_url(request) or next_url)


@require_http_methods(["GET", "POST"])
@never_cache
def language_switch(request):
    """Switch the UI language and go to the same page in that language (see ``_landing``).

    Django's ``set_language`` can only rewrite the URL prefix; a Wagtail page's translation has
    its own URL (/fr/cours/…), and a page may have none.

    The switcher on every page is a GET form (templates/includes/language_switcher.html): a POST
    form needs a CSRF token, whose cookie made every public page uncacheable. Switching is safe
    to repeat and changes nothing but the visitor's own language cookie, so GET is the right
    verb; robots.txt keeps crawlers out. POST is still answered (pages cached before the change).
    """
    data = request.GET if request.method == "GET" else request.POST
    language = data.get("language", "")
    next_url = data.get("next", "/")
    # Only a path of this site: ``redirect()`` would take a bare word for a view name.
    if not next_url.startswith("/") or not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    if not check_for_language(language) or language not in dict(settings.LANGUAGES):
        return HttpResponseRedirect(next_url)
    target, notice = _landing(request, next_url, language)
    if notice:
        messages.info(request, notice)
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


@cache_control(max_age=60 * 60 * 24 * 30, public=True)
def media_file(request, path: str):
    """A public media file (see config/urls.py), or a 404.

    Django's ``serve`` lets the file system's own refusals through as exceptions: a name longer
    than the file system allows is an ``OSError`` (ENAMETOOLONG), a 500. No such name is ours.
    """
    try:
        return static_serve(request, path, document_root=settings.MEDIA_ROOT)
    except OSError as error:
        raise Http404 from error
