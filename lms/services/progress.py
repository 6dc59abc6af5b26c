from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.api import LessonPage, course_of
from lms.errors import LmsError
from lms.models import Enrolment, LessonProgress
from lms.selectors import enrolment_for
from lms.services.completion import completion_evaluate
from lms.services.enrolment import enrolment_touch


def _not_enrolled(*, learner, course) -> LmsError:
    """Why a step cannot be recorded: never enrolled, or left the course (a queued step sent
    after the learner withdrew on another device)."""
    left = (
        course is not None
        and Enrolment.objects.filter(
            learner=learner, course=course, status=Enrolment.Status.WITHDRAWN
        ).exists()
    )
    if left:
        return LmsError(
            _(
                "You left this course, so this step was not recorded. "
                "Enrol again to keep your progress."
            ),
            "enrolment_withdrawn",
            409,
        )
    return LmsError(_("Enrol in the course to record your progress."), "not_enrolled", 403)


def completion_time(*, at: datetime | None, enrolment: Enrolment) -> datetime:
    """When a step happened: the phone's time (``at``), never in the future (a phone clock ahead
    of ours is clamped to now) and never before the learner enrolled (a phone clock behind)."""
    now = timezone.now()
    if at is None:
        return now
    return max(min(at, now), enrolment.enrolled_at)


@transaction.atomic
def lesson_complete(*, learner, lesson: LessonPage, at: datetime | None = None) -> LessonProgress:
    """Mark a lesson complete, at ``at`` (when it happened on the learner's phone; now when not
    given), clamped by completion_time. Idempotent: the first time is the one recorded."""
    course = course_of(lesson)
    enrolment = enrolment_for(learner=learner, course=course) if course else None
    if enrolment is None:
        raise _not_enrolled(learner=learner, course=course)
    progress, _created = LessonProgress.objects.get_or_create(
        learner=learner,
        lesson=lesson,
        defaults={"course": course, "completed_at": completion_time(at=at, enrolment=enrolment)},
    )
    enrolment_touch(enrolment=enrolment, item=lesson)
    completion_evaluate(enrolment=enrolment)
    return progress
