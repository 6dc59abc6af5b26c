"""E-mails to certificate holders: the certificate itself (PDF attached) and, for certificates
that expire, a reminder 30 days before. Each is recorded on the certificate under a row lock, so
a redelivered task sends nothing twice."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from certificates.models import Certificate, CertificateEvent
from certificates.tasks import send_expiry_reminder_email_task
from core.email import email_to
from core.links import absolute_url

logger = logging.getLogger(__name__)
REMINDER_LEAD = timedelta(days=30)


def _message(certificate: Certificate, template: str) -> EmailMessage:
    from certificates.credential import verify_url

    user = certificate.learner
    return email_to(
        user,
        template,
        lambda: {
            "name": user.get_short_name(),
            "certificate": certificate,
            "verify_url": verify_url(certificate),
            "dashboard_url": absolute_url("/dashboard/"),
        },
    )


def certificate_email_send(*, certificate_id: int) -> bool:
    """E-mail an issued certificate with its PDF attached. Returns whether one went out."""
    with transaction.atomic():
        certificate = (
            Certificate.objects.select_for_update(of=("self",))
            .select_related("learner")
            .filter(pk=certificate_id, status=Certificate.Status.ISSUED, emailed_at__isnull=True)
            .first()
        )
        if certificate is None or not certificate.learner.is_active:
            return False
        message = _message(certificate, "certificates/email/issued")
        with certificate.pdf.open("rb") as pdf:
            message.attach(f"certificate-{certificate.code[:8]}.pdf", pdf.read(), "application/pdf")
        message.send()
        certificate.emailed_at = timezone.now()
        certificate.save(update_fields=["emailed_at"])
        CertificateEvent.objects.create(
            certificate=certificate, action=CertificateEvent.Action.EMAILED
        )
    return True


def expiry_reminders_send(*, today=None) -> int:
    """Daily (beat): queue a reminder for each valid certificate expiring within 30 days."""
    today = today or timezone.localdate()
    due = list(
        Certificate.objects.valid(today=today)
        .filter(expires_on__lte=today + REMINDER_LEAD, expiry_reminded_at__isnull=True)
        .values_list("pk", flat=True)
    )
    for certificate_id in due:
        send_expiry_reminder_email_task.delay(certificate_id)
    return len(due)


def expiry_reminder_email_send(*, certificate_id: int) -> bool:
    with transaction.atomic():
        certificate = (
            Certificate.objects.select_for_update(of=("self",))
            .select_related("learner")
            .filter(
                pk=certificate_id,
                status=Certificate.Status.ISSUED,
                expiry_reminded_at__isnull=True,
            )
            .first()
        )
        if certificate is None or not certificate.learner.is_active:
            return False
        _message(certificate, "certificates/email/expiring").send()
        certificate.expiry_reminded_at = timezone.now()
        certificate.save(update_fields=["expiry_reminded_at"])
        CertificateEvent.objects.create(
            certificate=certificate, action=CertificateEvent.Action.EXPIRY_REMINDED
        )
    return True
