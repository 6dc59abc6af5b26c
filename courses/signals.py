"""Keep trainers' page permissions in step with the live course.

Assignments take effect when the course is published, so a draft cannot grant edit rights
before a reviewer has approved it.
"""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published

from courses.models import CoursePage
from courses.services import course_trainers_forget, course_trainers_sync


@receiver(page_published, sender=CoursePage)
def _course_published(sender, instance, **kwargs):
    course_trainers_sync(course=instance)


@receiver(post_delete, sender=CoursePage)
def _course_deleted(sender, instance, **kwargs):
    course_trainers_forget(course_id=instance.pk)
