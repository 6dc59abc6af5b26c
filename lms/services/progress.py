from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.api import LessonPage, course_of
from lms.errors import LmsError
from lms.models import LessonProgress
from lms.selectors import enrolment_for
from lms.services.completion import completion_evaluate
from lms.services.enrolment import enrolment_touch


@transaction.atomic
def lesson_complete(*, learner, lesson: LessonPage) -> LessonProgress:
    """Mark a lesson complete. Idempotent: the first time is the one recorded."""
    course = course_of(lesson)
    enrolment = enrolment_for(learner=learner, course=course) if course else None
    if enrolment is None:
        raise LmsError(_("Enrol in the course to record your progress."), "not_enrolled", 403)
    progress, _created = LessonProgress.objects.get_or_create(
        learner=learner,
        lesson=lesson,
        defaults={"course": course, "completed_at": timezone.now()},
    )
    enrolment_touch(enrolment=enrolment, item=lesson)
    completion_evaluate(enrolment=enrolment)
    return progress
