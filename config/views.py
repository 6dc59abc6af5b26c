from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import translate_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Page

ROBOTS = """User-agent: *
Disallow: /admin/
Disallow: /django-admin/
Disallow: /accounts/
Disallow: /dashboard/
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


@require_POST
def language_switch(request):
    """Switch the UI language and go to the same page in that language where one exists.

    Django's ``set_language`` can only rewrite the URL prefix; a Wagtail page's translation has
    its own URL (/fr/cours/…), so when the form names a page we look up its live translation.
    Without one, the URL prefix is swapped as Django would, which still lands on a real page.
    """
    language = request.POST.get("language", "")
    next_url = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    if not check_for_language(language) or language not in dict(settings.LANGUAGES):
        return redirect(next_url)
    target = translate_url(next_url, language)
    page_id = request.POST.get("page", "")
    if page_id.isdigit():
        translation = (
            Page.objects.live()
            .filter(translation_key__in=Page.objects.filter(pk=page_id).values("translation_key"))
            .filter(locale__language_code=language)
            .first()
        )
        if translation is not None:
            target = translation.get_url(request) or target
    response = redirect(target)
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
