"""Enrolment: one click, idempotent, history kept, prerequisites, closed and cohort courses."""

import pytest
from django.urls import reverse

from courses.models import CoursePage
from lms.errors import LmsError
from lms.models import Completion, Enrolment, EnrolmentEvent
from lms.services import enrolment_create, enrolment_withdraw
from tests.accounts.factories import UserFactory
from tests.courses import factories

pytestmark = pytest.mark.django_db


def test_enrol_is_idempotent_and_audited(learner, course):
    first = enrolment_create(learner=learner, course=course)
    assert enrolment_create(learner=learner, course=course) == first
    assert Enrolment.objects.count() == 1
    assert list(first.events.values_list("action", flat=True)) == ["enrolled"]


def test_withdraw_keeps_history_and_rejoin_reuses_it(learner, course):
    enrolment = enrolment_create(learner=learner, course=course)
    enrolment_withdraw(learner=learner, course=course)
    enrolment.refresh_from_db()
    assert enrolment.status == "withdrawn" and enrolment.withdrawn_at
    again = enrolment_create(learner=learner, course=course)
    assert again.pk == enrolment.pk and again.status == "active"
    actions = list(EnrolmentEvent.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["enrolled", "withdrew", "rejoined"]


def test_prerequisites_are_named(learner, course, site):
    advanced = factories.course(factories.catalog(site), "Export paperwork")
    advanced.prerequisites.set([course])
    factories.publish(advanced)
    with pytest.raises(LmsError) as error:
        enrolment_create(learner=learner, course=advanced)
    assert error.value.code == "prerequisites"
    assert "Selling coffee online" in str(error.value.message)
    done = enrolment_create(learner=learner, course=course)
    Completion.objects.create(enrolment=done, completed_at=done.enrolled_at)
    assert enrolment_create(learner=learner, course=advanced).status == "active"


@pytest.mark.parametrize(
    ("fields", "code", "message"),
    [
        ({"enrolment_open": False}, "closed", "Enrolment for this course is closed"),
        ({"format": "cohort"}, "cohort_only", "scheduled cohorts"),
    ],
)
def test_closed_and_cohort_courses_refuse(learner_client, site, fields, code, message):
    course = factories.course(factories.catalog(site), "Refusing course", **fields)
    response = learner_client.post(reverse("lms_enrol", args=[course.pk]), follow=True)
    assert message in response.content.decode()
    assert not Enrolment.objects.exists()


def test_anonymous_is_sent_to_log_in_and_back(client, course):
    response = client.post(reverse("lms_enrol", args=[course.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=/courses/selling-coffee-online/" in response["Location"]
    html = client.get(course.url).content.decode()
    assert "Log in to enrol" in html


def test_enrol_is_post_only_with_csrf(course, learner):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(learner)
    assert strict.post(reverse("lms_enrol", args=[course.pk])).status_code == 403
    assert strict.get(reverse("lms_enrol", args=[course.pk])).status_code == 302
    assert not Enrolment.objects.exists()


def test_unpublished_course_404(learner_client, course):
    course.unpublish()
    assert learner_client.post(reverse("lms_enrol", args=[course.pk])).status_code == 404


def test_withdraw_view(learner_client, learner, course):
    learner_client.post(reverse("lms_enrol", args=[course.pk]))
    response = learner_client.post(reverse("lms_withdraw", args=[course.pk]))
    assert response.status_code == 302
    assert Enrolment.objects.get().status == "withdrawn"
    other = UserFactory(email="other@example.com")
    assert Enrolment.objects.filter(learner=other).count() == 0
    assert CoursePage.objects.get(pk=course.pk).live
