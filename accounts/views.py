from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.forms import AccountDeleteForm, ProfileForm
from accounts.language import apply_preferred_language
from accounts.selectors import profile_for
from accounts.services import account_delete


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
    return render(
        request, "accounts/profile_form.html", {"form": form}, status=400 if form.errors else 200
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
