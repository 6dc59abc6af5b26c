from allauth.account import forms as allauth_forms
from allauth.account.adapter import get_adapter
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import Audience, Profile, User
from accounts.validators import normalise_phone, validate_e164
from core.rwanda import DISTRICTS, NOT_STATED, Sector


class PhoneCleanMixin:
    def clean_phone(self) -> str:
        phone = normalise_phone(self.cleaned_data.get("phone", ""))
        validate_e164(phone)
        return phone


class SignupForm(PhoneCleanMixin, AllauthSignupForm):
    """allauth's signup (e-mail + password twice) plus the profile fields a certificate needs."""

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        help_text=_("Exactly as it must print on your certificates."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    audience = forms.ChoiceField(label=_("I am a…"), choices=Audience.choices)
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=24,
        required=False,
        help_text=_("International format, for example +250788123456."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=settings.LANGUAGES, initial=settings.LANGUAGE_CODE
    )

    field_order = [
        "email",
        "full_name",
        "audience",
        "organisation",
        "phone",
        "preferred_language",
        "password1",
        "password2",
    ]

    def validate_unique_email(self, value: str) -> str:
        # allauth's enumeration prevention would answer a taken address with a silent "check your
        # mail". At signup we say so plainly (the signup rate limit bounds probing); password reset
        # keeps the silent answer.
        email = super().validate_unique_email(value)
        if self.account_already_exists:
            raise get_adapter().validation_error("email_taken")
        return email

    def try_save(self, request):
        try:
            # One transaction for the user, its e-mail address and its profile: if the address
            # is taken meanwhile, nothing of this signup is kept.
            with transaction.atomic():
                return super().try_save(request)
        except IntegrityError:
            # A double tap on "Sign up": both requests passed the unique-address check and the
            # other one created the account a moment ago. Answer as it did ("check your
            # e-mail"); its verification e-mail is on its way.
            email = self.cleaned_data.get("email", "")
            if not User.objects.filter(email__iexact=email).exists():
                raise
            return None, get_adapter().respond_email_verification_sent(request, None)

    def save(self, request):
        from accounts.services import profile_update

        user = super().save(request)
        profile_update(
            user=user,
            full_name=self.cleaned_data["full_name"],
            audience=self.cleaned_data["audience"],
            organisation=self.cleaned_data.get("organisation", ""),
            phone=self.cleaned_data.get("phone", ""),
            preferred_language=self.cleaned_data["preferred_language"],
        )
        return user


class ProfileForm(PhoneCleanMixin, forms.ModelForm):
    class Meta:
        model = Profile
        fields = [
            "full_name",
            "preferred_name",
            "audience",
            "organisation",
            "district",
            "sector",
            "country",
            "phone",
            "preferred_language",
            "low_data",
        ]
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "country": forms.TextInput(attrs={"autocomplete": "country", "size": 2}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True
        # Optional: the blank choice reads "Not stated", as the impact numbers call it.
        self.fields["district"].choices = [("", NOT_STATED), *DISTRICTS]
        self.fields["sector"].choices = [("", NOT_STATED), *Sector.choices]

    def clean_country(self) -> str:
        country = (self.cleaned_data.get("country") or "").strip().upper()
        if len(country) != 2 or not country.isalpha():
            raise forms.ValidationError(_("Use the two-letter country code, for example RW."))
        return country


class AccountDeleteForm(forms.Form):
    confirm = forms.CharField(
        label=_("Type DELETE to confirm"),
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_confirm(self) -> str:
        value = self.cleaned_data["confirm"].strip()
        if value.upper() != "DELETE":
            raise forms.ValidationError(_("Type the word DELETE to confirm."))
        return value

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That password is not correct."))
        return password


class LoginForm(allauth_forms.LoginForm):
    """allauth's login form with its labels in the site's sentence case."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["remember"].label = _("Remember me")


class ChangePasswordForm(allauth_forms.ChangePasswordForm):
    """allauth's password change form with its labels in the site's sentence case."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["oldpassword"].label = _("Current password")
        self.fields["password1"].label = _("New password")
        self.fields["password2"].label = _("New password (again)")
