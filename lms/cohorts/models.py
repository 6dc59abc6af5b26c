"""Cohorts: scheduled runs of a cohort-format course, with sessions, seats and attendance.

- Seats: ``Cohort.seats_taken`` is raised by a conditional UPDATE and capped by a CheckConstraint,
  so two approvals racing for the last seat cannot over-fill a cohort, whatever the code does.
- CohortApplication: submitted → approved | declined.
- Attendance: one row per (session, learner), every change audited in AttendanceChange.
"""

from __future__ import annotations

import functools
import uuid
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class Cohort(models.Model):
    class Mode(models.TextChoices):
        INVITATION = "invitation", _("Invitation only")
        APPLICATION = "application", _("Application with approval")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.PROTECT,
        related_name="cohorts",
        verbose_name=_("course"),
        limit_choices_to={"format": "cohort"},
    )
    name = models.CharField(_("name"), max_length=120)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    capacity = models.PositiveIntegerField(_("capacity"), validators=[MinValueValidator(1)])
    seats_taken = models.PositiveIntegerField(default=0, editable=False)
    enrolment_mode = models.CharField(
        _("enrolment"), max_length=12, choices=Mode.choices, default=Mode.INVITATION
    )
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="facilitated_cohorts",
        verbose_name=_("facilitators"),
    )
    attendance_threshold = models.PositiveSmallIntegerField(
        _("attendance needed (%)"),
        default=75,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_(
            "Share of sessions a learner must attend to complete, with the required quizzes."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )

    class Meta:
        verbose_name = _("cohort")
        # Each message is what a form shows if it ever reaches the database check; clean()
        # puts the same rules on the field they are about first.
        constraints = [
            models.CheckConstraint(
                condition=Q(seats_taken__lte=F("capacity")),
                name="cohort_never_over_capacity",
                violation_error_message=_(
                    "The capacity cannot be lower than the number of seats already taken."
                ),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="cohort_ends_after_it_starts",
                violation_error_message=_("The cohort must end on or after the day it starts."),
            ),
            models.CheckConstraint(
                condition=Q(attendance_threshold__lte=100),
                name="cohort_threshold_is_a_percentage",
                violation_error_message=_("The attendance needed is a percentage: at most 100."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def seats_left(self) -> int:
        return max(0, self.capacity - self.seats_taken)

    def clean(self) -> None:
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The cohort must end on or after the day it starts.")
        if self.capacity is not None and self.capacity < self.seats_taken:
            errors["capacity"] = ngettext(
                "%(taken)s seat is taken: the capacity cannot be lower. Withdraw learners "
                "first, or keep it at %(taken)s or more.",
                "%(taken)s seats are taken: the capacity cannot be lower. Withdraw learners "
                "first, or keep it at %(taken)s or more.",
                self.seats_taken,
            ) % {"taken": self.seats_taken}
        if self.pk and self.course_id:
            before = Cohort.objects.filter(pk=self.pk).values_list("course_id", flat=True).first()
            members = self.enrolments.count() if before not in (None, self.course_id) else 0
            if members:
                # Their enrolments, progress and attendance belong to the course they are in.
                errors["course"] = ngettext(
                    "%(count)s learner is in this cohort: its course cannot change any more.",
                    "%(count)s learners are in this cohort: its course cannot change any more.",
                    members,
                ) % {"count": members}
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # seats_taken moves only through conditional UPDATEs (lms.cohorts.services), so a save
        # of an instance read earlier (the admin's form, read before an approval took a seat)
        # must not write its stale count back: that would give seats away.
        if (
            not self._state.adding
            and kwargs.get("update_fields") is None
            and not kwargs.get("force_insert")
        ):
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name != "seats_taken"
            ]
        super().save(*args, **kwargs)


class CohortSession(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=150)
    agenda = models.TextField(_("agenda"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    meeting_url = models.URLField(_("online meeting link"), blank=True)
    lessons = models.ManyToManyField(
        "courses.LessonPage", blank=True, related_name="+", verbose_name=_("lessons to read")
    )
    documents = models.ManyToManyField(
        "wagtaildocs.Document", blank=True, related_name="+", verbose_name=_("documents")
    )
    cancelled = models.BooleanField(_("cancelled"), default=False)
    # Raised on every change of time or place: calendar apps replace the event (RFC 5545).
    sequence = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("session")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="session_ends_after_it_starts",
                violation_error_message=_("The session must end after it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The session must end after it starts.")})


class CohortApplication(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for a decision")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="applications")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cohort_applications"
    )
    motivation = models.TextField(_("why you want to join"), max_length=2000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    submitted_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_note = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "learner"],
                name="one_application_each",
                violation_error_message=_("You have already applied to this cohort."),
            )
        ]


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Excused")

    session = models.ForeignKey(CohortSession, on_delete=models.CASCADE, related_name="attendance")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attendance"
    )
    status = models.CharField(max_length=8, choices=Status.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "learner"],
                name="one_attendance_each",
                violation_error_message=_("This learner's attendance at this session is recorded."),
            )
        ]


