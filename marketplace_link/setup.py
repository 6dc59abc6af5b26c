"""Idempotent setup of who reviews storefront applications, for `seed_demo` and deployments."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from accounts.api import DEMO_USERS

STOREFRONT_REVIEWERS = "Storefront reviewers"
# Admin access to get into Wagtail at all; review_application for the applications, their
# private export documents, the decisions and the storefronts' provisioning problems.
REVIEWER_PERMISSIONS = (
    ("wagtailadmin", "access_admin"),
    ("marketplace_link", "review_application"),
)


@transaction.atomic
def storefront_review_setup() -> Group:
    """Create the "Storefront reviewers" group, or give it back any permission it lost.

    Adds, never sets: permissions an administrator granted the group by hand survive a re-run.
    """
    group, _created = Group.objects.get_or_create(name=STOREFRONT_REVIEWERS)
    group.permissions.add(
        *[
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in REVIEWER_PERMISSIONS
        ]
    )
    return group


@transaction.atomic
def seed_demo_storefront_reviewers() -> Group:
    """The setup, plus the demo reviewer account (accounts' "Reviewers" group) as a member."""
    group = storefront_review_setup()
    emails = [user.email for user in DEMO_USERS if "Reviewers" in user.groups]
    group.user_set.add(*get_user_model().objects.filter(email__in=emails))
    return group
