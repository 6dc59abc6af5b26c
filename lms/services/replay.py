"""Steps sent again: a client-made idempotency key makes "Mark as complete" record once however
many times the phone's queue (static/js/offline/queue.js) sends it, from however many tabs.

The key is stored in the same transaction as the step. A second request with the same key
either finds the stored row (and answers its outcome, ``replayed``) or, when both arrive at
once, waits on the unique index for the first to commit and then reads it: on PostgreSQL the
INSERT blocks until the other transaction ends and then fails, and the read that follows (READ
COMMITTED) sees the row. A step refused (not enrolled, lesson gone) rolls its key back with it,
so the same request is answered the same way again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.api import LessonPage
from lms.errors import LmsError
from lms.models import IdempotencyKey
from lms.services.progress import lesson_complete

# How long a key is kept: a phone that stays offline longer than this and then replays a step
# records it again only if the lesson is not complete yet (LessonProgress is one per lesson).
KEEP_DAYS = 30


@dataclass(frozen=True)
class StepOutcome:
    completed_at: str  # ISO 8601, as the JSON answer carries it
    replayed: bool

    def as_json(self) -> dict:
        return {"completed_at": self.completed_at, "replayed": self.replayed}


def lesson_complete_once(
    *, learner, lesson: LessonPage, key=None, occurred_at: datetime | None = None
) -> StepOutcome:
    """Mark ``lesson`` complete once per ``key`` (a UUID), at ``occurred_at`` (clamped by
    lesson_complete). Without a key it is lesson_complete as before. A key already used for
    another step is refused (422): the phone's queue has a bug, or someone is guessing."""
    action = IdempotencyKey.Action.LESSON_COMPLETE
    if key is None:
        progress = lesson_complete(learner=learner, lesson=lesson, at=occurred_at)
        return StepOutcome(progress.completed_at.isoformat(), replayed=False)
    with transaction.atomic():
        record = IdempotencyKey.objects.filter(learner=learner, key=key).first()
        if record is None:
            try:
                with transaction.atomic():
                    record = IdempotencyKey.objects.create(
                        learner=learner, key=key, action=action, target_id=lesson.pk
                    )
                    created = True
            except IntegrityError:
                # The same key at the same instant (two tabs): the other request committed it.
                record = IdempotencyKey.objects.get(learner=learner, key=key)
                created = False
        else:
            created = False
        if not created:
            if record.action != action or record.target_id != lesson.pk:
                raise LmsError(
                    _(
                        "This step was sent with a key already used for another step. "
                        "Nothing was recorded; reload the lesson and mark it complete again."
                    ),
                    "key_reused",
                    422,
                )
            return StepOutcome(record.outcome["completed_at"], replayed=True)
        progress = lesson_complete(learner=learner, lesson=lesson, at=occurred_at)
        record.outcome = {"completed_at": progress.completed_at.isoformat()}
        record.save(update_fields=["outcome"])
        return StepOutcome(record.outcome["completed_at"], replayed=False)


def idempotency_keys_purge(*, now: datetime | None = None) -> int:
    """Delete keys older than KEEP_DAYS (beat, daily). Returns how many were deleted."""
    cutoff = (now or timezone.now()) - timedelta(days=KEEP_DAYS)
    deleted, _by_model = IdempotencyKey.objects.filter(created_at__lt=cutoff).delete()
    return deleted
