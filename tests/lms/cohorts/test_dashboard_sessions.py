"""The learner's next sessions on the dashboard: the invitation promises them
there. The next few, in the learner's time zone, with the venue or the meeting link, a
cancelled one struck through, one starting in five minutes or under way included, and a "Check
in" link while check-in is open (lms/cohorts/checkin.py: from 15 minutes before the start to 15
minutes after the end). The page's query count does not grow with sessions or cohorts."""

from __future__ import annotations

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.api import seed_demo_site
from lms.cohorts.models import LearnerSettings
from lms.cohorts.services import cohort_enrol
from lms.models import Attendance, Cohort, CohortSession
from tests.accounts.factories import UserFactory
from tests.courses import factories

NEW_YORK = ZoneInfo("America/New_York")


class NextSessionsOnTheDashboard(TestCase):
    @classmethod
    def setUpTestData(cls):
        site = seed_demo_site()
        catalog = factories.catalog(site)
        cls.catalog = catalog
        cls.course = factories.course(catalog, "Policy", format="cohort")
        factories.lesson(factories.module(cls.course, "Week 1"), "Reading")
        now = cls.now = timezone.now()
        cls.cohort = cls.make_cohort(cls.course, "Kigali cohort")
        cls.learner = UserFactory(email="amina@example.org")
        LearnerSettings.objects.create(user=cls.learner, time_zone="America/New_York")
        cohort_enrol(cohort=cls.cohort, learner=cls.learner)

        def session(title, starts, hours=2, **fields):
            return CohortSession.objects.create(
                cohort=cls.cohort,
                title=title,
                starts_at=starts,
                ends_at=starts + timedelta(hours=hours),
                **fields,
            )

        cls.long_past = session("Long past", now - timedelta(days=2))
        cls.just_ended = session("Just ended", now - timedelta(hours=2, minutes=10))
        cls.under_way = session("Under way", now - timedelta(minutes=30))
        cls.soon = session("Starting soon", now + timedelta(minutes=5), venue="Room 3")
        cls.cancelled = session("Called off", now + timedelta(days=3), cancelled=True)
        cls.next_week = session(
            "Next week",
            now + timedelta(days=7),
            venue="Kigali Convention Centre",
            meeting_url="https://meet.example.org/isoko",
        )
        cls.later = [session(f"Later {n}", now + timedelta(days=20 + n)) for n in range(3)]
        Attendance.objects.create(session=cls.under_way, learner=cls.learner, status="present")

    @staticmethod
    def make_cohort(course, name):
        today = timezone.localdate()
        return Cohort.objects.create(
            course=course,
            name=name,
            starts_on=today - timedelta(days=3),
            ends_on=today + timedelta(days=40),
            capacity=10,
        )

    def dashboard(self) -> str:
        self.client.force_login(self.learner)
        response = self.client.get(reverse("dashboard"))
        assert response.status_code == 200
        return response.content.decode()

    def section(self) -> str:
        page = self.dashboard()
        match = re.search(
            r'<section[^>]*aria-labelledby="upcoming-sessions".*?</section>', page, re.S
        )
        assert match, "no upcoming sessions section"
        return match.group(0)

    def item(self, section: str, title: str) -> str:
        match = re.search(
            r"<li[^>]*>(?:(?!</li>).)*" + re.escape(title) + r".*?</li>", section, re.S
        )
        assert match, title
        return match.group(0)

    def test_the_next_few_sessions_are_listed_in_order(self):
        section = self.section()
        titles = re.findall(r"<strong>(?:<s>)?([^<]+)", section)
        # Before: only a link to the timetable. Now: what is on, then what comes next (five).
        assert titles == ["Just ended", "Under way", "Starting soon", "Called off", "Next week"]
        assert "Long past" not in section and "Later 0" not in section

    def test_times_are_in_the_learners_time_zone_with_the_place(self):
        section = self.section()
        item = self.item(section, "Next week")
        local = timezone.localtime(self.next_week.starts_at, NEW_YORK)
        assert local.strftime("%H:%M") in item
        assert "America/New_York" in section
        assert "Kigali Convention Centre" in item
        assert 'href="https://meet.example.org/isoko"' in item
        assert "Room 3" in self.item(section, "Starting soon")

    def test_a_cancelled_session_is_struck_through(self):
        item = self.item(self.section(), "Called off")
        assert "<s>Called off</s>" in item and "Cancelled" in item
        assert "Check in" not in item

    def test_check_in_while_it_is_open(self):
        section = self.section()

        def checkin_url(session):
            return reverse("lms_cohort_checkin", args=[self.cohort.public_id, session.pk])

        for session in (self.soon, self.just_ended):
            assert f'href="{checkin_url(session)}"' in self.item(section, session.title)
        # Already checked in: said so, no link.
        under_way = self.item(section, "Under way")
        assert checkin_url(self.under_way) not in under_way and "Checked in" in under_way
        assert checkin_url(self.next_week) not in section

    def test_someone_in_no_cohort_has_no_such_section_and_no_extra_queries(self):
        outsider = UserFactory(email="outsider@example.org")
        self.client.force_login(outsider)
        page = self.client.get(reverse("dashboard")).content.decode()
        assert 'aria-labelledby="upcoming-sessions"' not in page


@pytest.mark.django_db
def test_the_query_count_does_not_grow_with_sessions_or_cohorts(
    site, client, django_assert_max_num_queries
):
    """N cohorts and sessions, then N + 2 of each: the dashboard costs the same."""
    catalog = factories.catalog(site)
    learner = UserFactory(email="counted@example.org")
    now = timezone.now()

    def add_cohort(n):
        course = factories.course(catalog, f"Policy {n}", format="cohort")
        cohort = NextSessionsOnTheDashboard.make_cohort(course, f"Cohort {n}")
        cohort_enrol(cohort=cohort, learner=learner)
        for m in range(2):
            starts = now + timedelta(minutes=3 + m, days=n)
            CohortSession.objects.create(
                cohort=cohort,
                title=f"S{n}.{m}",
                starts_at=starts,
                ends_at=starts + timedelta(hours=1),
            )

    add_cohort(0)
    client.force_login(learner)
    client.get(reverse("dashboard"))  # warm the caches (content types, site)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("dashboard"))
    counted = len(queries)  # now: the next request empties Django's query log
    for n in (1, 2):
        add_cohort(n)
    # Warm again: the new course pages dropped the per-process page memos (courses.selectors).
    client.get(reverse("dashboard"))
    with django_assert_max_num_queries(counted):
        page = client.get(reverse("dashboard")).content.decode()
    assert "Cohort 2" in page and "S0.0" in page
