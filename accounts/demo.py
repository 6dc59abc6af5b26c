"""Demo accounts for ``seed_demo`` (the demo package holds who they are). Dev only."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from accounts.models import Profile, User


@transaction.atomic
def demo_groups_ensure(*, admin: list[str], other: list[str]) -> None:
    """The named groups; those in ``admin`` may use the Wagtail admin. Adds, never removes."""
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    for name in admin + other:
        group, _created = Group.objects.get_or_create(name=name)
        if name in admin:
            group.permissions.add(access_admin)


@transaction.atomic
def demo_user_ensure(
    *,
    email: str,
    password: str,
    full_name: str,
    audience: str,
    organisation: str,
    groups: list[str],
    superuser: bool = False,
    district: str = "",
    sector: str = "",
) -> User:
    """An active account with a verified e-mail address, a profile and the named groups."""
    user, _created = User.objects.update_or_create(
        email=email,
        defaults={"is_active": True, "is_staff": superuser, "is_superuser": superuser},
    )
    _password_ensure(user, password)
    # add, not set: per-course trainer groups (courses app) must survive a re-seed
    user.groups.add(*Group.objects.filter(name__in=groups))
    Profile.objects.update_or_create(
        user=user,
        defaults={
            "full_name": full_name,
            "preferred_name": full_name.split()[0],
            "audience": audience,
            "organisation": organisation,
            "district": district,
            "sector": sector,
            "country": "RW",
        },
    )
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


# The encoded form of each demo password this process has set or verified. Every demo account
# shares one published password, and each PBKDF2 run takes about half a second: checking and
# then hashing it per account (Django also runs the hasher when it checks an account with no
# password yet) was 18 runs, about half of a fresh seed_demo's time. Once per run is enough.
_encoded: dict[str, str] = {}


def _password_ensure(user: User, password: str) -> None:
    """Set the password unless the account has it already. Re-hashing on every run would change
    the row; the accounts share one encoded hash of it (one salt), which gives nothing away:
    the password is published."""
    known = _encoded.get(password)
    if known is not None and user.password == known:
        return
    if user.password and user.check_password(password):
        _encoded.setdefault(password, user.password)
        return
    if known is None:
        known = _encoded[password] = make_password(password)
    user.password = known
    user.save(update_fields=["password"])
