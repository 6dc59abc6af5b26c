"""Applications to cohorts in application mode: a learner applies, staff or the cohort's
facilitators decide.

submitted → approved | declined, decided once. Approval enrols through ``cohort_enrol``, which
takes the seat with a conditional UPDATE capped by the database's CheckConstraint; the
application is marked approved in the same transaction, so a refused seat (the cohort filled up
meanwhile) leaves the application waiting, never approved without a seat. The applicant is
e-mailed the decision in their language once the transaction has committed.
"""

from __future__ import annotations

import logging
from functools import partial

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.email import email_to
from core.links import absolute_url
from lms.cohorts.access import user_may_manage_cohort
from lms.cohorts.models import Cohort, CohortApplication
from lms.cohorts.services import cohort_enrol
from lms.errors import LmsError
from lms.models import Enrolment

logger = logging.getLogger(__name__)

MOTIVATION_MAX = 2000  # CohortApplication.motivation's max_length
NOTE_MAX = 500  # CohortApplication.decision_note's max_length


def cohort_is_over(cohort: Cohort) -> bool:
    return cohort.status == Cohort.Status.FINISHED or cohort.ends_on < timezone.localdate()


def cohort_application_refusal(*, cohort: Cohort, learner) -> LmsError | None:
    """Why ``learner`` may not apply to ``cohort`` now, or None. The apply page shows it
    instead of the form; cohort_application_submit raises it."""
    if cohort.enrolment_mode != Cohort.Mode.APPLICATION:
        return LmsError(
            _("This cohort is by invitation only: it does not take applications."),
            "invitation_only",
            403,
        )
    if cohort_is_over(cohort):
        return LmsError(
            _("This cohort has finished: it no longer takes applications."), "finished", 409
        )
    enrolment = (
        Enrolment.objects.filter(learner=learner, course_id=cohort.course_id, cohort__isnull=False)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .only("cohort_id")
        .first()
    )
    if enrolment is not None and enrolment.cohort_id == cohort.pk:
        return LmsError(_("You are already in this cohort."), "already_member", 409)
    if enrolment is not None:
        return LmsError(_("You are already in another cohort of this course."), "other_cohort", 409)
    if cohort.seats_taken >= cohort.capacity:
        return LmsError(_("This cohort is full: it no longer takes applications."), "full", 409)
    return None


@transaction.atomic(durable=True)
def cohort_application_submit(*, cohort: Cohort, learner, motivation: str) -> CohortApplication:
    """Record a learner's application. One per learner and cohort: a second one is refused
    with the code "already_applied" (the first stays as it was)."""
    motivation = (motivation or "").strip()
    if not motivation:
        raise LmsError(_("Tell us in a few words why you want to join."), "motivation_missing")
    if len(motivation) > MOTIVATION_MAX:
        raise LmsError(
            _("Keep your motivation under %(max)d characters.") % {"max": MOTIVATION_MAX},
            "motivation_too_long",
        )
    if CohortApplication.objects.filter(cohort=cohort, learner=learner).exists():
        raise LmsError(_("You have already applied to this cohort."), "already_applied", 409)
    refusal = cohort_application_refusal(cohort=cohort, learner=learner)
    if refusal is not None:
        raise refusal
    try:
        # A savepoint, so that a double click racing past the check above ends here cleanly.
        with transaction.atomic():
            return CohortApplication.objects.create(
                cohort=cohort, learner=learner, motivation=motivation
            )
    except IntegrityError as error:
        raise LmsError(
            _("You have already applied to this cohort."), "already_applied", 409
        ) from error


@transaction.atomic(durable=True)
def cohort_application_decide(
    *, application: CohortApplication, approve: bool, actor, note: str = ""
) -> CohortApplication:
    """Approve (enrol, taking a seat) or decline a submitted application, then e-mail the
    applicant after commit.

    Refused with LmsError: "forbidden" (the actor neither staff nor a facilitator of the
    cohort), "decided" (decided already), "note_too_long", "finished" or "inactive" (approving
    into a finished cohort or for a closed account) and "full" / "other_cohort" from
    cohort_enrol. A refusal changes nothing: the application stays submitted.
    """
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise LmsError(
            _("Keep the note under %(max)d characters.") % {"max": NOTE_MAX}, "note_too_long"
        )
    # Lock the application only (of=self): the seat is taken by cohort_enrol's conditional
    # UPDATE on the cohort row, which is what serialises two approvals for the last seat.
    locked = (
        CohortApplication.objects.select_for_update(of=("self",))
        .select_related("cohort", "learner")
        .get(pk=application.pk)
    )
    cohort = locked.cohort
    if not user_may_manage_cohort(user=actor, cohort=cohort):
        raise LmsError(_("You do not lead this cohort."), "forbidden", 403)
    if locked.status != CohortApplication.Status.SUBMITTED:
        raise LmsError(_("This application has already been decided."), "decided", 409)
    if approve:
        if cohort_is_over(cohort):
            raise LmsError(
                _("This cohort has finished: nobody can join it any more."), "finished", 409
            )
        if not locked.learner.is_active:
            raise LmsError(_("This applicant's account is closed."), "inactive", 409)
        try:
            cohort_enrol(cohort=cohort, learner=locked.learner, actor=actor)
        except LmsError as error:
            if error.code == "full":
                raise LmsError(
                    _(
                        "The cohort is full: the application was not approved and is still "
                        "waiting. Raise the capacity or decline it."
                    ),
                    "full",
                    409,
                ) from error
            raise
    locked.status = (
        CohortApplication.Status.APPROVED if approve else CohortApplication.Status.DECLINED
    )
    locked.decided_at = timezone.now()
    locked.decided_by = actor
    locked.decision_note = note
    locked.save(update_fields=["status", "decided_at", "decided_by", "decision_note"])
    # robust: the decision is committed whatever happens to the e-mail; a failure is logged.
    transaction.on_commit(
        partial(cohort_application_email_send, application_id=locked.pk), robust=True
    )
    return locked


def cohort_application_email_send(*, application_id: int) -> bool:
    """E-mail the applicant the decision, in their preferred language. Returns whether an
    e-mail went out (not for a pending application or a closed account)."""
    application = (
        CohortApplication.objects.select_related("cohort__course", "learner__profile")
        .filter(pk=application_id)
        .first()
    )
    if application is None or application.status == CohortApplication.Status.SUBMITTED:
        return False
    learner = application.learner
    if not learner.is_active:
        return False
    approved = application.status == CohortApplication.Status.APPROVED
    template = "lms/email/application_" + ("approved" if approved else "declined")
    email_to(
        learner,
        template,
        lambda: {
            "name": learner.get_short_name(),
            "cohort": application.cohort,
            "course_title": application.cohort.course.title,
            "note": application.decision_note,
            "dashboard_url": absolute_url(reverse("dashboard")),
            "apply_url": absolute_url(
                reverse("lms_cohort_apply", args=[application.cohort.public_id])
            ),
        },
    ).send()
    logger.info("cohort application %s: decision e-mailed", application.pk)
    return True
