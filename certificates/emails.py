"""E-mails to certificate holders: the certificate itself (PDF attached) and, for certificates
that expire, a reminder 30 days before. Each is recorded on the certificate under a row lock, so
a redelivered task sends nothing twice."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts.api import profile_for
from certificates.models import Certificate, CertificateEvent
from certificates.tasks import send_expiry_reminder_email_task
from lms.api import absolute_url, language_for

logger = logging.getLogger(__name__)
REMINDER_LEAD = timedelta(days=30)


def _render(template: str, context: dict) -> tuple[str, str]:
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    return subject, render_to_string(f"{template}_body.txt", context)


def _message(certificate: Certificate, template: str) -> EmailMessage:
    from certificates.credential import verify_url

    user = certificate.learner
    language = language_for(user=user)
    with translation.override(language):
        context = {
            "name": profile_for(user).display_name,
            "certificate": certificate,
            "verify_url": verify_url(certificate),
            "dashboard_url": absolute_url("/dashboard/"),
        }
        subject, body = _render(template, context)
    return EmailMessage(
        subject,
        body,
        to=[user.email],
        headers={"Content-Language": language, "Auto-Submitted": "auto-generated"},
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
