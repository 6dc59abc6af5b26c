"""A group that gives one role its permissions, made idempotently (after every ``migrate``).

Apps with a role of their own (marketplace_link's "Storefront reviewers", impact's "Programme
managers") name the group and its permissions; the making is the same for each.
"""

from __future__ import annotations

import logging

from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS, transaction

logger = logging.getLogger(__name__)

Permissions = tuple[tuple[str, str], ...]  # (app label, codename) pairs


@transaction.atomic
def role_group_setup(name: str, permissions: Permissions) -> Group:
    """Create the group, or give it back any of ``permissions`` it lost.

    Adds, never sets: permissions an administrator granted the group by hand survive a re-run.
    """
    group, _created = Group.objects.get_or_create(name=name)
    group.permissions.add(
        *[
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in permissions
        ]
    )
    return group


def role_group_setup_after_migrate(
    name: str, permissions: Permissions, *, using: str = DEFAULT_DB_ALIAS
) -> None:
    """The post_migrate work: the group lives with the users, in the default database; after a
    partial ``migrate`` that has not made every permission yet, it waits for the next one."""
    if using != DEFAULT_DB_ALIAS:
        return
    missing = [
        f"{app}.{codename}"
        for app, codename in permissions
        if not Permission.objects.filter(content_type__app_label=app, codename=codename).exists()
    ]
    if missing:
        logger.warning("%s not set up: no permission %s", name, missing)
        return
    role_group_setup(name, permissions)
