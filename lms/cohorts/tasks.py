"""Cohort tasks. Their names keep the ``lms.`` prefix they were scheduled and queued under (the
beat schedule in config/settings/base.py, messages already in the broker). lms/apps.py imports
this module, so a worker registers them (Celery's autodiscovery looks for lms.tasks only)."""

from celery import shared_task


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
