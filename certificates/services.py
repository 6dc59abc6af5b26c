"""Issuing, revoking and reissuing certificates.

Issuing is two steps so that it is exactly-once under redelivery:

1. ``certificate_prepare`` (one transaction, row lock on the completion's enrolment): write a
   *pending* certificate holding the (learner, course) slot. The partial unique constraint makes
   a second pending or issued row impossible, whatever races.
2. ``certificate_issue``: count the delivery (committed first, so a worker killed mid-render still
   counts), render the PDF and sign the credential outside any transaction, then, under a row
   lock, store them and flip pending → issued only if it is still pending. A redelivered task
   finds it issued and does nothing; one killed before the commit re-renders to the same file
   name. After ``ISOKO_CERTIFICATE_MAX_ATTEMPTS`` deliveries the certificate is parked for staff.
"""

from __future__ import annotations

import calendar
import hashlib
import logging
from datetime import date
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from accounts.api import profile_for
from certificates.credential import credential_sign, credential_unsigned
from certificates.models import Certificate, CertificateEvent
from certificates.pdf import CertificateContent, look_from_template, render_pdf
from certificates.signals import certificate_revoked
from certificates.status import status_slot_assign
from certificates.tasks import issue_certificate_task, send_certificate_email_task
from core.language import language_for
from core.links import absolute_url
from courses.api import certificate_terms
from lms.api import completion_facts

logger = logging.getLogger(__name__)
Status = Certificate.Status
Action = CertificateEvent.Action


class CertificateError(Exception):
    """A staff action that cannot be done, with a message fit to show them."""


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def printed_name(user) -> str:
    """The profile's full name, exactly as the learner typed it for certificates."""
    profile = profile_for(user)
    return (profile.full_name or profile.display_name).strip()


def verify_path(certificate: Certificate) -> str:
    from django.urls import reverse

    return reverse("certificates:verify", args=[certificate.code])


# ---------------------------------------------------------------------------------------------
# Issuing
# ---------------------------------------------------------------------------------------------
def certificate_prepare(*, completion_id: int) -> Certificate | None:
    """The pending certificate for a completion: created once, found every later time."""
    completion = completion_facts(completion_id=completion_id)
    if completion is None:
        logger.warning("certificate: completion %s not found", completion_id)
        return None
    learner = completion.learner
    course = certificate_terms(course_id=completion.course_id)
    if course is None or not course.issues_certificate:
        return None
    with transaction.atomic():
        existing = Certificate.objects.filter(completion_id=completion_id).order_by("pk").first()
        if existing is None:
            existing = Certificate.objects.filter(
                learner_id=learner.pk,
                course_id=course.course_id,
                status__in=Certificate.SLOT_STATUSES,
            ).first()
        if existing is not None:
            return existing
        certificate = Certificate(
            learner_id=learner.pk,
            course_id=course.course_id,
            cohort_id=completion.cohort_id,
            completion_id=completion_id,
            name=printed_name(learner),
            course_title=course.title,
            hours=course.hours,
            language=course.language
            if course.language in dict(settings.LANGUAGES)
            else language_for(user=learner),
        )
        try:
            with transaction.atomic():
                certificate.save()
        except IntegrityError:
            # Another delivery won the race for the slot: theirs is the certificate.
            return Certificate.objects.get(
                learner_id=learner.pk,
                course_id=course.course_id,
                status__in=Certificate.SLOT_STATUSES,
            )
        CertificateEvent.objects.create(certificate=certificate, action=Action.CREATED)
    return certificate


def _count_delivery(certificate_id: int) -> Certificate | None:
    """Record one more delivery, committed at once. None when there is nothing to do."""
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().filter(pk=certificate_id).first()
        if certificate is None or certificate.status != Status.PENDING or certificate.parked_at:
            return None
        if certificate.attempts >= settings.ISOKO_CERTIFICATE_MAX_ATTEMPTS:
            certificate.parked_at = timezone.now()
            if not certificate.last_error:
                # Nothing was recorded: every delivery died with its worker (crash, OOM, kill).
                certificate.last_error = (
                    f"Stopped after {certificate.attempts} deliveries that never finished "
                    "(the worker was lost each time)."
                )
            certificate.save(update_fields=["parked_at", "last_error"])
            CertificateEvent.objects.create(
                certificate=certificate, action=Action.PARKED, reason=certificate.last_error
            )
            logger.error(
                "certificate %s parked after %s attempts", certificate.pk, certificate.attempts
            )
            return None
        certificate.attempts += 1
        certificate.save(update_fields=["attempts"])
        # Under the same lock, so a redelivery signs with the slot the first delivery drew.
        status_slot_assign(certificate)
    return certificate


def certificate_render(certificate: Certificate, *, issued_on: date) -> bytes:
    course = certificate_terms(course_id=certificate.course_id)
    content = CertificateContent(
        name=certificate.name,
        course=certificate.course_title,
        issued_on=issued_on,
        hours=certificate.hours,
        code=certificate.code,
        verify_url=absolute_url(verify_path(certificate)),
        language=certificate.language,
        issuer_name=settings.ISOKO_ISSUER_NAME,
        expires_on=certificate.expires_on,
    )
    return _renderer()(content, look_from_template(course.template))


def _renderer():
    """The real renderer, unless the test settings name a stand-in (ISOKO_CERTIFICATE_RENDERER:
    a fast fake, or one that fails on purpose). No other settings module defines it."""
    stand_in = getattr(settings, "ISOKO_CERTIFICATE_RENDERER", None)
    return import_string(stand_in) if stand_in else render_pdf


