"""Writes for accounts. Services own their transactions; views only call them."""

from __future__ import annotations

import uuid

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from accounts.models import Profile, User
from accounts.selectors import profile_for
from core.learner_cache import learner_changed


@transaction.atomic
def profile_update(*, user: User, **fields) -> Profile:
    """Update the profile's fields by name. Unknown names are a programming error."""
    profile = profile_for(user)
    allowed = {f.name for f in Profile._meta.get_fields()} - {"id", "user", "updated_at"}
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"Unknown profile fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.full_clean()
    profile.save()
    return profile


def user_has_admin_access(user: AbstractBaseUser) -> bool:
    return bool(user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin"))


def user_needs_mfa_setup(user: AbstractBaseUser) -> bool:
    from allauth.mfa.utils import is_mfa_enabled

    return user_has_admin_access(user) and not is_mfa_enabled(user)


@transaction.atomic(durable=True)
def account_delete(*, user: User) -> None:
    """Deactivate now; erase personal data in a worker (see docs in README, "Deleting an account").

    The account cannot log in from the moment this commits. The erase task is idempotent, so a
    redelivered message does no harm.
    """
    from accounts.tasks import account_erase_task

    User.objects.filter(pk=user.pk).update(is_active=False)
    learner_changed(user.pk)  # update() sends no post_save: the dashboard cached for them
    account_erase_task.delay_on_commit(user.pk)


@transaction.atomic
def account_erase(*, user_id: int) -> bool:
    """Anonymise a deactivated account in place. Returns False if there was nothing to do.

    The row is kept, anonymised, so that enrolment counts and other aggregate records stay true.
    Everything that identifies the person goes: e-mail, names, phone, organisation, e-mail
    addresses, MFA authenticators and sessions.
    """
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    user = User.objects.select_for_update().filter(pk=user_id).first()
    if user is None or user.erased_at is not None or user.is_active:
        return False
    user.email = f"erased-{uuid.uuid4().hex}@invalid.isoko"
    user.set_unusable_password()
    user.is_staff = False
    user.is_superuser = False
    user.erased_at = timezone.now()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    Profile.objects.filter(user=user).update(
        full_name="", preferred_name="", organisation="", phone=""
    )
    learner_changed(user.pk)  # update() sends no post_save: the dashboard cached for them
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    _sessions_delete_for(user)
    return True


def _sessions_delete_for(user: User) -> None:
    from importlib import import_module

    from django.conf import settings
    from django.contrib.sessions.models import Session

    # Session data is opaque; decode each live one. Deletion is rare, so the scan is acceptable.
    doomed = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now())
        if session.get_decoded().get("_auth_user_id") == str(user.pk)
    ]
    # Through the engine, not a bulk delete: with cached_db sessions (whenever Redis is the cache,
    # config/settings/learnerperf.py) the cached copy must go too, or it would keep answering.
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session_key in doomed:
        store(session_key).delete()


def totp_step_claim(*, user_id: int, step: int) -> bool:
    """Record that a TOTP code of `step` was accepted for the user; False if that step, or a
    later one, already was (accounts/mfa.py). Safe across processes: the conditional UPDATE
    lets one of two racing requests through."""
    from accounts.models import TOTPLastStep

    TOTPLastStep.objects.bulk_create(
        [TOTPLastStep(user_id=user_id, step=-1)], ignore_conflicts=True
    )
    return TOTPLastStep.objects.filter(user_id=user_id, step__lt=step).update(step=step) == 1
