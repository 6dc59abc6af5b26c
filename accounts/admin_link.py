"""Whether the account menu shows the "Admin" link, without two permission queries per page.

The link is for staff and for anyone granted Wagtail's ``wagtailadmin.access_admin``, which here
comes through groups (Trainers, Facilitators, Reviewers: accounts/demo.py) or directly.
``{% if perms.wagtailadmin.access_admin %}`` read the user's and their groups' permissions on
every page a signed-in person opened: two queries of the ten an enrolled lesson added (issue 15).
The answer is kept per process for each user (core.shared_memo), and dropped everywhere within a
second when a group, a permission or a membership changes. It only decides whether a link is
shown: the admin itself checks the permission on each request, as before.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed, post_delete, post_save

from core.shared_memo import SharedMemo

admin_link_memo = SharedMemo("admin-link")


def admin_link_shown(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff or user.is_superuser:  # on the user's row: read in this request
        return True
    return admin_link_memo.get(user.pk, lambda: user.has_perm("wagtailadmin.access_admin"))


def admin_link_generation() -> str | None:
    """Changes whenever the memo is dropped (a group, permission or membership changed)."""
    return admin_link_memo.generation()


def _drop(**kwargs) -> None:
    admin_link_memo.invalidate()


def connect() -> None:
    User = get_user_model()
    throughs = (User.groups.through, User.user_permissions.through, Group.permissions.through)
    for sender in throughs:
        uid = f"admin-link-{sender._meta.label_lower}"
        m2m_changed.connect(_drop, sender=sender, dispatch_uid=f"{uid}-m2m")
    # Rows removed by a cascade (a group or permission deleted) send no m2m_changed.
    for sender in (*throughs, Group, Permission):
        uid = f"admin-link-{sender._meta.label_lower}"
        post_save.connect(_drop, sender=sender, dispatch_uid=f"{uid}-save")
        post_delete.connect(_drop, sender=sender, dispatch_uid=f"{uid}-delete")
