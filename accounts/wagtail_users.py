"""Wagtail's user admin, fitted to our User (no name fields) and Profile.

Wagtail's user forms and templates expect ``first_name`` and ``last_name``. Rather than copy its
templates, the two form fields stay but are relabelled and stored on the profile: "first name"
holds the full name as printed on certificates, "last name" the preferred name.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.account import AvatarPreferencesForm, NameEmailForm
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet

from core.images import PixelLimitedImageField


class ProfileNamesMixin(forms.Form):
    first_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        help_text=_("Exactly as it must print on certificates."),
    )
    last_name = forms.CharField(label=_("Preferred name"), max_length=100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        profile = getattr(self.instance, "profile", None) if self.instance.pk else None
        if profile is not None:
            self.initial.setdefault("first_name", profile.full_name)
            self.initial.setdefault("last_name", profile.preferred_name)

    def save(self, commit=True):
        user = super().save(commit=commit)
        if commit:
            from accounts.services import profile_update

            profile_update(
                user=user,
                full_name=self.cleaned_data["first_name"],
                preferred_name=self.cleaned_data.get("last_name", ""),
            )
        return user


class IsokoUserCreationForm(ProfileNamesMixin, UserCreationForm):
    pass


class IsokoUserEditForm(ProfileNamesMixin, UserEditForm):
    pass


class IsokoNameEmailForm(ProfileNamesMixin, NameEmailForm):
    """The "Name and Email" panel of a user's own Wagtail account settings."""


class IsokoAvatarForm(AvatarPreferencesForm):
    """The "Profile picture" panel, with the site's pixel limit (core/images.py)."""

    avatar = PixelLimitedImageField(label=_("Upload a profile picture"), required=False)


class IsokoUserViewSet(UserViewSet):
    def get_form_class(self, for_update=False):
        return IsokoUserEditForm if for_update else IsokoUserCreationForm
