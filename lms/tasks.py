import logging

from celery import current_app, shared_task
from django.conf import settings

logger = logging.getLogger(__name__)


@shared_task(name="lms.course_completed")
def course_completed_task(completion_id: int) -> list[str]:
    """The "course completed" event. It fans out to the tasks named in
    ``ISOKO_COMPLETION_CONSUMERS`` (the certificates app adds its issuer there), by name, so lms
    never imports the apps downstream of it."""
    consumers = list(getattr(settings, "ISOKO_COMPLETION_CONSUMERS", []))
    for name in consumers:
        if settings.CELERY_TASK_ALWAYS_EAGER:
            current_app.tasks[name].apply(args=[completion_id])
        else:
            current_app.send_task(name, args=[completion_id])
    logger.info("course completed: completion %s → %s", completion_id, consumers)
    return consumers


@shared_task(name="lms.expire_overdue_attempts")
def expire_overdue_attempts_task() -> int:
    from lms.services import quiz_attempt_expire_overdue

    return quiz_attempt_expire_overdue()


@shared_task(name="lms.send_inactivity_nudges")
def send_inactivity_nudges_task() -> int:
    """Daily (beat): record and queue the inactivity nudges, a batch at a time. A full batch means
    more may be waiting, so the task queues itself again; a rerun never sends twice."""
    from lms.nudges import BATCH_SIZE, nudges_send_inactivity

    queued = nudges_send_inactivity(limit=BATCH_SIZE)
    if queued >= BATCH_SIZE:
        send_inactivity_nudges_task.delay_on_commit()
    return queued


# SMTP errors are OSErrors: retried with the base task's backoff (IsokoTask).
@shared_task(name="lms.send_inactivity_nudge_email", autoretry_for=(OSError,))
def send_inactivity_nudge_email_task(nudge_ids: list[int]) -> bool:
    from lms.nudges import nudge_email_send

    return nudge_email_send(nudge_ids=nudge_ids)


@shared_task(name="lms.send_trainer_digests")
def send_trainer_digests_task() -> int:
    """Weekly (beat): each trainer's digest of inactive learners, once per ISO week."""
    from lms.nudges import trainer_digests_send

    return trainer_digests_send()


@shared_task(name="lms.send_trainer_digest_email", autoretry_for=(OSError,))
def send_trainer_digest_email_task(digest_id: int) -> bool:
    from lms.nudges import trainer_digest_email_send

    return trainer_digest_email_send(digest_id=digest_id)


@shared_task(name="lms.send_session_reminders")
def send_session_reminders_task() -> int:
    """Every 5 minutes (beat): record and queue the 24 h and 1 h reminders now due. A rerun,
    or a beat that restarted, finds the records and queues nothing twice."""
    from lms.cohorts.reminders import session_reminders_send

    return session_reminders_send()


# SMTP errors are OSErrors: retried with the base task's backoff (IsokoTask).
@shared_task(name="lms.send_session_reminder_email", autoretry_for=(OSError,))
def send_session_reminder_email_task(reminder_id: int) -> bool:
    from lms.cohorts.reminders import session_reminder_email_send

    return session_reminder_email_send(reminder_id=reminder_id)


@shared_task(name="lms.cohort_import_emails", bind=True, max_retries=5)
def cohort_import_emails_task(
    self, cohort_id: int, invited_ids: list[int], enrolled_ids: list[int]
) -> int:
    """One batch of an import's e-mails. After a mail-server failure it is retried, after the
    task's retry delay, for the people who got nothing yet, not for the whole batch."""
    from lms.cohorts.roster_import import EmailsInterrupted, cohort_import_emails_send

    try:
        return cohort_import_emails_send(
            cohort_id=cohort_id, invited_ids=invited_ids, enrolled_ids=enrolled_ids
        )
    except EmailsInterrupted as interrupted:
        raise self.retry(
            exc=interrupted.error,
            kwargs={
                "cohort_id": cohort_id,
                "invited_ids": interrupted.invited_ids,
                "enrolled_ids": interrupted.enrolled_ids,
            },
        ) from interrupted
