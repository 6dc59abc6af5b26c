"""Steps a learner's phone queued while offline and sent again later (static/js/offline/queue.js).

The phone makes an idempotency key (a uuid4) when the learner acts; every replay of that step
carries it. The first request that stores the key records the step; every later one (a replay,
a second tab, a retry after a lost answer) reads the stored outcome and answers the same.
Kept for 30 days (lms.services.replay.KEEP_DAYS), then purged by lms.purge_idempotency_keys (daily).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class IdempotencyKey(models.Model):
    class Action(models.TextChoices):
        LESSON_COMPLETE = "lesson_complete", _("Lesson completed")

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    key = models.UUIDField()
    action = models.CharField(max_length=32, choices=Action.choices)
    # The page the step was about (a lesson's pk): a plain id, so that deleting the page leaves
    # the record to answer "that key was for another step" until it is purged.
    target_id = models.PositiveIntegerField()
    # What the first request answered (JSON-ready), answered again to every replay.
    outcome = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            # Per learner: another learner's phone making the same key records its own step.
            models.UniqueConstraint(
                fields=["learner", "key"],
                name="one_step_per_idempotency_key",
                violation_error_message=_("This step was already sent."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.learner_id}:{self.key} {self.action} {self.target_id}"
