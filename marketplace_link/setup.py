"""Idempotent setup of who reviews storefront applications: run after every `migrate` (a
post_migrate handler connected in apps.py), so a real deployment has the group as soon as its
database does; `seed_demo` also adds the demo reviewer to it."""

from __future__ import annotations

from django.apps import apps as global_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group
from django.db import DEFAULT_DB_ALIAS, transaction

from core.role_groups import role_group_setup, role_group_setup_after_migrate

STOREFRONT_REVIEWERS = "Storefront reviewers"
# What every reviewer-only view and menu item checks (viewsets/, wagtail_hooks.py).
REVIEW_PERMISSION = "marketplace_link.review_application"
# Admin access to get into Wagtail at all; review_application for the applications, their
# private export documents, the decisions and the storefronts' provisioning problems.
REVIEWER_PERMISSIONS = (
    ("wagtailadmin", "access_admin"),
    ("marketplace_link", "review_application"),
)


def storefront_review_setup() -> Group:
    """Create the "Storefront reviewers" group, or give it back any permission it lost."""
    return role_group_setup(STOREFRONT_REVIEWERS, REVIEWER_PERMISSIONS)


def storefront_review_setup_after_migrate(
    sender, *, using: str = DEFAULT_DB_ALIAS, apps=global_apps, **kwargs
) -> None:
    """post_migrate receiver, for this app's config only. (`flush` sends the signal too, with
    neither `apps` nor a plan.)"""
    if using != DEFAULT_DB_ALIAS:
        return  # the group lives with the users, in the default database
    # This app comes before django.contrib.auth in INSTALLED_APPS, so auth's receiver, which
    # makes our permission, has not run yet for us in this same signal. It is idempotent.
    create_permissions(sender, verbosity=0, interactive=False, using=using, apps=apps)
    role_group_setup_after_migrate(STOREFRONT_REVIEWERS, REVIEWER_PERMISSIONS, using=using)


@transaction.atomic
def demo_storefront_reviewers(emails: list[str]) -> Group:
    """The setup, plus the accounts of these e-mail addresses (the demo's reviewers) as members."""
    group = storefront_review_setup()
    group.user_set.add(*get_user_model().objects.filter(email__in=emails))
    return group
