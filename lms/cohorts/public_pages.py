"""Which cohort writes show on a public page: a cohort course page lists the cohorts taking
applications, with their names and dates and an "Apply" link (lms/page_state.py,
``cohorts_taking_applications``). Those rows change in the admin's cohort screens, without a
Wagtail publish, so the page cache is purged after such a write commits (core/public_pages.py).

A cohort is on show when it takes applications and is not finished; a write purges when the
cohort is on show after it, or was before it (closing applications, finishing). Invitation-only
cohorts, seat counts (``seats_taken``, written with ``update()``: not shown), facilitators,
sessions and attendance purge nothing: no public page shows them (a cohort's timetable is for
its learners, never cached).
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save, pre_save

from core.public_pages import public_pages_changed_on_commit
from lms.cohorts.models import Cohort

SHOWN_FIELDS = {"public_id", "course", "name", "starts_on", "ends_on", "enrolment_mode", "status"}


def _shown(enrolment_mode: str, status: str) -> bool:
    return enrolment_mode == Cohort.Mode.APPLICATION and status != Cohort.Status.FINISHED


def _names_shown(update_fields) -> bool:
    if update_fields is None:
        return True
    return bool({name.removesuffix("_id") for name in update_fields} & SHOWN_FIELDS)


def cohort_pre_save(sender, instance, raw=False, using="default", update_fields=None, **kw):
    was = None
    if not raw and instance.pk and _names_shown(update_fields):
        was = (
            Cohort.objects.using(using)
            .filter(pk=instance.pk)
            .values_list("enrolment_mode", "status")
            .first()
        )
    instance._isoko_was_shown = was is not None and _shown(*was)


def cohort_post_save(sender, instance, raw=False, using="default", update_fields=None, **kw):
    if raw or not _names_shown(update_fields):
        return
    if _shown(instance.enrolment_mode, instance.status) or getattr(
        instance, "_isoko_was_shown", False
    ):
        public_pages_changed_on_commit(reason="cohort", using=using)


def cohort_post_delete(sender, instance, using="default", **kw):
    if _shown(instance.enrolment_mode, instance.status):
        public_pages_changed_on_commit(reason="cohort", using=using)


def connect() -> None:
    """Called once, from lms's ready() (through lms/cohorts/api.py)."""
    uid = "lms.cohorts.public_pages."
    pre_save.connect(cohort_pre_save, sender=Cohort, dispatch_uid=uid + "pre")
    post_save.connect(cohort_post_save, sender=Cohort, dispatch_uid=uid + "post")
    post_delete.connect(cohort_post_delete, sender=Cohort, dispatch_uid=uid + "delete")
