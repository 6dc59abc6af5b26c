"""Certificate tasks. They take ids and are safe to run twice (see certificates/services.py)."""

import logging
import random

from celery import shared_task
from django.conf import settings

logger = logging.getLogger(__name__)


def _retry_delay(attempts: int) -> float:
    # Exponential backoff from a configurable base (tests shorten it), capped at 10 minutes,
    # with jitter so a batch that failed together does not retry together.
    base = settings.ISOKO_CERTIFICATE_RETRY_DELAY * (2 ** max(attempts - 1, 0))
    return min(base, 600.0) * random.uniform(0.5, 1.0)


@shared_task(name="certificates.issue_for_completion")
def issue_for_completion_task(completion_id: int) -> int | None:
    """Enqueued by the receiver of lms's ``course_completed`` (certificates/receivers.py)."""
    from certificates.services import certificate_prepare

    certificate = certificate_prepare(completion_id=completion_id)
    if certificate is None:
        return None
    _issue_or_retry(certificate.pk)
    return certificate.pk


@shared_task(name="certificates.issue")
def issue_certificate_task(certificate_id: int) -> int:
    _issue_or_retry(certificate_id)
    return certificate_id


def _issue_or_retry(certificate_id: int) -> None:
    from certificates.models import Certificate
    from certificates.services import certificate_issue

    try:
        certificate_issue(certificate_id=certificate_id)
    except Exception as error:  # noqa: BLE001  (any failure: counted, retried, then parked)
        # Retry as a fresh task for this certificate; the delivery count in the database, not
        # Celery's retry count, decides when to park it (redeliveries after a killed worker
        # count too, and Celery cannot see those).
        logger.warning("certificate %s: attempt failed: %s", certificate_id, error)
        if settings.CELERY_TASK_ALWAYS_EAGER:
            # In-process tasks (the embedded demo) run inside the learner's request: the
            # failure is recorded on the certificate for staff, never shown to the learner.
            return
        attempts = (
            Certificate.objects.filter(pk=certificate_id).values_list("attempts", flat=True).first()
        )
        issue_certificate_task.apply_async(
            args=[certificate_id], countdown=_retry_delay(attempts or 1)
        )


# SMTP errors are OSErrors: retried with the base task's backoff (IsokoTask).
@shared_task(name="certificates.send_certificate_email", autoretry_for=(OSError,))
def send_certificate_email_task(certificate_id: int) -> bool:
    from certificates.emails import certificate_email_send

    return certificate_email_send(certificate_id=certificate_id)


@shared_task(name="certificates.send_expiry_reminders")
def send_expiry_reminders_task() -> int:
    from certificates.emails import expiry_reminders_send

    return expiry_reminders_send()


@shared_task(name="certificates.send_expiry_reminder_email", autoretry_for=(OSError,))
def send_expiry_reminder_email_task(certificate_id: int) -> bool:
    from certificates.emails import expiry_reminder_email_send

    return expiry_reminder_email_send(certificate_id=certificate_id)
