"""Keep trainers' page permissions in step with the live course.

Assignments take effect when the course is published, so a draft cannot grant edit rights
before a reviewer has approved it.
"""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import copy_for_translation_done, page_published

from courses.models import CoursePage
from courses.services import course_trainers_forget, course_trainers_sync


@receiver(page_published, sender=CoursePage)
def _course_published(sender, instance, **kwargs):
    course_trainers_sync(course=instance)


@receiver(copy_for_translation_done)
def _course_translated(sender, source_obj, target_obj, **kwargs):
    # A new language version of a course: its trainers may write the translation at once.
    if getattr(source_obj, "specific_class", None) is CoursePage:
        course_trainers_sync(course=source_obj.specific)


@receiver(post_delete, sender=CoursePage)
def _course_deleted(sender, instance, **kwargs):
    course_trainers_forget(translation_key=instance.translation_key)
