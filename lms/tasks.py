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
