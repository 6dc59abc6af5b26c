"""MFA is required for staff and for anyone with Wagtail admin access.

Such a user without an active TOTP authenticator is sent to set it up before any admin page is
served. Logins all go through allauth (Wagtail's and Django's own login pages redirect there), so a
user who has TOTP always passes allauth's MFA stage to get a session at all.
"""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.services import user_needs_mfa_setup


class StaffMFARequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            getattr(settings, "ISOKO_REQUIRE_STAFF_MFA", True)
            and request.path.startswith(settings.ISOKO_ADMIN_PATH_PREFIXES)
            and request.user.is_authenticated
            and user_needs_mfa_setup(request.user)
        ):
            messages.warning(
                request,
                _(
                    "Staff accounts must use two-factor authentication. Set up an authenticator "
                    "app to continue to the admin."
                ),
            )
            return redirect(f"{reverse('mfa_activate_totp')}?next={request.path}")
        return self.get_response(request)