class AttendanceChange(models.Model):
    """Audit: who set whose attendance to what, when and how (roster or check-in code)."""

    class Via(models.TextChoices):
        ROSTER = "roster", _("Facilitator's roster")
        CODE = "code", _("Check-in code")

    session = models.ForeignKey(CohortSession, on_delete=models.CASCADE, related_name="+")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    previous = models.CharField(max_length=8, blank=True)
    status = models.CharField(max_length=8)
    via = models.CharField(max_length=8, choices=Via.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)


@functools.cache
def time_zone_names() -> tuple[str, ...]:
    """Every zone of the tz database, sorted (the timetable's choices)."""
    # Reading the tz database walks hundreds of files; the list does not change while we run.
    return tuple(sorted(zoneinfo.available_timezones()))


@functools.cache
def _time_zone_names() -> frozenset[str]:
    return frozenset(time_zone_names())


def validate_time_zone(value: str) -> None:
    if value and value not in _time_zone_names():
        raise ValidationError(_("“%(value)s” is not a known time zone."), params={"value": value})


class LearnerSettings(models.Model):
    """A learner's own settings for cohort pages and e-mails. No row (or a blank time zone)
    means the site's time zone, Africa/Kigali."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learner_settings"
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("Session times are shown in this time zone. Leave empty for Kigali time."),
    )

    class Meta:
        verbose_name = _("learner settings")
        verbose_name_plural = _("learner settings")


class SessionReminder(models.Model):
    """One e-mail about one session to one learner: the 24 h and 1 h reminders, and the notices
    that a session moved or was cancelled. The row is written in the transaction that decides to
    send, the e-mail goes after commit; the unique constraint makes each go out once per version
    (``sequence``) of the session, whatever reruns or restarts happen. ``emailed_at`` is set when
    the e-mail was handed to the mail server, so a redelivered e-mail task sends nothing again."""

    class Kind(models.TextChoices):
        DAY_BEFORE = "24h", _("24 hours before")
        HOUR_BEFORE = "1h", _("1 hour before")
        CHANGED = "changed", _("Session changed")
        CANCELLED = "cancelled", _("Session cancelled")

    session = models.ForeignKey(CohortSession, on_delete=models.CASCADE, related_name="reminders")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sequence = models.PositiveIntegerField()
    # When the decision to send was recorded.
    sent_at = models.DateTimeField()
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "learner", "kind", "sequence"],
                name="one_session_reminder_each",
                violation_error_message=_("This reminder was already sent."),
            )
        ]


class CohortImport(models.Model):
    """A CSV bulk enrolment that went through (lms/cohorts/roster_import/): who uploaded which
    file, and what it did. A file with any bad row imports nothing and leaves no record; neither
    does a re-upload in which everyone is already in the cohort, since it changes nothing."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="imports")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Tells "this same file was imported on ..." apart from a new version of it.
    file_sha256 = models.CharField(max_length=64)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    invited = models.PositiveIntegerField(_("invited"), default=0)
    enrolled = models.PositiveIntegerField(_("existing users enrolled"), default=0)
    skipped = models.PositiveIntegerField(_("already in the cohort"), default=0)
    # The profile has no field for a role or job title, so the file's is kept here:
    # {user public_id: role}, for the people this import invited or enrolled.
    roles = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cohort import")
        ordering = ["-at"]
        indexes = [models.Index(fields=["cohort", "file_sha256"])]

    def __str__(self) -> str:
        return f"{self.cohort_id}: {self.rows} rows at {self.at:%Y-%m-%d %H:%M}"
