"""Who sees the programme dashboard: superusers and the "Programme managers" group.

The group is made idempotently after every ``migrate`` (a post_migrate receiver connected in
impact/apps.py), so a real deployment has it as soon as its database does; the demo lists it in
demo/content/users.yaml with its programme manager. Its members need Wagtail's admin access to
get into the admin at all; the dashboard itself checks membership (``user_may_see_programme``).
Staff MFA applies to them as to every admin user (accounts/middleware.py).
"""

from __future__ import annotations

import logging

from django.apps import apps as global_apps
from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS, transaction

logger = logging.getLogger(__name__)

PROGRAMME_MANAGERS = "Programme managers"
PROGRAMME_MANAGER_PERMISSIONS = (("wagtailadmin", "access_admin"),)


@transaction.atomic
def programme_managers_setup() -> Group:
    """Create the "Programme managers" group, or give it back the admin access it lost.

    Adds, never sets: permissions an administrator granted the group by hand survive a re-run.
    """
    group, _created = Group.objects.get_or_create(name=PROGRAMME_MANAGERS)
    group.permissions.add(
        *[
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in PROGRAMME_MANAGER_PERMISSIONS
        ]
    )
    return group


def programme_managers_setup_after_migrate(
    sender, *, using: str = DEFAULT_DB_ALIAS, apps=global_apps, **kwargs
) -> None:
    """post_migrate receiver, for the impact app only (``flush`` sends it too)."""
    if using != DEFAULT_DB_ALIAS:
        return
    missing = [
        f"{app}.{codename}"
        for app, codename in PROGRAMME_MANAGER_PERMISSIONS
        if not Permission.objects.filter(content_type__app_label=app, codename=codename).exists()
    ]
    if missing:  # a partial `migrate` (wagtailadmin's permission comes from its migrations)
        logger.warning("%s not set up: no permission %s", PROGRAMME_MANAGERS, missing)
        return
    programme_managers_setup()


def user_may_see_programme(user) -> bool:
    """Superusers and active members of "Programme managers". One query, remembered on the
    user object for the request (the admin menu asks on every admin page)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_isoko_programme_manager", None)
    if cached is None:
        cached = user.groups.filter(name=PROGRAMME_MANAGERS).exists()
        user._isoko_programme_manager = cached
    return cached
