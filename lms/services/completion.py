"""Course completion, and the single "course completed" event.

Rule: a self-paced course is complete when every required lesson (live, "required for
completion") is complete and every required quiz has a passing attempt. A cohort learner
completes when their attendance reaches the cohort's threshold and every required quiz has a
passing attempt (the best attempt passes as soon as one
does). The rule is evaluated against the course as it is when the learner acts. Once reached,
completion is stored and never taken back: a trainer adding a lesson later does not un-complete
anyone, and the learner keeps their certificate.
"""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.utils import timezone

from lms.cohorts.api import attendance_met
from lms.models import Completion, Enrolment, EnrolmentEvent
from lms.selectors import done_item_ids, requirements_for
from lms.signals import course_completed


def completion_evaluate(*, enrolment: Enrolment) -> Completion | None:
    """Store the completion if the rule is met, and send the event once, after commit."""
    if enrolment.status == Enrolment.Status.WITHDRAWN:
        return None
    with transaction.atomic():
        locked = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        existing = Completion.objects.filter(enrolment=locked).first()
        if existing:
            return existing
        requirements = requirements_for([locked.course])[locked.course_id]
        done = done_item_ids(learner=locked.learner, course_ids=[locked.course_id])
        if locked.cohort_id:
            # Cohorts: the attendance threshold and the required quizzes (lessons are read in
            # and around the sessions, so they are not required one by one).
            required = set(requirements.quizzes)
            if not required <= done or not attendance_met(enrolment=locked):
                return None
        else:
            required = set(requirements.lessons) | set(requirements.quizzes)
            if not required or not required <= done:
                return None
        now = timezone.now()
        completion = Completion.objects.create(
            enrolment=locked, completed_at=now, event_enqueued_at=now
        )
        locked.status = Enrolment.Status.COMPLETED
        locked.completed_at = now
        locked.save(update_fields=["status", "completed_at"])
        EnrolmentEvent.objects.create(enrolment=locked, action=EnrolmentEvent.Action.COMPLETED)
        # The one "course completed" event, sent after commit (never for a rolled-back
        # completion). The unique Completion row and the row lock above make it one per
        # enrolment, however many times this runs.
        transaction.on_commit(
            partial(course_completed.send, sender=Completion, completion_id=completion.pk)
        )
        return completion
