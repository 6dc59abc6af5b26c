"""Sessions against the real clock: the cohort report and the roster export
count only the sessions that are over, "My cohorts" tells past, current and upcoming sessions
apart, and nobody who did nothing is shown as active "0 minutes ago".

The data is built once per class around the moment the class starts; every edge is minutes
away from it, so the few seconds the tests take do not move anything across an edge."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone

from courses.api import seed_demo_site
from lms.cohorts import checkin
from lms.cohorts.report import cohort_report
from lms.cohorts.services import cohort_enrol
from lms.models import Attendance, Cohort, CohortSession, Enrolment
from lms.reports import learner_rows
from lms.services import enrolment_create
from tests.accounts.factories import UserFactory
from tests.courses import factories


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


class ClockWorld(TestCase):
    """A cohort whose sessions sit on the clock's edges, seen from ``now``:

    - past: ended two days ago;
    - grace: ended ten minutes ago, so check-in is still open (checkin.MARGIN is 15 minutes);
    - current: started a minute ago, under way;
    - future: starts in three days;
    - cancelled: a day ago, cancelled.
    """

    @classmethod
    def setUpTestData(cls):
        site = seed_demo_site()
        cls.course = factories.course(factories.catalog(site), "Policy", format="cohort")
        factories.lesson(factories.module(cls.course, "Week 1"), "Reading")
        now = cls.now = timezone.now()
        cls.cohort = Cohort.objects.create(
            course=cls.course,
            name="Clock cohort",
            starts_on=(now - timedelta(days=3)).date(),
            ends_on=(now + timedelta(days=10)).date(),
            capacity=10,
        )

        def make(title, starts, hours=2, **fields):
            return CohortSession.objects.create(
                cohort=cls.cohort,
                title=title,
                starts_at=starts,
                ends_at=starts + timedelta(hours=hours),
                **fields,
            )

        cls.past = make("Past session", now - timedelta(days=2))
        cls.grace = make("Grace session", now - timedelta(hours=2, minutes=10))
        cls.current = make("Current session", now - timedelta(minutes=1))
        cls.future = make("Future session", now + timedelta(days=3))
        cls.cancelled = make("Cancelled session", now - timedelta(days=1), cancelled=True)
        cls.facilitator = UserFactory(email="facilitator@example.com")
        cls.cohort.facilitators.add(cls.facilitator)
        cls.learners = {}
        for key, name in (
            ("aline", "Aline Uwase"),
            ("bosco", "Bosco Habimana"),
            ("claude", "Claude Niyonzima"),
        ):
            user = UserFactory(email=f"{key}@example.com", profile__full_name=name)
            cohort_enrol(cohort=cls.cohort, learner=user)
            cls.learners[key] = user
        marks = [
            # Aline came to both sessions that ended.
            ("aline", cls.past, "present"),
            ("aline", cls.grace, "present"),
            ("aline", cls.cancelled, "absent"),  # never counts
            # Bosco has no mark at all: one session is over (missed), the grace one is not yet.
            # Claude was excused from the past one and has checked in to the current one.
            ("claude", cls.past, "excused"),
            ("claude", cls.current, "present"),
        ]
        for key, session, status in marks:
            Attendance.objects.create(session=session, learner=cls.learners[key], status=status)


class CohortReportCountsOnlyWhatIsOver(ClockWorld):
    def test_the_rate_counts_sessions_that_are_over_or_marked(self):
        cohort = Cohort.objects.select_related("course").get(pk=self.cohort.pk)
        data = cohort_report(cohort=cohort)
        rows = {row.email: row for row in data.rows}
        # Before: every session not cancelled counted, the future ones as missed (2 of 4).
        assert rows["aline@example.com"].attendance_percent == 100
        # Missed the past session; the grace one is not over, the rest are to come.
        assert rows["bosco@example.com"].attendance_percent == 0
        assert rows["bosco@example.com"].missed == 1
        assert rows["aline@example.com"].missed == 0
        # Excused from the past one; present at the one under way.
        assert rows["claude@example.com"].attendance_percent == 100
        assert [session.title for session in data.sessions] == [
            "Past session",
            "Grace session",
            "Current session",
            "Future session",
        ]
        assert data.over == [True, False, False, False]

    def test_the_grace_window_closes_fifteen_minutes_after_the_end(self):
        cohort = Cohort.objects.select_related("course").get(pk=self.cohort.pk)
        closes = self.grace.ends_at + checkin.MARGIN
        before = cohort_report(cohort=cohort, now=closes - timedelta(seconds=1))
        after = cohort_report(cohort=cohort, now=closes)
        assert before.over[1] is False and after.over[1] is True
        bosco = {row.email: row for row in after.rows}["bosco@example.com"]
        assert bosco.missed == 2

    def test_the_page_shows_upcoming_sessions_as_not_over_not_missed(self):
        response = logged_in(self.facilitator).get(
            reverse("lms_cohort_report", args=[self.cohort.public_id])
        )
        page = response.content.decode()
        bosco = re.search(r'<th scope="row">Bosco Habimana.*?</tr>', page, re.S).group(0)
        cells = re.findall(r'<td class="mark-([\w-]+)">', bosco)
        assert cells == ["none", "not-over", "not-over", "not-over"]
        assert bosco.count('<span class="visually-hidden">Not over yet</span>') == 3
        assert "<td>0%" in bosco
        aline = re.search(r'<th scope="row">Aline Uwase.*?</tr>', page, re.S).group(0)
        assert "<td>100%</td>" in aline

    def test_the_csv_says_which_sessions_are_not_over(self):
        response = logged_in(self.facilitator).get(
            reverse("lms_cohort_report_csv", args=[self.cohort.public_id])
        )
        body = b"".join(response.streaming_content).decode()
        rows = {row[1]: row for row in csv.reader(io.StringIO(body[1:]))}
        assert rows["bosco@example.com"][2:7] == [
            "Not marked",
            "Not over yet",
            "Not over yet",
            "Not over yet",
            "0",
        ]
        assert rows["aline@example.com"][2:7] == [
            "Present",
            "Present",
            "Not over yet",
            "Not over yet",
            "100",
        ]

    def test_the_roster_export_counts_the_same_way(self):
        response = logged_in(self.facilitator).get(
            reverse("lms_cohort_roster_csv", args=[self.cohort.public_id])
        )
        body = b"".join(response.streaming_content).decode()
        rows = {row[0]: row for row in csv.reader(io.StringIO(body[1:]))}
        assert rows["aline@example.com"][6] == "100"
        assert rows["bosco@example.com"][6] == "0"
        assert rows["claude@example.com"][6] == "100"


class MyCohortsTellsPastFromUpcoming(ClockWorld):
    def test_each_session_says_whether_it_is_past_under_way_upcoming_or_cancelled(self):
        page = logged_in(self.facilitator).get(reverse("lms_cohort_mine")).content.decode()
        # Before: every session had a tick, as if done.
        assert "checklist" not in page
        found = re.findall(
            r'<li class="outline-item session-item session-(\w+)">'
            r"\s*<span>\s*<strong>(?:<s>)?([^<]+)<",
            page,
        )
        assert {title: state for state, title in found} == {
            "Past session": "past",
            "Grace session": "past",
            "Current session": "now",
            "Future session": "upcoming",
            "Cancelled session": "cancelled",
        }
        for label in ("Past", "In progress", "Upcoming", "Cancelled"):
            assert f'<span class="badge">{label}</span>' in page

    def test_a_session_that_starts_or_ends_this_second(self):
        from lms.cohorts.attendance import session_phase

        session = self.current
        assert session_phase(session, now=session.starts_at - timedelta(seconds=1)) == "upcoming"
        assert session_phase(session, now=session.starts_at) == "now"
        assert session_phase(session, now=session.ends_at - timedelta(seconds=1)) == "now"
        assert session_phase(session, now=session.ends_at) == "past"
        assert session_phase(self.cancelled, now=self.now) == "cancelled"


class NoActivityIsNotActivity(TestCase):
    @classmethod
    def setUpTestData(cls):
        site = seed_demo_site()
        catalog = factories.catalog(site)
        cls.course = factories.course(catalog, "Coffee")
        factories.lesson(factories.module(cls.course, "Start"), "First steps")
        policy = factories.course(catalog, "Policy", format="cohort")
        today = timezone.localdate()
        cls.cohort = Cohort.objects.create(
            course=policy,
            name="Quiet cohort",
            starts_on=today,
            ends_on=today + timedelta(days=7),
            capacity=5,
        )
        cls.learner = UserFactory(email="quiet@example.com")
        enrolment_create(learner=cls.learner, course=cls.course)
        cohort_enrol(cohort=cls.cohort, learner=cls.learner)

    def test_enrolling_is_not_activity(self):
        enrolments = Enrolment.objects.filter(learner=self.learner)
        assert enrolments.count() == 2
        assert not enrolments.exclude(last_activity_at=None).exists()
        (row,) = learner_rows(course=self.course)
        assert row.last_activity_at is None

    def test_the_dashboard_says_no_activity_yet(self):
        page = logged_in(self.learner).get(reverse("dashboard")).content.decode()
        # Before: "Last activity 0 minutes ago" under both courses.
        assert "Last activity" not in page
        assert page.count("No activity yet") == 2


class OldEnrolmentsLoseTheirEnrolmentTime(TestCase):
    """lms/migrations/0006: what the old code wrote at enrolment is cleared; real activity
    is kept."""

    @classmethod
    def setUpTestData(cls):
        site = seed_demo_site()
        catalog = factories.catalog(site)
        cls.course = factories.course(catalog, "Coffee")
        cls.lesson = factories.lesson(factories.module(cls.course, "Start"), "First steps")
        cls.other = factories.course(catalog, "Tea")

    def test_the_data_migration(self):
        import importlib

        from django.apps import apps

        migration = importlib.import_module("lms.migrations.0006_enrolling_is_not_activity")
        idle, active, opened = (UserFactory() for _ in range(3))
        enrolled = timezone.now() - timedelta(days=3)
        rows = {
            # As the old enrolment_create wrote it: the same moment, no item.
            "idle": Enrolment.objects.create(learner=idle, course=self.course),
            # Active a day later, on an item since deleted (last_item cleared).
            "active": Enrolment.objects.create(learner=active, course=self.course),
            # Opened a lesson at once.
            "opened": Enrolment.objects.create(
                learner=opened, course=self.course, last_item=self.lesson
            ),
        }
        moments = {"idle": enrolled, "active": enrolled + timedelta(days=1), "opened": enrolled}
        for key, enrolment in rows.items():
            Enrolment.objects.filter(pk=enrolment.pk).update(
                enrolled_at=enrolled, last_activity_at=moments[key] + timedelta(milliseconds=3)
            )
        migration.clear_enrolment_time(apps, None)
        after = {
            key: Enrolment.objects.get(pk=row.pk).last_activity_at for key, row in rows.items()
        }
        assert after["idle"] is None
        assert after["active"] is not None and after["opened"] is not None
