"""Demo accounts for ``seed_demo`` (the demo package holds who they are). Dev only."""

from __future__ import annotations

from allauth.account.models import EmailAddress
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
    # Re-hashing on every run would change the row; only set the password when it differs.
    if not user.check_password(password):
        user.set_password(password)
        user.save(update_fields=["password"])
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
