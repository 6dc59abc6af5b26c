"""Who sees the programme dashboard: superusers and the "Programme managers" group.

The group is made idempotently after every ``migrate`` (a post_migrate receiver connected in
impact/apps.py), so a real deployment has it as soon as its database does; the demo lists it in
demo/content/users.yaml with its programme manager. Its members need Wagtail's admin access to
get into the admin at all; the dashboard itself checks membership (``user_may_see_programme``).
Staff MFA applies to them as to every admin user (accounts/middleware.py).
"""

from __future__ import annotations

from django.apps import apps as global_apps
from django.contrib.auth.models import Group
from django.db import DEFAULT_DB_ALIAS

from core.role_groups import role_group_setup, role_group_setup_after_migrate

PROGRAMME_MANAGERS = "Programme managers"
PROGRAMME_MANAGER_PERMISSIONS = (("wagtailadmin", "access_admin"),)


def programme_managers_setup() -> Group:
    """Create the "Programme managers" group, or give it back the admin access it lost."""
    return role_group_setup(PROGRAMME_MANAGERS, PROGRAMME_MANAGER_PERMISSIONS)


def programme_managers_setup_after_migrate(
    sender, *, using: str = DEFAULT_DB_ALIAS, apps=global_apps, **kwargs
) -> None:
    """post_migrate receiver, for the impact app only (``flush`` sends it too)."""
    role_group_setup_after_migrate(PROGRAMME_MANAGERS, PROGRAMME_MANAGER_PERMISSIONS, using=using)


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
