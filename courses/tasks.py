from celery import shared_task
from django.core.management import call_command


@shared_task(name="courses.publish_scheduled")
def publish_scheduled_task() -> None:
    """Publish pages and snippets whose scheduled time has come, and unpublish expired ones.

    Wagtail does this in its ``publish_scheduled`` command; beat runs it every minute, so a
    trainer's "go live at 08:00" happens by 08:01. Idempotent: a published revision is no longer
    scheduled, so a redelivered run finds nothing to do.
    """
    call_command("publish_scheduled")
