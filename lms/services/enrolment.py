from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.learner_cache import learner_activity_changed, learner_changed
from courses.api import CourseFormat, CoursePage
from lms.cohorts.api import cohort_seat_release
from lms.errors import LmsError
from lms.models import Completion, Enrolment, EnrolmentEvent


def _missing_prerequisites(*, learner, course: CoursePage) -> list[CoursePage]:
    required = list(course.prerequisites.all())
    if not required:
        return []
    # A prerequisite counts as done in any language: match completions by translation key.
    done_keys = set(
        Completion.objects.filter(enrolment__learner=learner).values_list(
            "enrolment__course__translation_key", flat=True
        )
    )
    return [course for course in required if course.translation_key not in done_keys]


def enrolment_create(*, learner, course: CoursePage) -> Enrolment:
    """Enrol in an open self-paced course. Idempotent: enrolling twice returns the enrolment.

    Refuses closed and cohort-format courses, and names any prerequisite not yet completed. A
    withdrawn learner who enrols again gets the same enrolment back, with its history.
    """
    existing = Enrolment.objects.filter(learner=learner, course=course).first()
    if existing and existing.status != Enrolment.Status.WITHDRAWN:
        return existing
    if course.format == CourseFormat.COHORT:
        raise LmsError(
            _("This course runs in scheduled cohorts; a facilitator enrols you."), "cohort_only"
        )
    if not course.enrolment_open:
        raise LmsError(_("Enrolment for this course is closed for now."), "closed")
    if not course.live:
        raise LmsError(_("This course is not published."), "not_live", status=404)
    missing = _missing_prerequisites(learner=learner, course=course)
    if missing:
        raise LmsError(
            _("Complete these courses first: %(courses)s.")
            % {"courses": ", ".join(page.title for page in missing)},
            "prerequisites",
        )
    try:
        with transaction.atomic():
            if existing:
                # Read again under the row lock: a double click may have rejoined already, and
                # must not write a second "rejoined" event.
                existing = Enrolment.objects.select_for_update().get(pk=existing.pk)
                if existing.status != Enrolment.Status.WITHDRAWN:
                    return existing
                existing.status = (
                    Enrolment.Status.COMPLETED
                    if Completion.objects.filter(enrolment=existing).exists()
                    else Enrolment.Status.ACTIVE
                )
                existing.withdrawn_at = None
                existing.save(update_fields=["status", "withdrawn_at"])
                EnrolmentEvent.objects.create(
                    enrolment=existing, action=EnrolmentEvent.Action.REJOINED, actor=learner
                )
                return existing
            # No last_activity_at: enrolling is not activity (the dashboard said
            # "Last activity 0 minutes ago" for someone who had done nothing). The nudges
            # count inactivity from enrolled_at meanwhile.
            enrolment = Enrolment.objects.create(learner=learner, course=course)
            EnrolmentEvent.objects.create(
                enrolment=enrolment, action=EnrolmentEvent.Action.ENROLLED, actor=learner
            )
            return enrolment
    except IntegrityError:
        # A double click raced us: the other request created it.
        return Enrolment.objects.get(learner=learner, course=course)


@transaction.atomic
def enrolment_withdraw(*, learner, course: CoursePage) -> Enrolment | None:
    """Leave a course. Progress, attempts and any completion are kept."""
    enrolment = Enrolment.objects.select_for_update().filter(learner=learner, course=course).first()
    if enrolment is None or enrolment.status == Enrolment.Status.WITHDRAWN:
        return enrolment
    enrolment.status = Enrolment.Status.WITHDRAWN
    enrolment.withdrawn_at = timezone.now()
    enrolment.save(update_fields=["status", "withdrawn_at"])
    if enrolment.cohort_id is not None:
        # The seat is free for someone else; coming back takes one again (cohort_enrol).
        cohort_seat_release(enrolment.cohort_id)
    EnrolmentEvent.objects.create(
        enrolment=enrolment, action=EnrolmentEvent.Action.WITHDREW, actor=learner
    )
    return enrolment


def enrolment_touch(*, enrolment: Enrolment, item=None) -> None:
    """Record activity (and the item opened) for "continue" and the inactivity nudges."""
    fields = {"last_activity_at": timezone.now()}
    if item is not None:
        fields["last_item_id"] = item.pk
    Enrolment.objects.filter(pk=enrolment.pk).update(**fields)
    learner_changed(enrolment.learner_id)  # update() sends no post_save: the dashboard's copy


def enrolment_view_record(*, enrolment: Enrolment, item) -> bool:
    """A learner opened a lesson or quiz (a GET): record it only when that changes something.

    "Continue" needs the item last opened (a lesson opened and not finished is where a learner
    resumes), and the inactivity nudges and reports need the day of the last activity. Neither
    needs a write on every view: each lesson view used to UPDATE the enrolment, a write and a
    row lock on a GET (issue 15). So the item is written when it differs from the one recorded,
    and the time when the recorded one is older than ``ISOKO_ACTIVITY_RESOLUTION`` seconds
    (15 minutes). Reading the same lesson again writes nothing. Returns whether it wrote.
    """
    now = timezone.now()
    last = enrolment.last_activity_at
    resolution = settings.ISOKO_ACTIVITY_RESOLUTION
    recent = last is not None and 0 <= (now - last).total_seconds() < resolution
    if enrolment.last_item_id == item.pk and recent:
        return False
    Enrolment.objects.filter(pk=enrolment.pk).update(last_activity_at=now, last_item_id=item.pk)
    # update() sends no post_save: the dashboard's copy shows these two fields. Only they
    # changed, so the lesson's cached state stays (lms.page_state stores them in it itself).
    learner_activity_changed(enrolment.learner_id)
    enrolment.last_activity_at, enrolment.last_item_id = now, item.pk
    return True
