"""Certificates: one record per certificate, its audit trail, and every signing key ever used.

State machine (docs/architecture.md): pending → issued; issued → revoked (reason, time, who) or
superseded (by the reissued certificate). A pending certificate that keeps failing is parked
(``parked_at``) for staff to look at and retry; it stays pending, so it still holds the
(learner, course) slot and nothing issues twice.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.storage import named_storage

# A status list holds this many entries (Bitstring Status List's minimum size, 16 KiB).
STATUS_LIST_SIZE = 131_072


def new_public_code() -> str:
    """160 random bits, URL-safe (27 characters). Never derived from the primary key."""
    return secrets.token_urlsafe(20)


def private_storage():
    """PDFs live outside MEDIA_ROOT's public paths (or in the private bucket, ISOKO_STORAGE=s3);
    only our views hand them out."""
    return named_storage("certificates")


def pdf_path(certificate: Certificate, filename: str) -> str:
    # Named by code, so a redelivered task overwrites its own file instead of adding one.
    return f"certificates/{certificate.code[:2]}/{certificate.code}.pdf"


class CertificateQuerySet(models.QuerySet):
    def valid(self, *, today=None) -> CertificateQuerySet:
        """The valid-certificate rule as a filter (``Certificate.is_valid`` is the same rule for
        one certificate, and the only other place it is written): issued and not expired. A
        pending certificate is not valid yet; a revoked or superseded one is not any more."""
        today = today or timezone.localdate()
        return self.filter(status=Certificate.Status.ISSUED).filter(
            Q(expires_on__isnull=True) | Q(expires_on__gte=today)
        )


class Certificate(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ISSUED = "issued", _("Issued")
        REVOKED = "revoked", _("Revoked")
        SUPERSEDED = "superseded", _("Superseded")

    # The statuses that hold the (learner, course) slot (the unique constraint below): a pending
    # certificate is on its way, so it holds the slot although it is not valid yet.
    SLOT_STATUSES = (Status.PENDING, Status.ISSUED)

    code = models.CharField(
        _("public code"), max_length=40, unique=True, default=new_public_code, editable=False
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("learner"),
    )
    # PROTECT: a course with certificates cannot be deleted; unpublish it instead, so every
    # certificate keeps resolving.
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("course"),
    )
    cohort = models.ForeignKey(
        "lms.Cohort", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    completion = models.ForeignKey(
        "lms.Completion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Snapshots: what the certificate says stays what it said, whatever is edited later.
    name = models.CharField(_("name as printed"), max_length=200)
    course_title = models.CharField(_("course as printed"), max_length=255)
    hours = models.PositiveSmallIntegerField(_("hours"), default=1)
    language = models.CharField(_("language"), max_length=10, default=settings.LANGUAGE_CODE)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    expires_on = models.DateField(_("valid until"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason for revocation"), blank=True)
    superseded_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supersedes",
        verbose_name=_("superseded by"),
    )
    pdf = models.FileField(_("PDF"), upload_to=pdf_path, storage=private_storage, blank=True)
    pdf_sha256 = models.CharField(_("PDF SHA-256"), max_length=64, blank=True)
    credential = models.JSONField(_("signed credential"), null=True, blank=True)
    # Delivery bookkeeping: every delivery of the issuing task counts, including ones whose
    # worker was killed, so a poisoned certificate is parked after a bounded number.
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    parked_at = models.DateTimeField(_("parked at"), null=True, blank=True)
    # The certificate's Bitstring Status List slot: which list, and its bit in it. Drawn at random
    # among the free bits when the certificate is first signed (certificates/status.py), so the
    # index says nothing of how many certificates were issued or in what order. Certificates
    # issued before migration 0002 keep the slot their primary key gave them: their signed
    # credentials carry it.
    status_list = models.PositiveIntegerField(null=True, blank=True, editable=False)
    status_index = models.PositiveIntegerField(null=True, blank=True, editable=False)
    emailed_at = models.DateTimeField(null=True, blank=True)
    expiry_reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-created_at"]
        constraints = [
            # At most one valid certificate per learner and course. Pending counts: it is a
            # certificate on its way, and holding the slot is what makes issuing idempotent.
            models.UniqueConstraint(
                fields=["learner", "course"],
                condition=Q(status__in=["pending", "issued"]),
                name="certificates_one_valid_per_learner_course",
                violation_error_message=_(
                    "This learner already holds a valid certificate for this course."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status="revoked") | ~Q(revoked_reason=""),
                name="certificates_revoked_has_reason",
                violation_error_message=_("A revoked certificate needs a reason."),
            ),
            models.CheckConstraint(
                condition=~Q(status="issued") | (Q(issued_at__isnull=False) & ~Q(pdf_sha256="")),
                name="certificates_issued_has_pdf",
                violation_error_message=_(
                    "An issued certificate needs its PDF and its date of issue."
                ),
            ),
            # One certificate per status bit: two sharing one would be revoked together.
            models.UniqueConstraint(
                fields=["status_list", "status_index"],
                name="certificates_one_per_status_slot",
                violation_error_message=_(
                    "This place on the status list already belongs to another certificate."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status_list__isnull=True, status_index__isnull=True)
                | Q(
                    status_list__isnull=False,
                    status_index__isnull=False,
                    status_index__lt=STATUS_LIST_SIZE,
                ),
                name="certificates_status_slot_whole_and_in_range",
                violation_error_message=_(
                    "A certificate's place on the status list needs both the list and a "
                    "position within it."
                ),
            ),
            # A signed credential names its slot: the slot must be recorded with it.
            models.CheckConstraint(
                condition=Q(credential__isnull=True) | Q(status_index__isnull=False),
                name="certificates_signed_has_status_slot",
                violation_error_message=_(
                    "A signed certificate needs its place on the status list."
                ),
            ),
        ]
        indexes = [models.Index(fields=["status", "expires_on"])]

    def __str__(self) -> str:
        return f"{self.name} — {self.course_title} ({self.get_status_display()})"

    @property
    def is_expired(self) -> bool:
        return bool(self.expires_on and self.expires_on < timezone.localdate())

    @property
    def is_valid(self) -> bool:
        # The same rule as CertificateQuerySet.valid, for a certificate already loaded.
        return self.status == self.Status.ISSUED and not self.is_expired


class CertificateEvent(models.Model):
    """The audit trail: who did what to a certificate, when, and why."""

    class Action(models.TextChoices):
        CREATED = "created", _("Created")
        ISSUED = "issued", _("Issued")
        EMAILED = "emailed", _("E-mailed")
        FAILED = "failed", _("Attempt failed")
        PARKED = "parked", _("Parked after repeated failures")
        RETRIED = "retried", _("Retried by staff")
        REVOKED = "revoked", _("Revoked")
        REISSUED = "reissued", _("Reissued")
        SUPERSEDED = "superseded", _("Superseded")
        EXPIRY_REMINDED = "expiry_reminded", _("Expiry reminder sent")

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"

    @property
    def note(self) -> str:
        """What the shared admin audit-trail table shows beside the action."""
        return self.reason


class PublishedKey(models.Model):
    """Every public key that ever signed a credential. Publishing reads this table as well as the
    keyring, so an old key stays published after rotation even if the environment forgets it."""

    key_id = models.CharField(
        max_length=80, unique=True, error_messages={"unique": _("This key is already published.")}
    )
    public_key_multibase = models.CharField(max_length=100)
    first_used_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["first_used_at"]

    def __str__(self) -> str:
        return self.key_id
