"""Users log in with their e-mail address; there is no username.

The profile keeps what a certificate must print (the full legal name) apart from what the site
calls someone day to day (the preferred name).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.validators import validate_e164
from core.constraint_errors import ConstraintFieldErrors
from core.rwanda import DISTRICTS, Sector

# The unique field and the case-insensitive constraint on it say the same.
EMAIL_TAKEN = _("An account with this e-mail address already exists.")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)


class User(ConstraintFieldErrors, AbstractBaseUser, PermissionsMixin):
    # A public id for URLs and exports, so the sequential primary key is never exposed.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(
        _("e-mail address"),
        unique=True,
        error_messages={"unique": EMAIL_TAKEN},
    )
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Designates whether the user can log into the Django admin."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # Set when the account is deleted: the row stays (anonymised) so aggregate records hold.
    erased_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    constraint_fields = {"accounts_user_email_ci_unique": "email"}

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="accounts_user_email_ci_unique",
                violation_error_message=EMAIL_TAKEN,
            ),
        ]

    def __str__(self) -> str:
        return self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    # Wagtail and Django's admin call these.
    def get_full_name(self) -> str:
        profile = getattr(self, "profile", None)
        return profile.full_name if profile and profile.full_name else self.email

    def get_short_name(self) -> str:
        profile = getattr(self, "profile", None)
        if profile:
            return profile.display_name
        return self.email.split("@")[0]

    # Wagtail's admin shows first/last names; map them onto the profile.
    @property
    def first_name(self) -> str:
        return self.get_short_name()

    @property
    def last_name(self) -> str:
        return ""


class Audience(models.TextChoices):
    ENTREPRENEUR = "entrepreneur", _("Entrepreneur")
    POLICYMAKER = "policymaker", _("Policymaker")
    ACADEMIC = "academic", _("Academic")
    OTHER = "other", _("Trainer / other")


class Profile(ConstraintFieldErrors, models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    full_name = models.CharField(
        _("full name"),
        max_length=200,
        blank=True,
        help_text=_("Exactly as it must print on your certificates."),
    )
    preferred_name = models.CharField(
        _("preferred name"),
        max_length=100,
        blank=True,
        help_text=_("What we call you on the site."),
    )
    audience = models.CharField(
        _("I am a…"), max_length=20, choices=Audience.choices, default=Audience.ENTREPRENEUR
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    # For the programme's impact numbers (docs/impact.md): blank is "Not stated".
    district = models.CharField(
        _("district"),
        max_length=20,
        choices=DISTRICTS,
        blank=True,
        help_text=_("Where you live or work in Rwanda."),
    )
    sector = models.CharField(
        _("sector"),
        max_length=20,
        choices=Sector.choices,
        blank=True,
        help_text=_("The sector you work in."),
    )
    country = models.CharField(
        _("country"),
        max_length=2,
        default="RW",
        help_text=_("Two-letter ISO country code, for example RW."),
    )
    phone = models.CharField(
        _("phone"),
        max_length=16,
        blank=True,
        validators=[validate_e164],
        help_text=_("International format, for example +250788123456."),
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    # Low-data mode (accounts/low_data.py): smaller pictures, no video players, transcripts
    # first. The browser's Save-Data header turns it on too, whatever this says.
    low_data = models.BooleanField(
        _("Use less data"),
        default=False,
        help_text=_("Smaller pictures, no video players, transcripts first."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    constraint_fields = {"accounts_profile_phone_e164": "phone"}

    class Meta:
        verbose_name = _("profile")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(phone="") | models.Q(phone__regex=r"^\+[1-9][0-9]{6,14}$"),
                name="accounts_profile_phone_e164",
                violation_error_message=_(
                    "Enter the number in international format: + then country code, e.g. "
                    "+250788123456."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.user.email

    @property
    def display_name(self) -> str:
        return self.preferred_name or self.full_name or self.user.email.split("@")[0]


class TOTPLastStep(models.Model):
    """The latest 30-second TOTP step whose code was accepted for a user (RFC 6238 §5.2).

    A code is accepted only for a step later than this one, so a code works once, at set-up,
    login or re-authentication alike. It lives in the database because allauth's own record is
    in the cache, which is one per process with the embedded default (locmem); a conditional
    UPDATE makes two workers racing with the same code let exactly one through.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    step = models.BigIntegerField()