def certificate_issue(*, certificate_id: int) -> Certificate | None:
    """Render, sign and store a pending certificate; see the module docstring."""
    certificate = _count_delivery(certificate_id)
    if certificate is None:
        current = Certificate.objects.filter(pk=certificate_id).first()
        if current is not None and current.status == Status.ISSUED and current.emailed_at is None:
            # A worker lost between the issuing commit and the e-mail's enqueue leaves this
            # delivery unacknowledged; its redelivery lands here and must send the e-mail itself,
            # or nobody ever will. Sending twice is harmless: the e-mail task sends once.
            send_certificate_email_task.delay_on_commit(current.pk)
        return current
    try:
        now = timezone.now()
        issued_on = timezone.localdate(now)
        if certificate.expires_on is None:  # a reissue keeps the expiry it replaces
            terms = certificate_terms(course_id=certificate.course_id)
            months = terms.valid_months if terms is not None else None
            certificate.expires_on = add_months(issued_on, months) if months else None
        pdf = certificate_render(certificate, issued_on=issued_on)
        certificate.issued_at = now
        certificate.issued_on = issued_on
        credential = credential_sign(credential_unsigned(certificate))
    except Exception as error:  # noqa: BLE001  (recorded for staff, then re-raised)
        _record_failure(certificate_id, error)
        raise
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate_id)
        if locked.status != Status.PENDING:
            return locked
        locked.pdf.save(f"{locked.code}.pdf", ContentFile(pdf), save=False)
        locked.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
        locked.credential = credential
        locked.issued_at, locked.issued_on = certificate.issued_at, certificate.issued_on
        locked.expires_on = certificate.expires_on
        locked.status = Status.ISSUED
        locked.last_error = ""
        locked.save()
        CertificateEvent.objects.create(certificate=locked, action=Action.ISSUED)
        send_certificate_email_task.delay_on_commit(locked.pk)
    return locked


def _record_failure(certificate_id: int, error: Exception) -> None:
    message = f"{type(error).__name__}: {error}"[:2000]
    with transaction.atomic():
        Certificate.objects.filter(pk=certificate_id).update(last_error=message)
        CertificateEvent.objects.create(
            certificate_id=certificate_id, action=Action.FAILED, reason=message
        )


def certificate_issue_for_completion(*, completion_id: int) -> Certificate | None:
    certificate = certificate_prepare(completion_id=completion_id)
    if certificate is None or certificate.status != Status.PENDING:
        return certificate
    return certificate_issue(certificate_id=certificate.pk)


# ---------------------------------------------------------------------------------------------
# Staff actions (Wagtail admin): revoke, reissue, retry a parked certificate
# ---------------------------------------------------------------------------------------------
def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give a reason: it is shown on the verification page and kept."))
    return reason


def certificate_revoke(*, certificate: Certificate, actor, reason: str) -> Certificate:
    reason = _require_reason(reason)
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.status != Status.ISSUED:
            raise CertificateError(_("Only an issued certificate can be revoked."))
        locked.status = Status.REVOKED
        locked.revoked_at = timezone.now()
        locked.revoked_reason = reason
        locked.save(update_fields=["status", "revoked_at", "revoked_reason"])
        CertificateEvent.objects.create(
            certificate=locked, action=Action.REVOKED, actor=actor, reason=reason
        )
        # Sent after commit, never for a revocation that rolled back.
        transaction.on_commit(
            partial(certificate_revoked.send, sender=Certificate, certificate_id=locked.pk)
        )
    return locked


def certificate_reissue(*, certificate: Certificate, actor, reason: str, name: str) -> Certificate:
    """Supersede an issued certificate by a new one (for example after a name correction). The
    old code keeps resolving, to "superseded by" and a link to the new one."""
    reason = _require_reason(reason)
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("The name to print cannot be empty."))
    with transaction.atomic():
        old = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if old.status != Status.ISSUED:
            raise CertificateError(_("Only an issued certificate can be reissued."))
        old.status = Status.SUPERSEDED
        old.save(update_fields=["status"])
        new = Certificate.objects.create(
            learner_id=old.learner_id,
            course_id=old.course_id,
            cohort_id=old.cohort_id,
            completion_id=old.completion_id,
            name=name,
            course_title=old.course_title,
            hours=old.hours,
            language=old.language,
            # A name correction does not extend validity.
            expires_on=old.expires_on,
        )
        old.superseded_by = new
        old.save(update_fields=["superseded_by"])
        CertificateEvent.objects.create(
            certificate=old, action=Action.SUPERSEDED, actor=actor, reason=reason
        )
        CertificateEvent.objects.create(
            certificate=new, action=Action.REISSUED, actor=actor, reason=reason
        )
        issue_certificate_task.delay_on_commit(new.pk)
    return new


def certificate_retry(*, certificate: Certificate, actor) -> Certificate:
    """Give a parked certificate a fresh set of attempts."""
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.status != Status.PENDING:
            raise CertificateError(_("Only a pending certificate can be retried."))
        locked.attempts = 0
        locked.parked_at = None
        locked.save(update_fields=["attempts", "parked_at"])
        CertificateEvent.objects.create(certificate=locked, action=Action.RETRIED, actor=actor)
        issue_certificate_task.delay_on_commit(locked.pk)
    return locked
