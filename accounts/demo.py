"""Demo users for `seed_demo`: one per role, each with a verified e-mail. Dev only."""

from __future__ import annotations

import os
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from accounts.models import Audience, Profile, User

DEMO_PASSWORD = os.environ.get("ISOKO_DEMO_PASSWORD", "isoko-demo-2026")

# Groups the later issues build on. Trainers and Reviewers work in the Wagtail admin.
ADMIN_GROUPS = ("Trainers", "Reviewers")
OTHER_GROUPS = ("Facilitators",)


@dataclass(frozen=True)
class DemoUser:
    email: str
    full_name: str
    audience: str
    organisation: str
    groups: tuple[str, ...] = ()
    superuser: bool = False


DEMO_USERS = (
    DemoUser("admin@example.com", "Isoko Administrator", Audience.OTHER, "Isoko", superuser=True),
    DemoUser(
        "reviewer@example.com", "Aline Uwase", Audience.OTHER, "Isoko Academy", ("Reviewers",)
    ),
    DemoUser(
        "trainer@example.com",
        "Jean-Claude Habimana",
        Audience.OTHER,
        "Isoko Academy",
        ("Trainers",),
    ),
    DemoUser(
        "facilitator@example.com",
        "Grace Mukamana",
        Audience.OTHER,
        "Isoko Academy",
        ("Facilitators",),
    ),
    DemoUser(
        "entrepreneur@example.com",
        "Eric Niyonzima",
        Audience.ENTREPRENEUR,
        "Huye Mountain Coffee Cooperative",
    ),
    # A graduate whose storefront application waits for review (marketplace_link/demo.py), so a
    # visitor reaches the demo's payoff in a few clicks: approve it, see the store go live.
    DemoUser("seller@example.com", "Diane Uwimana", Audience.ENTREPRENEUR, "Inzozi Coffee Ltd"),
    DemoUser(
        "policymaker@example.com",
        "Claudine Ingabire",
        Audience.POLICYMAKER,
        "Ministry of Trade and Industry",
    ),
    DemoUser(
        "academic@example.com", "Patrick Nshimiyimana", Audience.ACADEMIC, "University of Rwanda"
    ),
)


def _ensure_groups() -> dict[str, Group]:
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    groups = {}
    for name in ADMIN_GROUPS + OTHER_GROUPS:
        group, _created = Group.objects.get_or_create(name=name)
        if name in ADMIN_GROUPS:
            group.permissions.add(access_admin)
        groups[name] = group
    return groups


@transaction.atomic
def seed_demo_users(password: str = DEMO_PASSWORD) -> list[User]:
    groups = _ensure_groups()
    users = []
    for spec in DEMO_USERS:
        user, _created = User.objects.update_or_create(
            email=spec.email,
            defaults={
                "is_active": True,
                "is_staff": spec.superuser,
                "is_superuser": spec.superuser,
            },
        )
        # Re-hashing on every run would change the row; only set the password when it differs.
        if not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
        # add, not set: per-course trainer groups (courses app) must survive a re-seed
        user.groups.add(*[groups[name] for name in spec.groups])
        Profile.objects.update_or_create(
            user=user,
            defaults={
                "full_name": spec.full_name,
                "preferred_name": spec.full_name.split()[0],
                "audience": spec.audience,
                "organisation": spec.organisation,
                "country": "RW",
            },
        )
        EmailAddress.objects.update_or_create(
            user=user, email=spec.email, defaults={"verified": True, "primary": True}
        )
        users.append(user)
    return users
