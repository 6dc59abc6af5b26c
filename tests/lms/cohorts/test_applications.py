"""Cohort applications: apply once, refusals, decisions by staff and the cohort's facilitators,
the decision e-mailed in the applicant's language, a full cohort, and who may do what."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lms.cohorts.applications import (
    cohort_application_decide,
    cohort_application_submit,
)
from lms.cohorts.services import cohort_enrol
from lms.errors import LmsError
from lms.models import Cohort, CohortApplication, Enrolment, EnrolmentEvent
from tests.accounts.factories import StaffFactory, UserFactory
from tests.courses import factories
from tests.shared_data import shared

START = date(2099, 1, 15)


@shared(needs=("site",))
def applications_policy_course(site):
    course = factories.course(factories.catalog(site), "Policy", format="cohort")
    factories.quiz(factories.module(course, "Week 1"), "Policy check")
    return course


@pytest.fixture
def policy_course(applications_policy_course):
    """Built once for the tests of this module that use it: see tests/shared_data.py."""
    return applications_policy_course


def make_cohort(course, **fields) -> Cohort:
    values = {
        "course": course,
        "name": "Kigali 2099 intake",
        "starts_on": START,
        "ends_on": START + timedelta(days=30),
        "capacity": 2,
        "enrolment_mode": Cohort.Mode.APPLICATION,
        **fields,
    }
    return Cohort.objects.create(**values)


@pytest.fixture
def cohort(policy_course):
    return make_cohort(policy_course)


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def people(cohort, policy_course):
    """Everyone the permission boundaries are about, each with a logged-in client."""
    facilitator = UserFactory(email="facilitator@example.com")
    cohort.facilitators.add(facilitator)
    other = UserFactory(email="other.facilitator@example.com")
    make_cohort(policy_course, name="Other intake").facilitators.add(other)
    return {
        "anonymous": Client(),
        "learner": logged_in(UserFactory(email="bystander@example.com")),
        "other_facilitator": logged_in(other),
        "facilitator": logged_in(facilitator),
        "staff": logged_in(StaffFactory(email="staff@example.com")),
    }


def apply_url(cohort) -> str:
    return reverse("lms_cohort_apply", args=[cohort.public_id])


def list_url(cohort) -> str:
    return reverse("lms_cohort_applications", args=[cohort.public_id])


def decide_url(application) -> str:
    return reverse(
        "lms_cohort_application_decide", args=[application.cohort.public_id, application.pk]
    )


def applicant(email="applicant@example.com", language="en"):
    user = UserFactory(email=email)
    user.profile.full_name = "Jeanne Mukamana"
    user.profile.preferred_language = language
    user.profile.save()
    return user


def submitted(cohort, learner=None) -> CohortApplication:
    return cohort_application_submit(
        cohort=cohort,
        learner=learner or applicant(),
        motivation="I draft the e-commerce strategy at the ministry.",
    )


# --- Applying ------------------------------------------------------------------------------


def test_the_form_shows_the_cohort_dates_and_seats_left(cohort, learner_client):
    cohort_enrol(cohort=cohort, learner=UserFactory())
    response = learner_client.get(apply_url(cohort))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kigali 2099 intake" in page and "Policy" in page
    assert "15 January 2099" in page and "14 February 2099" in page
    assert "1 of 2" in page  # seats left
    assert 'name="motivation"' in page


def test_a_learner_applies_once_and_sees_their_application(cohort, learner, learner_client):
    response = learner_client.post(apply_url(cohort), {"motivation": "  I lead the task force. "})
    assert response.status_code == 302 and response.url == apply_url(cohort)
    application = CohortApplication.objects.get()
    assert (application.cohort, application.learner) == (cohort, learner)
    assert application.status == CohortApplication.Status.SUBMITTED
    assert application.motivation == "I lead the task force."
    page = learner_client.get(apply_url(cohort)).content.decode()
    assert "Waiting for a decision" in page and "I lead the task force." in page
    assert 'name="motivation"' not in page

    again = learner_client.post(apply_url(cohort), {"motivation": "Something else"})
    assert again.status_code == 200
    page = again.content.decode()
    assert "You have already applied to this cohort." in page
    assert "I lead the task force." in page
    assert CohortApplication.objects.count() == 1
    assert CohortApplication.objects.get().motivation == "I lead the task force."


def test_a_second_submission_is_refused_by_the_service(cohort, learner):
    submitted(cohort, learner)
    with pytest.raises(LmsError) as refused:
        submitted(cohort, learner)
    assert refused.value.code == "already_applied"


@pytest.mark.parametrize("motivation", ["", "   ", "x" * 2001])
def test_a_missing_or_too_long_motivation_is_refused(cohort, learner_client, motivation):
    response = learner_client.post(apply_url(cohort), {"motivation": motivation})
    assert response.status_code == 400
    assert 'class="error"' in response.content.decode()
    assert not CohortApplication.objects.exists()


def test_the_service_checks_the_motivation_too(cohort, learner):
    for motivation, code in (("  ", "motivation_missing"), ("x" * 2001, "motivation_too_long")):
        with pytest.raises(LmsError) as refused:
            cohort_application_submit(cohort=cohort, learner=learner, motivation=motivation)
        assert refused.value.code == code


@pytest.mark.parametrize(
    ("change", "status", "message", "code"),
    [
        (
            {"enrolment_mode": Cohort.Mode.INVITATION},
            403,
            "This cohort is by invitation only",
            "invitation_only",
        ),
        ({"status": Cohort.Status.FINISHED}, 409, "This cohort has finished", "finished"),
        (
            {"starts_on": date(2020, 1, 1), "ends_on": date(2020, 2, 1)},
            409,
            "This cohort has finished",
            "finished",
        ),
        ({"capacity": 1, "seats_taken": 1}, 409, "This cohort is full", "full"),
    ],
)
def test_cohorts_that_take_no_application_say_why(
    cohort, learner, learner_client, change, status, message, code
):
    Cohort.objects.filter(pk=cohort.pk).update(**change)
    cohort.refresh_from_db()
    page = learner_client.get(apply_url(cohort))
    assert page.status_code == 200
    assert message in page.content.decode() and 'name="motivation"' not in page.content.decode()
    response = learner_client.post(apply_url(cohort), {"motivation": "Please"})
    assert response.status_code == status and message in response.content.decode()
    with pytest.raises(LmsError) as refused:
        cohort_application_submit(cohort=cohort, learner=learner, motivation="Please")
    assert refused.value.code == code
    assert not CohortApplication.objects.exists()


def test_members_of_this_or_another_cohort_of_the_course_cannot_apply(
    cohort, policy_course, learner, learner_client
):
    cohort_enrol(cohort=cohort, learner=learner)
    response = learner_client.post(apply_url(cohort), {"motivation": "Please"})
    assert response.status_code == 409
    assert "You are already in this cohort." in response.content.decode()
    other = make_cohort(policy_course, name="Second intake")
    response = learner_client.post(apply_url(other), {"motivation": "Please"})
    assert "You are already in another cohort of this course." in response.content.decode()
    assert not CohortApplication.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(cohort, client):
    for response in (client.get(apply_url(cohort)), client.post(apply_url(cohort), {})):
        assert response.status_code == 302 and "/accounts/login/" in response.url
    assert not CohortApplication.objects.exists()


def test_unknown_cohorts_and_unpublished_courses_are_not_found(
    cohort, policy_course, learner_client
):
    unknown = reverse("lms_cohort_apply", args=["6f1c2d3e-0000-4000-8000-000000000000"])
    assert learner_client.get(unknown).status_code == 404
    policy_course.unpublish()
    assert learner_client.get(apply_url(cohort)).status_code == 404


def test_applying_is_rate_limited(cohort, learner_client, settings):
    settings.ISOKO_LMS_RATE_LIMITS = {"enrol": 2}
    for _ in range(2):
        learner_client.post(apply_url(cohort), {"motivation": ""})
    response = learner_client.post(apply_url(cohort), {"motivation": "Now"})
    assert response.status_code == 429
    assert not CohortApplication.objects.exists()


# --- Deciding: who may ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("learner", 403), ("other_facilitator", 403)],
)
def test_only_staff_and_the_cohorts_facilitators_see_or_decide(cohort, people, who, status):
    application = submitted(cohort)
    client = people[who]
    listing = client.get(list_url(cohort))
    assert listing.status_code == status
    assert "Jeanne Mukamana" not in listing.content.decode()
    for decision in ("approve", "decline"):
        response = client.post(decide_url(application), {"decision": decision})
        assert response.status_code == status
        if status == 302:
            assert "/accounts/login/" in response.url
    application.refresh_from_db()
    assert application.status == CohortApplication.Status.SUBMITTED
    assert not Enrolment.objects.exists()
    cohort.refresh_from_db()
    assert cohort.seats_taken == 0


def test_the_applicant_cannot_decide_their_own_application(cohort):
    learner = applicant()
    application = submitted(cohort, learner)
    client = logged_in(learner)
    assert client.post(decide_url(application), {"decision": "approve"}).status_code == 403
    assert client.get(list_url(cohort)).status_code == 403
    with pytest.raises(LmsError) as refused:
        cohort_application_decide(application=application, approve=True, actor=learner)
    assert refused.value.code == "forbidden"
    application.refresh_from_db()
    assert application.status == CohortApplication.Status.SUBMITTED


@pytest.mark.parametrize("who", ["facilitator", "staff"])
def test_facilitators_and_staff_see_the_applications(cohort, people, who):
    application = submitted(cohort)
    response = people[who].get(list_url(cohort))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Jeanne Mukamana" in page and "I draft the e-commerce strategy" in page
    assert decide_url(application) in page
    assert 'value="approve"' in page and 'value="decline"' in page
    assert 'name="note"' in page and "Note to the applicant (optional)" in page


def test_an_application_of_another_cohort_is_not_found_through_this_one(
    cohort, policy_course, people
):
    other = make_cohort(policy_course, name="Third intake")
    application = submitted(other)
    url = reverse("lms_cohort_application_decide", args=[cohort.public_id, application.pk])
    assert people["facilitator"].post(url, {"decision": "approve"}).status_code == 404
    application.refresh_from_db()
    assert application.status == CohortApplication.Status.SUBMITTED


def test_deciding_takes_a_post(cohort, people):
    application = submitted(cohort)
    assert people["facilitator"].get(decide_url(application)).status_code == 405


# --- Deciding: what happens ----------------------------------------------------------------


def test_approval_enrols_takes_a_seat_and_emails_the_applicant_in_their_language(
    cohort, people, django_capture_on_commit_callbacks
):
    learner = applicant(language="fr")
    application = submitted(cohort, learner)
    client = people["facilitator"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(decide_url(application), {"decision": "approve"})
    assert response.status_code == 302 and response.url == list_url(cohort)
    application.refresh_from_db()
    assert application.status == CohortApplication.Status.APPROVED
    assert application.decided_by == client.user and application.decided_at is not None
    enrolment = Enrolment.objects.get(learner=learner)
    assert enrolment.cohort == cohort and enrolment.status == Enrolment.Status.ACTIVE
    assert EnrolmentEvent.objects.get(enrolment=enrolment).actor == client.user
    cohort.refresh_from_db()
    assert cohort.seats_taken == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [learner.email]
    assert message.extra_headers["Content-Language"] == "fr"
    assert "Kigali 2099 intake" in message.subject
    assert "15 janvier 2099" in message.body  # dates in French: the e-mail was rendered in fr
    assert "/fr/dashboard/" in message.body
    page = client.get(list_url(cohort)).content.decode()
    assert "is approved and enrolled" in page and "Approved" in page


def test_decline_with_a_note_emails_it_and_takes_no_seat(
    cohort, people, django_capture_on_commit_callbacks
):
    application = submitted(cohort)
    with django_capture_on_commit_callbacks(execute=True):
        people["staff"].post(
            decide_url(application),
            {"decision": "decline", "note": "  This intake is for ministry staff. "},
        )
    application.refresh_from_db()
    assert application.status == CohortApplication.Status.DECLINED
    assert application.decision_note == "This intake is for ministry staff."
    assert not Enrolment.objects.exists()
    cohort.refresh_from_db()
    assert cohort.seats_taken == 0
    (message,) = mail.outbox
    assert message.to == ["applicant@example.com"]
    assert message.extra_headers["Content-Language"] == "en"
    assert "not accepted" in message.body
    assert "This intake is for ministry staff." in message.body
    learner_page = logged_in(application.learner).get(apply_url(cohort)).content.decode()
    assert "Declined" in learner_page and "This intake is for ministry staff." in learner_page


def test_decline_without_a_note_is_fine(cohort, people, django_capture_on_commit_callbacks):
    application = submitted(cohort)
    with django_capture_on_commit_callbacks(execute=True):
        people["facilitator"].post(decide_url(application), {"decision": "decline"})
    application.refresh_from_db()
    assert application.status == CohortApplication.Status.DECLINED
    assert application.decision_note == ""
    assert "note from the organisers" not in mail.outbox[0].body


def test_a_note_longer_than_500_characters_is_refused(cohort, people):
    application = submitted(cohort)
    people["facilitator"].post(decide_url(application), {"decision": "decline", "note": "x" * 501})
    application.refresh_from_db()
    assert application.status == CohortApplication.Status.SUBMITTED


def test_a_full_cohort_refuses_the_approval_and_the_application_waits(
    cohort, people, django_capture_on_commit_callbacks
):
    application = submitted(cohort)
    for _ in range(cohort.capacity):
        cohort_enrol(cohort=cohort, learner=UserFactory())
    client = people["facilitator"]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(decide_url(application), {"decision": "approve"}, follow=True)
    assert "The cohort is full: the application was not approved" in response.content.decode()
    application.refresh_from_db()
    assert application.status == CohortApplication.Status.SUBMITTED
    assert application.decided_at is None and application.decided_by is None
    assert not Enrolment.objects.filter(learner=application.learner).exists()
    cohort.refresh_from_db()
    assert cohort.seats_taken == cohort.capacity
    assert callbacks == [] and mail.outbox == []
    # Declining still works when full.
    client.post(decide_url(application), {"decision": "decline"})
    application.refresh_from_db()
    assert application.status == CohortApplication.Status.DECLINED


def test_a_decision_is_made_once(cohort, people, django_capture_on_commit_callbacks):
    application = submitted(cohort)
    client = people["facilitator"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(decide_url(application), {"decision": "approve"})
        response = client.post(decide_url(application), {"decision": "decline"}, follow=True)
    assert "This application has already been decided." in response.content.decode()
    application.refresh_from_db()
    assert application.status == CohortApplication.Status.APPROVED
    assert len(mail.outbox) == 1
    cohort.refresh_from_db()
    assert cohort.seats_taken == 1


def test_an_unknown_decision_changes_nothing(cohort, people):
    application = submitted(cohort)
    response = people["facilitator"].post(decide_url(application), {"decision": "maybe"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == CohortApplication.Status.SUBMITTED


def test_approving_into_a_finished_cohort_is_refused(cohort, people):
    application = submitted(cohort)
    Cohort.objects.filter(pk=cohort.pk).update(status=Cohort.Status.FINISHED)
    response = people["staff"].post(decide_url(application), {"decision": "approve"}, follow=True)
    assert "This cohort has finished" in response.content.decode()
    application.refresh_from_db()
    assert application.status == CohortApplication.Status.SUBMITTED
    assert not Enrolment.objects.exists()


def test_an_applicant_already_in_another_cohort_is_not_approved(cohort, policy_course, people):
    learner = applicant()
    application = submitted(cohort, learner)
    cohort_enrol(cohort=make_cohort(policy_course, name="Fourth intake"), learner=learner)
    response = people["staff"].post(decide_url(application), {"decision": "approve"}, follow=True)
    assert "already in another cohort" in response.content.decode()
    application.refresh_from_db()
    assert application.status == CohortApplication.Status.SUBMITTED
    cohort.refresh_from_db()
    assert cohort.seats_taken == 0


def test_the_approved_learner_sees_the_outcome(cohort, people):
    learner = applicant()
    application = submitted(cohort, learner)
    people["staff"].post(decide_url(application), {"decision": "approve"})
    page = logged_in(learner).get(apply_url(cohort)).content.decode()
    assert "Approved" in page and "You are in the cohort." in page


def test_no_email_for_a_closed_account(cohort, people, django_capture_on_commit_callbacks):
    learner = applicant()
    application = submitted(cohort, learner)
    with django_capture_on_commit_callbacks(execute=True):
        people["staff"].post(decide_url(application), {"decision": "decline"})
    assert len(mail.outbox) == 1
    learner.is_active = False
    learner.save()
    from lms.cohorts.applications import cohort_application_email_send

    assert cohort_application_email_send(application_id=application.pk) is False
    assert len(mail.outbox) == 1


def test_decided_at_is_now(cohort, people):
    application = submitted(cohort)
    before = timezone.now()
    people["staff"].post(decide_url(application), {"decision": "decline"})
    application.refresh_from_db()
    assert before <= application.decided_at <= timezone.now()
