"""Double taps in a cohort: a learner applies, the facilitator approves, the learner checks in
with the code, the facilitator marks them on the roster. No 5xx, one effect each."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.cohorts import checkin
from lms.models import (
    Attendance,
    AttendanceChange,
    Cohort,
    CohortApplication,
    CohortSession,
    Enrolment,
    EnrolmentEvent,
)
from tests.accounts.factories import UserFactory
from tests.concurrency.burst import Tap
from tests.courses import factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_apply_approve_check_in_and_mark(burst, site, settings):
    # Check-in allows 5 tries a minute per learner: some of 8 taps would get 429 before they
    # reach the database, and this test is about the database.
    settings.ISOKO_LMS_RATE_LIMITS = {"checkin": 100}
    course = factories.course(factories.catalog(site), "Policy", format="cohort")
    factories.lesson(factories.module(course, "Week 1"), "Reading")
    today, now = timezone.localdate(), timezone.now()
    cohort = Cohort.objects.create(
        course=course,
        name="Kigali",
        starts_on=today,
        ends_on=today + timedelta(days=7),
        capacity=10,
        enrolment_mode=Cohort.Mode.APPLICATION,
    )
    facilitator, learner = UserFactory(), UserFactory()
    cohort.facilitators.add(facilitator)
    session = CohortSession.objects.create(
        cohort=cohort, title="Opening", starts_at=now - timedelta(minutes=5), ends_at=now
    )

    apply_url = reverse("lms_cohort_apply", args=[cohort.public_id])
    replies = burst(apply_url, user=learner, n=6, form={"motivation": "I draft trade policy."})
    # The tap that sent it is redirected to the application; the others are shown it.
    assert sorted(reply.status for reply in replies) == [200] * 5 + [302]
    application = CohortApplication.objects.get(cohort=cohort, learner=learner)

    replies = burst(
        reverse("lms_cohort_application_decide", args=[cohort.public_id, application.pk]),
        user=facilitator,
        n=4,
        form={"decision": "approve"},
    )
    assert {(r.status, r.location) for r in replies} == {
        (302, reverse("lms_cohort_applications", args=[cohort.public_id]))
    }
    application.refresh_from_db()
    assert application.status == CohortApplication.Status.APPROVED
    enrolment = Enrolment.objects.get(learner=learner, cohort=cohort)
    assert EnrolmentEvent.objects.filter(enrolment=enrolment).count() == 1
    cohort.refresh_from_db()
    assert cohort.seats_taken == 1

    checkin_url = reverse("lms_cohort_checkin", args=[cohort.public_id, session.pk])
    code = checkin.code_for(session_id=session.pk, step=checkin.step_at(checkin.now()))
    replies = burst(checkin_url, user=learner, n=8, form={"code": code})
    assert {(r.status, r.location) for r in replies} == {(302, checkin_url)}
    assert Attendance.objects.get(session=session, learner=learner).status == "present"
    assert AttendanceChange.objects.filter(session=session, learner=learner).count() == 1

    roster_url = reverse("lms_cohort_roster", args=[cohort.public_id, session.pk])
    replies = burst(
        roster_url, user=facilitator, n=6, form={"learner": learner.pk, "status": "excused"}
    )
    assert {(r.status, r.location) for r in replies} == {
        (302, f"{roster_url}#learner-{learner.pk}")
    }
    assert Attendance.objects.get(session=session, learner=learner).status == "excused"
    assert AttendanceChange.objects.filter(session=session, learner=learner).count() == 2


def test_two_cohorts_approve_the_same_learner_at_once(burst, site):
    """A learner applied to two cohorts of one course; both facilitators approve at the same
    moment. One enrolment: the other approval is refused and its application keeps waiting."""
    course = factories.course(factories.catalog(site), "Policy", format="cohort")
    today = timezone.localdate()
    learner = UserFactory()
    taps, applications = [], []
    for name in ("Kigali", "Huye"):
        cohort = Cohort.objects.create(
            course=course,
            name=name,
            starts_on=today,
            ends_on=today + timedelta(days=7),
            capacity=10,
            enrolment_mode=Cohort.Mode.APPLICATION,
        )
        facilitator = UserFactory()
        cohort.facilitators.add(facilitator)
        application = CohortApplication.objects.create(
            cohort=cohort, learner=learner, motivation="I draft trade policy."
        )
        applications.append(application)
        url = reverse("lms_cohort_application_decide", args=[cohort.public_id, application.pk])
        taps.append(Tap(url, facilitator, {"decision": "approve"}))
    replies = burst.at_once(taps)
    assert {reply.status for reply in replies} == {302}
    enrolment = Enrolment.objects.get(learner=learner)
    statuses = {a.cohort_id: a.status for a in CohortApplication.objects.filter(learner=learner)}
    assert statuses[enrolment.cohort_id] == CohortApplication.Status.APPROVED
    assert sorted(statuses.values()) == ["approved", "submitted"]
    assert sorted(Cohort.objects.values_list("seats_taken", flat=True)) == [0, 1]
    refused = [r.messages() for r in replies if "approved and enrolled" not in str(r.messages())]
    assert refused == [["This learner is already in another cohort of this course."]]
