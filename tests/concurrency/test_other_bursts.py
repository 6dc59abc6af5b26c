"""Double taps on the POSTs the other burst tests leave out: a facilitator's CSV
import, a learner's time zone, profile and account deletion, the one-click unsubscribe. No 5xx,
one effect, the same answer for every tap."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from lms.cohorts.models import LearnerSettings
from lms.models import Cohort, Enrolment, EnrolmentEvent, NudgePreference
from lms.nudges import nudge_unsubscribe_token
from tests.accounts.factories import PASSWORD, UserFactory
from tests.courses import factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_facilitator_imports_a_csv_and_a_learner_sets_their_time_zone(burst, site, mailoutbox):
    course = factories.course(factories.catalog(site), "Policy", format="cohort")
    today = timezone.localdate()
    cohort = Cohort.objects.create(
        course=course,
        name="Kigali",
        starts_on=today,
        ends_on=today + timedelta(days=7),
        capacity=10,
    )
    facilitator, member = UserFactory(), UserFactory(email="member@example.org")
    cohort.facilitators.add(facilitator)

    csv = b"email,full name\nnew.person@example.org,New Person\nmember@example.org,Member\n"
    url = reverse("lms_cohort_import", args=[cohort.public_id])
    replies = burst(
        url, user=facilitator, n=3, form={"action": "import"},
        files={"file": [("people.csv", csv, "text/csv")]},
    )  # fmt: skip
    assert {reply.status for reply in replies} == {200}
    new = get_user_model().objects.get(email="new.person@example.org")
    for person in (new, member):
        enrolment = Enrolment.objects.get(learner=person, cohort=cohort)
        assert EnrolmentEvent.objects.filter(enrolment=enrolment).count() == 1
    cohort.refresh_from_db()
    assert cohort.seats_taken == 2
    invited = [m for m in mailoutbox if "new.person@example.org" in m.to]
    assert len(invited) == 1

    url = reverse("lms_cohort_timetable", args=[cohort.public_id])
    replies = burst(url, user=member, n=4, form={"time_zone": "Africa/Nairobi"})
    assert {(r.status, r.location) for r in replies} == {(302, url)}
    assert LearnerSettings.objects.get(user=member).time_zone == "Africa/Nairobi"


def test_a_learner_unsubscribes_edits_their_profile_and_deletes_their_account(burst, site):
    learner = UserFactory()
    url = reverse("lms_unsubscribe", args=[nudge_unsubscribe_token(user=learner)])
    replies = burst(url, user=None, n=4)
    assert {reply.status for reply in replies} == {200}
    assert NudgePreference.objects.get(user=learner).nudges_enabled is False

    url = reverse("profile_edit")
    form = {
        "full_name": "Aline Uwase",
        "audience": "entrepreneur",
        "country": "RW",
        "phone": "+250788123456",
        "preferred_language": "en",
    }
    replies = burst(url, user=learner, n=4, form=form)
    assert {(r.status, r.location) for r in replies} == {(302, url)}
    learner.profile.refresh_from_db()
    assert learner.profile.phone == "+250788123456"

    url = reverse("account_delete")
    replies = burst(url, user=learner, n=3, form={"confirm": "DELETE", "password": PASSWORD})
    assert {reply.status for reply in replies} <= {200, 302}
    learner.refresh_from_db()
    assert learner.erased_at is not None
