"""A facilitator on a phone logs in, opens a session's roster from "My cohorts", marks one
learner present and another excused without a page reload, and finds the marks kept after
reloading."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from lms.cohorts import checkin
from lms.cohorts.services import cohort_enrol
from lms.models import Attendance, AttendanceChange, Cohort, CohortSession
from tests.accounts.factories import PASSWORD, UserFactory
from tests.courses import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def build_cohort(home):
    course = factories.course(factories.catalog(home), "Digital trade policy", format="cohort")
    factories.quiz(factories.module(course, "Week 1"), "Policy check")
    today = timezone.localdate()
    cohort = Cohort.objects.create(
        course=course, name="Kigali policy cohort", starts_on=today, ends_on=today, capacity=5
    )
    facilitator = UserFactory(email="facilitator@example.com", profile__full_name="Fidele N.")
    cohort.facilitators.add(facilitator)
    begins = timezone.make_aware(datetime.combine(today, time(9, 0)))
    session = CohortSession.objects.create(
        cohort=cohort,
        title="Opening session",
        starts_at=begins,
        ends_at=begins + timedelta(hours=3),
        venue="Kigali Convention Centre",
    )
    learners = []
    for email, name in (
        ("alice@example.com", "Alice Mukamana"),
        ("bosco@example.com", "Bosco Habimana"),
        ("claire@example.com", "Claire Uwera"),
    ):
        learner = UserFactory(email=email, profile__full_name=name)
        cohort_enrol(cohort=cohort, learner=learner)
        learners.append(learner)
    return facilitator, session, learners


def test_facilitator_marks_attendance_on_a_phone(live_server, page, screenshot, site, monkeypatch):
    facilitator, session, (alice, bosco, claire) = build_cohort(site)

    page.goto(live_server.url + "/accounts/login/?next=/learn/cohorts/mine/")
    page.get_by_label("Email").fill(facilitator.email)
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    page.wait_for_url("**/learn/cohorts/mine/")
    assert "Kigali policy cohort" in page.inner_text("main")

    page.get_by_role("link", name=re.compile(r"^Roster\W+Opening session$")).click()
    page.wait_for_url("**/roster/")
    roster_url = page.url
    alice_row = page.locator(f"#learner-{alice.pk}")
    bosco_row = page.locator(f"#learner-{bosco.pk}")
    alice_present = alice_row.get_by_role("button", name="Present")
    bosco_excused = bosco_row.get_by_role("button", name="Excused")
    assert alice_present.get_attribute("aria-pressed") == "false"

    # A marker on the window: a reload (the no-JavaScript path) would wipe it.
    page.evaluate("window.__stillHere = true")
    alice_present.click()
    page.wait_for_function(
        "id => document.querySelector(`#learner-${id} button[value=present]`)"
        ".getAttribute('aria-pressed') === 'true'",
        arg=alice.pk,
    )
    bosco_excused.click()
    page.wait_for_function(
        "id => document.querySelector(`#learner-${id} button[value=excused]`)"
        ".getAttribute('aria-pressed') === 'true'",
        arg=bosco.pk,
    )
    assert page.url == roster_url
    assert page.evaluate("window.__stillHere") is True
    assert alice_row.get_by_role("button", name="Absent").get_attribute("aria-pressed") == "false"
    assert "Excused" in bosco_row.locator("[data-status-label]").inner_text()
    assert page.locator("[data-count=present]").inner_text() == "1"
    assert page.locator("[data-count=excused]").inner_text() == "1"
    assert page.locator("[data-count=unmarked]").inner_text() == "1"
    screenshot("facilitator-roster")

    page.reload()
    assert (
        page.locator(f"#learner-{alice.pk} button[value=present]").get_attribute("aria-pressed")
        == "true"
    )
    assert (
        page.locator(f"#learner-{bosco.pk} button[value=excused]").get_attribute("aria-pressed")
        == "true"
    )
    assert page.locator(f"#learner-{claire.pk} button[aria-pressed=true]").count() == 0
    marks = dict(Attendance.objects.filter(session=session).values_list("learner_id", "status"))
    assert marks == {alice.pk: "present", bosco.pk: "excused"}
    assert AttendanceChange.objects.filter(actor=facilitator, via="roster").count() == 2

    # The check-in code for the room: digits and a QR code (a data: image the CSP allows).
    monkeypatch.setattr(checkin, "now", lambda: session.starts_at + timedelta(minutes=5))
    page.get_by_role("link", name="Show the check-in code").click()
    page.wait_for_url("**/code/")
    qr = page.get_by_role("img", name=re.compile("QR code"))
    assert qr.evaluate("image => image.complete && image.naturalWidth > 0")
    assert re.search(r"\d{3} \d{3}", page.inner_text("h1"))
    screenshot("facilitator-checkin-code")
