from celery import shared_task


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


@shared_task(name="lms.purge_idempotency_keys")
def purge_idempotency_keys_task() -> int:
    """Daily (beat): forget the keys of steps replayed from phones more than 30 days ago."""
    from lms.services.replay import idempotency_keys_purge

    return idempotency_keys_purge()
