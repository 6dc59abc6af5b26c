from urllib.parse import urlencode

from allauth.account import app_settings as allauth_settings
from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from allauth.account.views import ConfirmEmailView as AllauthConfirmEmailView
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.forms import AccountDeleteForm, ProfileForm
from accounts.selectors import profile_for
from accounts.services import account_delete
from core.http import save_data_on, varies_on
from core.language import apply_preferred_language


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    profile = profile_for(request.user)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        profile = form.save()
        with translation.override(profile.preferred_language):
            messages.success(request, _("Your profile has been saved."))
        return apply_preferred_language(redirect("profile_edit"), profile.preferred_language)
    context = {"form": form, "save_data": save_data_on(request)}
    varies_on(request, "Save-Data")
    return render(
        request, "accounts/profile_form.html", context, status=400 if form.errors else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def account_delete_view(request):
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        account_delete(user=request.user)
        logout(request)
        messages.success(request, _("Your account has been deleted. We are sorry to see you go."))
        return redirect("/")
    return render(
        request, "accounts/account_delete.html", {"form": form}, status=400 if form.errors else 200
    )


def access_refused(request, *, area: str | None):
    """The 403 a signed-in person meets where their account may not go (accounts/middleware.py).

    `area` is "admin" (Wagtail), "django_admin" or None (any other page). "Log in with another
    account" logs out and comes back here through the login page.
    """
    requested = request.get_full_path()
    if area == "django_admin" and request.user.has_perm("wagtailadmin.access_admin"):
        heading = _("The Django admin is for superusers")
    elif area:
        heading = _("Your account doesn't have access to the admin")
    else:
        heading = _("Your account can't open this page")
    context = {
        "area": area,
        "heading": heading,
        "requested": requested,
        "switch_url": f"{reverse('account_login')}?{urlencode({'next': requested}, safe='/')}",
        "can_use_wagtail": request.user.has_perm("wagtailadmin.access_admin"),
    }
    return render(request, "accounts/access_refused.html", context, status=403)


class ConfirmEmailView(AllauthConfirmEmailView):
    """allauth's confirmation page, except that confirming a link that was just used (a double
    tap on "Confirm", or the form sent again) answers as the first confirmation did, where
    allauth answers "not found" because the address is no longer unverified."""

    def post(self, *args, **kwargs):
        try:
            return super().post(*args, **kwargs)
        except Http404:
            address = _verified_address(self.kwargs["key"])
            if address is None:
                raise
            adapter = get_adapter(self.request)
            return redirect(
                self.get_next_url() or adapter.get_email_verification_redirect_url(address)
            )


def _verified_address(key: str) -> EmailAddress | None:
    """The verified address a confirmation key (allauth's HMAC kind) was made for, if any."""
    max_age = 60 * 60 * 24 * allauth_settings.EMAIL_CONFIRMATION_EXPIRE_DAYS
    try:
        pk = signing.loads(key, max_age=max_age, salt=allauth_settings.SALT)
    except signing.BadSignature:  # expired ones included
        return None
    return EmailAddress.objects.filter(pk=pk, verified=True).first()
