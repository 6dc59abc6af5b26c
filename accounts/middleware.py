"""Who reaches the admins, and what a signed-in person meets where they may not go.

MFA: staff and anyone with Wagtail admin access must have an active TOTP authenticator before any
admin page is served. Logins all go through allauth (Wagtail's and Django's own login pages
redirect there), so a user who has TOTP always passes allauth's MFA stage to get a session at all.

Refusals: Wagtail, Django's admin and Wagtail's page and collection privacy all answer a signed-in
user they refuse by sending them to log in, and allauth sends a signed-in user straight back to
``next``: an endless loop ("too many redirects"). A redirect to a login page with this very page as
``next``, given to someone already signed in, can only mean "not with this account", so it becomes
a refusal page (403) that says so and offers the ways on.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

from django.conf import settings
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from accounts.services import user_needs_mfa_setup
from accounts.views import access_refused

LOGIN_URL_NAMES = {"account_login"}


def _wagtail_admin_prefix() -> str:
    return reverse("wagtailadmin_home")


def _django_admin_prefix() -> str:
    return reverse("admin:index")


def _admin_area(path: str) -> str | None:
    if path.startswith(_django_admin_prefix()):
        return "django_admin"
    if path.startswith(_wagtail_admin_prefix()):
        return "admin"
    return None


def _may_open(request, area: str) -> bool:
    user = request.user
    if area == "django_admin":
        return admin.site.has_permission(request)
    return user.has_perm("wagtailadmin.access_admin")


class StaffMFARequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            getattr(settings, "ISOKO_REQUIRE_STAFF_MFA", True)
            and request.path.startswith(settings.ISOKO_ADMIN_PATH_PREFIXES)
            and request.user.is_authenticated
            and user_needs_mfa_setup(request.user)
            # Someone who cannot open this admin anyway is refused (below), not sent to set up
            # an authenticator for nothing.
            and (area := _admin_area(request.path)) is not None
            and _may_open(request, area)
        ):
            messages.warning(
                request,
                _(
                    "Staff accounts must use two-factor authentication. Set up an authenticator "
                    "app to continue to the admin."
                ),
            )
            query = urlencode({"next": request.get_full_path()}, safe="/")
            return redirect(f"{reverse('mfa_activate_totp')}?{query}")
        return self.get_response(request)


def _is_login_redirect_to_here(request, response) -> bool:
    """Whether `response` sends the user to a login page with ``next`` = this very request."""
    location = response.get("Location", "")
    parts = urlsplit(location)
    if parts.netloc and parts.netloc != request.get_host():
        return False
    next_values = parse_qs(parts.query).get("next", [])
    if not next_values or next_values[0] != request.get_full_path():
        return False
    if parts.path in (reverse("wagtailadmin_login"), reverse("admin:login")):
        return True
    try:
        match = resolve(parts.path)
    except Resolver404:
        return False
    return match.url_name in LOGIN_URL_NAMES


class SignedInRefusalMiddleware:
    """Turn "go and log in" given to a signed-in user into a clear refusal (see module doc)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code in (301, 302, 303, 307, 308)
            and request.user.is_authenticated
            and _is_login_redirect_to_here(request, response)
        ):
            return access_refused(request, area=_admin_area(request.path))
        return response
