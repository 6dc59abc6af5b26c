"""A facilitator's cohort pages fit a 390 px phone: "My cohorts", the
report with its attendance matrix (which scrolls inside its own box), the import page and the
timetable, each reached by following the links between them."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from lms.cohorts.services import cohort_enrol
from lms.models import Cohort, CohortSession
from tests.accounts.factories import UserFactory
from tests.courses import factories
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_cohort_pages_fit_a_phone(live_server, page, screenshot, site):
    course = factories.course(factories.catalog(site), "Digital trade policy", format="cohort")
    today = timezone.localdate()
    cohort = Cohort.objects.create(
        course=course,
        name="Kigali policy cohort",
        starts_on=today - timedelta(days=14),
        ends_on=today + timedelta(days=30),
        capacity=10,
    )
    facilitator = UserFactory(email="facilitator@example.com")
    cohort.facilitators.add(facilitator)
    for week in range(-2, 6):
        begins = timezone.make_aware(datetime.combine(today + timedelta(weeks=week), time(9)))
        CohortSession.objects.create(
            cohort=cohort,
            title=f"Week {week + 3}: policy workshop",
            starts_at=begins,
            ends_at=begins + timedelta(hours=3),
        )
    for n in range(3):
        cohort_enrol(
            cohort=cohort,
            learner=UserFactory(
                email=f"delegate{n}@example.org", profile__full_name=f"Delegate {n}"
            ),
        )
    log_in(page, live_server.url, facilitator.email)

    def fits(name):
        screenshot(f"cohort-{name}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (name, width)

    page.goto(live_server.url + "/learn/cohorts/mine/")
    fits("mine")
    page.get_by_role("link", name="Cohort report").click()
    page.get_by_role("heading", name=re.compile("^Report")).wait_for()
    fits("report")  # before: 477 px, the matrix's hidden labels widened the page
    page.get_by_role("link", name="Add people from a CSV file").click()
    page.get_by_role("heading", name="Add people from a CSV file").wait_for()
    fits("import")
    page.get_by_role("link", name="Timetable").click()
    page.get_by_role("heading", name="Kigali policy cohort").wait_for()
    fits("timetable")
