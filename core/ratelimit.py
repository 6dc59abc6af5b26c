"""Rate limits kept in the shared cache (Redis in production), and the one answer when one is hit.

Fixed one-minute windows: cheap (one INCR), and enough to stop a script hammering autosave,
uploads or certificate lookups. Every limit answers the same way: 429 with Retry-After, as JSON
``{"error": <message>, "code": "rate_limited"}`` for a client that asked for JSON (quiz.js and
roster.js show ``error``; programs read ``code``, as in every other JSON error of the site), and
as the page rate_limited.html otherwise.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection
from functools import wraps

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from core.http import wants_json

WINDOW = 60
# Which window a request falls in. The suite pins it per test (tests/conftest.py): a test that
# sends limit + 1 requests must not see them split across two windows on a slow machine.
clock = time.time
CODE = "rate_limited"
DEFAULT_MESSAGE = _("Too many requests. Wait a minute and try again.")


def allow(*, scope: str, key, limit: int, window: int = WINDOW) -> bool:
    """Count one more request of ``key`` in ``scope``; whether it is within ``limit``."""
    bucket = f"isoko-rl:{scope}:{key}:{int(clock() // window)}"
    cache.add(bucket, 0, window + 5)
    try:
        count = cache.incr(bucket)
    except ValueError:  # evicted between add and incr
        cache.set(bucket, 1, window + 5)
        count = 1
    return count <= limit


def too_many_requests(request, message=None) -> HttpResponse:
    """The 429 of every limit: JSON for a client that asked for it, the page otherwise."""
    message = str(message or DEFAULT_MESSAGE)
    if wants_json(request):
        response = JsonResponse({"error": message, "code": CODE}, status=429)
    else:
        response = render(request, "rate_limited.html", {"message": message}, status=429)
    response["Retry-After"] = str(WINDOW)
    return response


def client_ip(request) -> str:
    """The client's address as allauth's rate limits see it, so one proxy setting
    (ALLAUTH_TRUSTED_PROXY_COUNT / ALLAUTH_TRUSTED_CLIENT_IP_HEADER) serves both."""
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return request.META.get("REMOTE_ADDR", "?")


def user_or_ip(request):
    """Signed-in users are counted by account, anyone else by address."""
    return request.user.pk if request.user.is_authenticated else client_ip(request)


def rate_limited(
    scope: str,
    *,
    limit: int | Callable[[], int],
    key: Callable = user_or_ip,
    methods: Collection[str] | None = ("POST",),
    when: Callable | None = None,
    message=None,
):
    """Refuse with ``too_many_requests`` once ``key(request)`` passes ``limit`` requests a
    minute in ``scope``. ``limit`` may be a function, read at each request (settings change in
    tests and deployments). Only ``methods`` count (None: all), and only requests for which
    ``when(request)`` is true, if given. ``message``: what the person is told (lazy)."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            counted = (methods is None or request.method in methods) and (
                when is None or when(request)
            )
            if counted:
                allowed = limit() if callable(limit) else limit
                if not allow(scope=scope, key=key(request), limit=allowed):
                    return too_many_requests(request, message)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
