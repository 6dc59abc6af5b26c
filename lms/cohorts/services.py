"""Cohort seats and enrolment, and the learner's time zone. Every way into a cohort (invitation,
CSV import, approved application) goes through cohort_enrol, which takes a seat at the database."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from lms.cohorts.models import Cohort, LearnerSettings, validate_time_zone
from lms.errors import LmsError
from lms.models import Enrolment, EnrolmentEvent


def _take_seat(cohort_id: int) -> bool:
    # A conditional UPDATE: with the CheckConstraint it cannot over-fill, even when two
    # transactions race for the last seat (the second one updates no row).
    return bool(
        Cohort.objects.filter(pk=cohort_id, seats_taken__lt=F("capacity")).update(
            seats_taken=F("seats_taken") + 1
        )
    )


def cohort_seat_release(cohort_id: int) -> None:
    """Give back the seat of a learner who left the cohort (enrolment_withdraw). Never below
    zero, whatever was counted before seats were given back."""
    Cohort.objects.filter(pk=cohort_id, seats_taken__gt=0).update(seats_taken=F("seats_taken") - 1)


@transaction.atomic
def cohort_enrol(*, cohort: Cohort, learner, actor=None) -> Enrolment:
    """Enrol a learner in a cohort, taking a seat. Idempotent for someone already in it."""
    enrolment = (
        Enrolment.objects.select_for_update()
        .filter(learner=learner, course_id=cohort.course_id)
        .first()
    )
    if (
        enrolment is not None
        and enrolment.cohort_id == cohort.pk
        and enrolment.status != Enrolment.Status.WITHDRAWN
    ):
        return enrolment
    if (
        enrolment is not None
        and enrolment.cohort_id not in (None, cohort.pk)
        and (enrolment.status != Enrolment.Status.WITHDRAWN)
    ):
        raise LmsError(
            _("This learner is already in another cohort of this course."), "other_cohort", 409
        )
    try:
        with transaction.atomic():
            return _seat_and_enrol(cohort=cohort, learner=learner, actor=actor, enrolment=enrolment)
    except IntegrityError:
        if enrolment is not None:
            raise
        # Another transaction enrolled this learner in the course since our read (two cohorts'
        # facilitators approving the same applicant at once: no row was there to lock). The
        # savepoint gave the seat back; decide again on the enrolment that won.
        return cohort_enrol(cohort=cohort, learner=learner, actor=actor)


def _seat_and_enrol(*, cohort: Cohort, learner, actor, enrolment: Enrolment | None) -> Enrolment:
    if not _take_seat(cohort.pk):
        raise LmsError(_("The cohort is full."), "full", 409)
    if enrolment is None:
        # No last_activity_at: being enrolled is not activity (see enrolment_create).
        enrolment = Enrolment.objects.create(
            learner=learner, course_id=cohort.course_id, cohort=cohort
        )
        action = EnrolmentEvent.Action.ENROLLED
    else:
        enrolment.cohort = cohort
        enrolment.status = Enrolment.Status.ACTIVE
        enrolment.withdrawn_at = None
        enrolment.save(update_fields=["cohort", "status", "withdrawn_at"])
        action = EnrolmentEvent.Action.REJOINED
    EnrolmentEvent.objects.create(enrolment=enrolment, action=action, actor=actor or learner)
    return enrolment


def learner_time_zone_set(*, user, time_zone: str) -> LearnerSettings:
    """Save the user's time zone ("" = the site's). Raises LmsError for an unknown name."""
    time_zone = time_zone.strip()
    try:
        validate_time_zone(time_zone)
    except ValidationError as error:
        raise LmsError(error.messages[0], "bad_time_zone") from error
    row, _created = LearnerSettings.objects.update_or_create(
        user=user, defaults={"time_zone": time_zone}
    )
    return row
