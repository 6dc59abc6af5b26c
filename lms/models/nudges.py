"""Records of nudges sent, so each goes out once, and learners' opt-outs."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.models.learning import Enrolment


class Nudge(models.Model):
    """A reminder e-mailed about one enrolment. The row is written in the same transaction that
    decides to send, and the e-mail goes after commit, so a rerun (or a second worker) finds the
    row and sends nothing twice."""

    class Kind(models.TextChoices):
        INACTIVITY = "inactivity", _("Inactivity reminder")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="nudges")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    sent_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["enrolment", "kind", "sent_at"])]


class TrainerDigest(models.Model):
    """The weekly "inactive learners" digest, at most one per trainer per ISO week."""

    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="trainer_digests"
    )
    # ISO week in Kigali time, e.g. "2026-W48".
    week = models.CharField(max_length=8)
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["trainer", "week"],
                name="one_digest_per_trainer_week",
                violation_error_message=_("This trainer's digest for this week was already sent."),
            )
        ]


class NudgePreference(models.Model):
    """Whether a user accepts reminder e-mails. No row means yes; the one-click unsubscribe link
    writes ``nudges_enabled=False``. Kept in lms (not on the profile) because lms sends them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="nudge_preference"
    )
    nudges_enabled = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)
