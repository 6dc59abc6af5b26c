"""The one-click unsubscribe link of the reminder e-mails.

GET shows a confirmation page whose button POSTs to the same URL; mail clients that support
RFC 8058 POST ``List-Unsubscribe=One-Click`` there directly. The signed token is the only
credential (the reader may not be logged in, or be logged in as someone else), so the view is
exempt from CSRF: a forged POST could do no more than stop the e-mails the token names.
"""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from lms.nudges import nudge_preference_set, nudge_unsubscribe_user

TEMPLATE = "lms/unsubscribe.html"


def _masked(email: str) -> str:
    """Enough of the address to recognise it, not enough to harvest it from a forwarded link."""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}…@{domain}"


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    user = nudge_unsubscribe_user(token=token)
    if user is None:
        return render(request, TEMPLATE, {"state": "invalid"}, status=400)
    if request.method == "POST":
        nudge_preference_set(user=user, enabled=False)
        return render(request, TEMPLATE, {"state": "done", "email": _masked(user.email)})
    return render(request, TEMPLATE, {"state": "confirm", "email": _masked(user.email)})
