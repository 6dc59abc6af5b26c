"""An invited delegate on a phone: follows the link in the invitation e-mail,
sets a password on "Set your password", is signed in and lands on the dashboard, where the
cohort's next session (starting in a few minutes) has a "Check in" link that works.

In a real browser because the test client sends no Origin header: a page that set
``referrer: no-referrer`` made Chromium send ``Origin: null`` and Django refuse the form
(CSRF), which only a browser shows."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from accounts.models import User
from lms.cohorts import checkin
from lms.cohorts.roster_import import cohort_import_csv, cohort_import_emails_send
from lms.models import Attendance, Cohort, CohortSession
from tests.accounts.factories import UserFactory
from tests.courses import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Kigali-delegate-2099!"


def test_an_invited_delegate_sets_a_password_and_checks_in(live_server, page, screenshot, site):
    course = factories.course(factories.catalog(site), "Digital trade policy", format="cohort")
    factories.lesson(factories.module(course, "Week 1"), "Reading")
    today = timezone.localdate()
    cohort = Cohort.objects.create(
        course=course, name="Kigali policy cohort", starts_on=today, ends_on=today, capacity=5
    )
    starts = timezone.now() + timedelta(minutes=5)
    session = CohortSession.objects.create(
        cohort=cohort,
        title="Opening session",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        venue="Kigali Convention Centre",
    )
    facilitator = UserFactory(email="facilitator@example.com")
    cohort.facilitators.add(facilitator)
    data = b"email,full name\r\ndelegate@example.org,Divine Uwase\r\n"
    assert cohort_import_csv(cohort=cohort, data=data, actor=facilitator).imported
    delegate = User.objects.get(email="delegate@example.org")
    mail.outbox = []
    cohort_import_emails_send(cohort_id=cohort.pk, invited_ids=[delegate.pk], enrolled_ids=[])
    base = re.escape(settings.WAGTAILADMIN_BASE_URL.rstrip("/"))
    (path,) = re.findall(base + r"(/\S*/welcome/\S+/)", mail.outbox[0].body)

    page.goto(live_server.url + path)
    page.get_by_role("heading", name="Set your password").wait_for()
    assert page.get_by_role("link", name="Cancel").count() == 0
    page.get_by_label(re.compile(r"^Password")).fill(PASSWORD)
    page.get_by_label(re.compile(r"^The same password again")).fill(PASSWORD)
    screenshot("invitation-set-password")
    page.get_by_role("button", name="Set my password and continue").click()

    page.wait_for_url(re.compile(r"/dashboard/$"))
    sessions = page.get_by_role("region", name="Upcoming sessions")
    sessions.get_by_text("Opening session", exact=True).wait_for()
    screenshot("invitation-dashboard")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    sessions.get_by_role("link", name=re.compile(r"^Check in")).click()
    code = checkin.current_code(session)
    page.get_by_label(re.compile("code", re.I)).fill(code)
    page.get_by_role("button", name=re.compile("check in", re.I)).click()
    page.get_by_text("You are checked in").wait_for()
    assert Attendance.objects.filter(session=session, learner=delegate, status="present").exists()
