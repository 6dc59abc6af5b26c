"""Learner state. Pages (courses) hold content; every row here is about one learner.

State machines (enforced in services, backed by constraints):
- Enrolment: active → completed | active → withdrawn (→ active again on re-enrolment, audited).
- QuizAttempt: open → submitted (graded once) | open → expired (closed by the overdue task,
  graded on what was autosaved). At most one open attempt per (learner, quiz).
- Completion: written once per enrolment, never undone by later content edits.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Enrolment(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="enrolments"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.ACTIVE)
    enrolled_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    last_activity_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # Set for cohort enrolments: one cohort per learner and course.
    cohort = models.ForeignKey(
        "lms.Cohort", null=True, blank=True, on_delete=models.PROTECT, related_name="enrolments"
    )
    # Where "Continue where you left off" goes: the lesson or quiz the learner last opened.
    last_item = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            # One enrolment per course; a cohort enrolment names its cohort on the same row.
            models.UniqueConstraint(
                fields=["learner", "course"],
                name="one_enrolment_per_course",
                violation_error_message=_("This learner is already enrolled in this course."),
            ),
        ]
        indexes = [models.Index(fields=["course", "status"])]

    def __str__(self) -> str:
        return f"{self.learner_id} in {self.course_id} ({self.status})"


class EnrolmentEvent(models.Model):
    """Audit of every enrolment change, written in the same transaction as the change."""

    class Action(models.TextChoices):
        ENROLLED = "enrolled", _("Enrolled")
        WITHDREW = "withdrew", _("Withdrew")
        REJOINED = "rejoined", _("Re-enrolled")
        COMPLETED = "completed", _("Completed")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=12, choices=Action.choices)
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )


class LessonProgress(models.Model):
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_progress"
    )
    lesson = models.ForeignKey("courses.LessonPage", on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey("courses.CoursePage", on_delete=models.CASCADE, related_name="+")
    completed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "lesson"],
                name="one_progress_per_lesson",
                violation_error_message=_(
                    "This lesson is already marked complete for this learner."
                ),
            )
        ]
        indexes = [models.Index(fields=["learner", "course"])]


class QuizAttempt(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("In progress")
        SUBMITTED = "submitted", _("Submitted")
        EXPIRED = "expired", _("Closed at the time limit")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    quiz = models.ForeignKey("courses.QuizPage", on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey("courses.CoursePage", on_delete=models.CASCADE, related_name="+")
    number = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    started_at = models.DateTimeField(default=timezone.now)
    deadline = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Frozen at start: [{"id": question id, "options": [option ids in the order shown]}, ...]
    questions = models.JSONField()
    # Autosaved answers, {question id: answer}; kept as they were when the attempt closed.
    answers = models.JSONField(default=dict)
    # The phone's counter of the last autosave stored (quiz.js, offline-safe autosave): a save
    # replayed out of order, with a lower number, never overwrites newer answers.
    answers_seq = models.PositiveBigIntegerField(default=0)
    score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(null=True)
    # Per question: {question id: {"fraction": 0..1, "points": n}} (for reviews and reports).
    results = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "quiz"],
                condition=Q(status="open"),
                name="one_open_attempt_per_quiz",
                violation_error_message=_("This learner already has an attempt open on this quiz."),
            ),
            models.UniqueConstraint(
                fields=["learner", "quiz", "number"],
                name="attempt_numbers_unique",
                violation_error_message=_("This attempt number is already used on this quiz."),
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=100),
                name="attempt_score_is_a_percentage",
                violation_error_message=_("A score is a percentage: between 0 and 100."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "deadline"]),
            models.Index(fields=["quiz", "status"]),
        ]

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Completion(models.Model):
    """A course completed. Written once; later content edits never take it back."""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="completion")
    completed_at = models.DateTimeField()
    # When the "course completed" event was enqueued (exactly once, after commit).
    event_enqueued_at = models.DateTimeField(null=True, blank=True)
