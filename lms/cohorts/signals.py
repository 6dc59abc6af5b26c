"""A session that moves or is cancelled raises its ``sequence`` and tells its learners.

Receivers, not a call in each view, because sessions are edited in the Wagtail admin's generic
model views, which save the form themselves. They stay inside lms: the model and the reaction
belong to the same app (the conventions rule out signals only across apps). A ``QuerySet.update``
bypasses them; code that moves sessions in bulk must call ``cohort_session_update`` itself.
"""

from __future__ import annotations

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from lms.cohorts.reminders import NOTIFY_FIELDS, cohort_session_update, session_changes
from lms.models import CohortSession

# Set on the instance between pre_save and post_save: the fields that changed.
_CHANGES = "_isoko_session_changes"


@receiver(pre_save, sender=CohortSession, dispatch_uid="lms_session_sequence")
def raise_sequence_on_change(sender, instance: CohortSession, raw=False, update_fields=None, **_):
    setattr(instance, _CHANGES, set())
    if raw or instance.pk is None:
        return
    fields = [name for name in NOTIFY_FIELDS if update_fields is None or name in update_fields]
    before = (
        CohortSession.objects.filter(pk=instance.pk).values(*fields, "sequence").first()
        if fields
        else None
    )
    if before is None:
        return
    changes = session_changes(before=before, session=instance)
    if changes:
        # Calendar apps replace an event only by a higher SEQUENCE (RFC 5545 §3.8.7.4).
        instance.sequence = before["sequence"] + 1
        setattr(instance, _CHANGES, changes)


@receiver(post_save, sender=CohortSession, dispatch_uid="lms_session_notify")
def notify_learners_of_change(sender, instance: CohortSession, raw=False, update_fields=None, **_):
    changes = getattr(instance, _CHANGES, set())
    if raw or not changes:
        return
    setattr(instance, _CHANGES, set())
    if update_fields is not None and "sequence" not in update_fields:
        CohortSession.objects.filter(pk=instance.pk).update(sequence=instance.sequence)
    cohort_session_update(session=instance, changes=changes)
