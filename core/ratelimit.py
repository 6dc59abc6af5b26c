"""A small per-user rate limit for learner actions, kept in the shared cache (Redis in production).

Fixed one-minute windows: cheap (one INCR), and enough to stop a script hammering autosave or
enrolment. Limits are generous for people: autosave fires at most every 0.4 s while typing.
"""

from __future__ import annotations

import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from core.http import wants_json

DEFAULT_LIMITS = {"enrol": 20, "progress": 60, "start": 20, "submit": 30, "autosave": 150}
WINDOW = 60


def allow(*, scope: str, key, limit: int, window: int = WINDOW) -> bool:
    bucket = f"isoko-rl:{scope}:{key}:{int(time.time() // window)}"
    cache.add(bucket, 0, window + 5)
    try:
        count = cache.incr(bucket)
    except ValueError:  # evicted between add and incr
        cache.set(bucket, 1, window + 5)
        count = 1
    return count <= limit


def rate_limited(scope: str):
    """Refuse with 429 once a user passes the scope's limit per minute (POSTs only)."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            limits = {**DEFAULT_LIMITS, **getattr(settings, "ISOKO_LMS_RATE_LIMITS", {})}
            who = (
                request.user.pk
                if request.user.is_authenticated
                else request.META.get("REMOTE_ADDR", "?")
            )
            if request.method == "POST" and not allow(scope=scope, key=who, limit=limits[scope]):
                message = _("Too many requests. Wait a minute and try again.")
                if wants_json(request):
                    response = JsonResponse({"error": message, "code": "rate_limited"}, status=429)
                    response["Retry-After"] = str(WINDOW)
                    return response
                response = render(request, "rate_limited.html", {"message": message}, status=429)
                response["Retry-After"] = str(WINDOW)
                return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
