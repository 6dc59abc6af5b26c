"""Switch the UI to a user's preferred language when they log in or change it."""

from django.conf import settings
from django.http import HttpResponse
from django.urls import translate_url


def apply_preferred_language(response: HttpResponse, language: str) -> HttpResponse:
    """Set Django's language cookie and point a redirect at the same page in that language."""
    if not language:
        return response
    location = response.get("Location")
    if location:
        response["Location"] = translate_url(location, language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE or 365 * 24 * 3600,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=False,
    )
    return response
