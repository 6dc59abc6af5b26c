"""allauth's MFA forms, with TOTP codes that work once (RFC 6238 §5.2).

allauth 65 remembers a code accepted at login only in the cache (one per process with the
embedded default's locmem cache, so another gunicorn worker accepts it again), and not at all
when the authenticator is set up: the code typed at set-up logged in again within the same
30-second step. Here every form that takes a TOTP code first claims the code's time step in the
database (accounts.services.totp_step_claim); a step already claimed, or older than the last one
claimed, is refused. Recovery codes are already single-use in the database (allauth marks them
on the authenticator row under a row lock).

Wired through the MFA_FORMS setting; allauth's forms do the rest (rate limits, signals).
"""

from __future__ import annotations

from allauth.core.internal.cryptokit import compare_user_code
from allauth.mfa.base import forms as base_forms
from allauth.mfa.models import Authenticator
from allauth.mfa.totp import forms as totp_forms
from allauth.mfa.totp.internal import auth as totp_auth
from allauth.mfa.utils import decrypt
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.services import totp_step_claim

CODE_USED = _(
    "This code has already been used. Wait for your authenticator app to show the next one."
)


def totp_step_of(secret: str, code: str) -> int | None:
    """The time step (within allauth's tolerance window) whose code `code` is, if any."""
    for step in totp_auth.yield_hotp_counters_from_time():
        expected = totp_auth.format_hotp_value(totp_auth.hotp_value(secret, step))
        if compare_user_code(actual=code, expected=expected):
            return step
    return None


class _OneTimeTOTP:
    """Claim the code's step before allauth checks the code. A wrong code claims nothing."""

    def _totp_secret(self) -> str | None:
        raise NotImplementedError

    def clean_code(self) -> str:
        code = self.cleaned_data.get("code", "")
        secret = self._totp_secret()
        if secret and code:
            step = totp_step_of(secret, code)
            if step is not None and not totp_step_claim(user_id=self.user.pk, step=step):
                raise forms.ValidationError(CODE_USED, code="code_used")
        return super().clean_code()


class _AuthenticatorSecret(_OneTimeTOTP):
    def _totp_secret(self) -> str | None:
        totp = Authenticator.objects.filter(user=self.user, type=Authenticator.Type.TOTP).first()
        return decrypt(totp.data["secret"]) if totp else None


class ActivateTOTPForm(_OneTimeTOTP, totp_forms.ActivateTOTPForm):
    def _totp_secret(self) -> str | None:
        return self.secret


class AuthenticateForm(_AuthenticatorSecret, base_forms.AuthenticateForm):
    pass


class ReauthenticateForm(_AuthenticatorSecret, base_forms.ReauthenticateForm):
    pass
