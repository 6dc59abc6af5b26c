"""The language a person reads: the one they chose, for e-mails, and the UI switched to it when
they log in or change it."""

from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.urls import translate_url
from django.utils import translation


def language_for(*, user, default: str | None = None) -> str:
    """The user's preferred language if it is one of ours; else ``default``, or the site's.

    Read from the user's profile without importing it: any object with ``profile`` will do,
    and a user without one (createsuperuser makes none) reads the default."""
    profile = getattr(user, "profile", None)
    language = getattr(profile, "preferred_language", "")
    if language in dict(settings.LANGUAGES):
        return language
    return default or settings.LANGUAGE_CODE


def translated_url(url: str, language: str) -> str:
    """``url`` in ``language``: Django's translate_url, resolving the URL in its own language.

    translate_url resolves with the *active* language, whose prefix ("" for English) then
    swallows another language's: /fr/accounts/login/ read while English is active is the
    Wagtail page "fr/accounts/login/", and stays /fr/accounts/login/ in every language. The
    language a URL is in is its prefix's, or the default language's.
    """
    own = translation.get_language_from_path(unquote(urlsplit(url).path))
    with translation.override(own or settings.LANGUAGE_CODE):
        return translate_url(url, language)


def apply_preferred_language(response: HttpResponse, language: str) -> HttpResponse:
    """Set Django's language cookie and point a redirect at the same page in that language."""
    if not language:
        return response
    location = response.get("Location")
    if location:
        response["Location"] = translated_url(location, language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE or 365 * 24 * 3600,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=False,
    )
    return response
