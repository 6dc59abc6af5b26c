"""The cohort report: the attendance matrix, progress and completion, the CSV export, who may
see them, and a query count that does not grow with learners or sessions."""

from __future__ import annotations

import csv
import io
import re
import uuid
from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Profile, User
from courses.models import QuizPage
from lms.cohorts.report import attendance_percent, cohort_report
from lms.cohorts.services import cohort_enrol
from lms.models import (
    Attendance,
    Cohort,
    CohortSession,
    Enrolment,
    QuizAttempt,
)
from lms.services.completion import completion_evaluate
from tests.accounts.factories import StaffFactory, UserFactory
from tests.courses import factories
from tests.shared_data import shared

# Sessions long over: the report counts only sessions that are over or marked
# (test_clock_edges.py has the ones that are not).
START = date(2021, 1, 15)
# The report page for any cohort, measured: session, user, cohort, facilitator check, the six
# report queries, and three for the site layout's account menu (profile, permissions). The
# same 13 for 3 learners × 2 sessions and for 300 × 20.
MAX_QUERIES = 13


@shared(needs=("site",))
def report_policy_course(site):
    course = factories.course(factories.catalog(site), "Policy", format="cohort")
    factories.quiz(factories.module(course, "Week 1"), "Policy check")
    return course


@pytest.fixture
def policy_course(report_policy_course):
    """Built once for the tests of this module that use it: see tests/shared_data.py."""
    return report_policy_course


def make_cohort(course, **fields) -> Cohort:
    values = {
        "course": course,
        "name": "Kigali 2021 intake",
        "starts_on": START,
        "ends_on": START + timedelta(days=30),
        "capacity": 10,
        **fields,
    }
    return Cohort.objects.create(**values)


def session(cohort, title, day, **fields) -> CohortSession:
    starts = timezone.make_aware(datetime.combine(START + timedelta(days=day), datetime.min.time()))
    starts += timedelta(hours=9)
    return CohortSession.objects.create(
        cohort=cohort, title=title, starts_at=starts, ends_at=starts + timedelta(hours=2), **fields
    )


def named(name: str, email: str):
    user = UserFactory(email=email)
    user.profile.full_name = name
    user.profile.save()
    return user


def mark(session_, learner, status):
    Attendance.objects.create(session=session_, learner=learner, status=status)


def pass_quiz(learner, quiz, course):
    QuizAttempt.objects.create(
        learner=learner,
        quiz=quiz,
        course=course,
        number=1,
        status=QuizAttempt.Status.SUBMITTED,
        finished_at=timezone.now(),
        questions=[],
        score=100,
        passed=True,
    )


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def report_data(policy_course):
    """Three learners × two sessions (plus a cancelled one and a withdrawn learner, left out)."""
    cohort = make_cohort(policy_course)
    quiz = QuizPage.objects.descendant_of(policy_course).get()
    first = session(cohort, "+Opening (SUM(A1))", 0)
    second = session(cohort, "Data protection", 7)
    cancelled = session(cohort, "Cancelled visit", 14, cancelled=True)
    aline = named("Aline Uwase", "aline@example.com")
    bosco = named("Bosco Habimana", "bosco@example.com")
    mallory = named("=cmd|' /C calc'!A0", "mallory@example.com")
    gone = named("Gone Away", "gone@example.com")
    for learner in (aline, bosco, mallory, gone):
        cohort_enrol(cohort=cohort, learner=learner)
    Enrolment.objects.filter(learner=gone).update(status=Enrolment.Status.WITHDRAWN)
    mark(first, aline, "present")
    mark(second, aline, "present")
    mark(cancelled, aline, "absent")  # does not count: the session was cancelled
    mark(first, bosco, "present")
    mark(second, bosco, "excused")
    mark(first, mallory, "absent")
    mark(first, gone, "present")
    pass_quiz(aline, quiz, policy_course)
    completion_evaluate(enrolment=Enrolment.objects.get(learner=aline))
    facilitator = UserFactory(email="facilitator@example.com")
    cohort.facilitators.add(facilitator)
    other = UserFactory(email="other.facilitator@example.com")
    make_cohort(policy_course, name="Other intake").facilitators.add(other)
    return {
        "cohort": cohort,
        "sessions": [first, second],
        "learners": {"aline": aline, "bosco": bosco, "mallory": mallory},
        "clients": {
            "anonymous": Client(),
            "member": logged_in(bosco),
            "learner": logged_in(UserFactory(email="bystander@example.com")),
            "other_facilitator": logged_in(other),
            "facilitator": logged_in(facilitator),
            "staff": logged_in(StaffFactory(email="staff@example.com")),
        },
    }


def report_url(cohort) -> str:
    return reverse("lms_cohort_report", args=[cohort.public_id])


def csv_url(cohort) -> str:
    return reverse("lms_cohort_report_csv", args=[cohort.public_id])


def read_csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def row_html(page: str, name: str) -> str:
    match = re.search(r'<th scope="row">' + re.escape(name) + r".*?</tr>", page, re.S)
    assert match, name
    return match.group(0)


def letters(row: str) -> list[str]:
    return re.findall(r'<td class="mark-\w+"><span aria-hidden="true">(.)</span>', row)


# --- Who may see it ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("member", 403), ("learner", 403), ("other_facilitator", 403)],
)
def test_only_the_cohorts_facilitators_and_staff_see_the_report(report_data, who, status):
    cohort = report_data["cohort"]
    client = report_data["clients"][who]
    for url in (report_url(cohort), csv_url(cohort)):
        response = client.get(url)
        assert response.status_code == status
        if status == 302:
            assert "/accounts/login/" in response.url
        assert b"aline@example.com" not in response.content


@pytest.mark.parametrize("who", ["facilitator", "staff"])
def test_facilitators_and_staff_see_it(report_data, who):
    cohort = report_data["cohort"]
    client = report_data["clients"][who]
    assert client.get(report_url(cohort)).status_code == 200
    response = client.get(csv_url(cohort))
    assert response.status_code == 200 and response.streaming


def test_an_unknown_cohort_is_not_found(report_data):
    staff = report_data["clients"]["staff"]
    unknown = uuid.uuid4()
    assert staff.get(reverse("lms_cohort_report", args=[unknown])).status_code == 404
    assert staff.get(reverse("lms_cohort_report_csv", args=[unknown])).status_code == 404


def test_the_report_takes_a_get(report_data):
    client = report_data["clients"]["facilitator"]
    assert client.post(report_url(report_data["cohort"])).status_code == 405
    assert client.post(csv_url(report_data["cohort"])).status_code == 405


# --- What it shows -------------------------------------------------------------------------


def test_the_matrix_shows_attendance_progress_and_completion(report_data):
    cohort = report_data["cohort"]
    response = report_data["clients"]["facilitator"].get(report_url(cohort))
    page = response.content.decode()
    # Sessions as column headers, spelt out for screen readers; the cancelled one left out.
    assert page.count('<th scope="col"><span aria-hidden="true">S') == 2
    assert '<span class="visually-hidden">+Opening (SUM(A1)),' in page
    assert "Cancelled visit" not in page
    # A text legend.
    for legend in ("<strong>P</strong> = Present", "<strong>A</strong> = Absent"):
        assert legend in page
    assert "<strong>E</strong> = Excused" in page and "<strong>–</strong> = Not marked" in page
    # One row per member, by name; the withdrawn learner left out.
    assert "Gone Away" not in page
    names = re.findall(r'<th scope="row">([^<]+)', page)
    assert names == ["=cmd|&#x27; /C calc&#x27;!A0", "Aline Uwase", "Bosco Habimana"]

    aline = row_html(page, "Aline Uwase")
    assert letters(aline) == ["P", "P"]
    assert '<span class="visually-hidden">Present</span>' in aline
    assert "100%" in aline and "(1/1)" in aline and "Completed" in aline

    bosco = row_html(page, "Bosco Habimana")
    assert letters(bosco) == ["P", "E"]
    assert "<td>100%</td>" in bosco  # the excused session is left out: 1 of 1
    assert "0% <span" in bosco and "(0/1)" in bosco and "Not yet" in bosco

    mallory = row_html(page, "=cmd|&#x27; /C calc&#x27;!A0")
    assert letters(mallory) == ["A", "–"]
    assert '<span class="visually-hidden">Not marked</span>' in mallory
    assert "0%" in mallory and "below the threshold" in mallory
    # Figures at the top.
    assert "3 (capacity 10)" in page


def test_the_selector_counts_as_the_completion_rule_does(report_data):
    cohort = Cohort.objects.select_related("course").get(pk=report_data["cohort"].pk)
    data = cohort_report(cohort=cohort)
    rows = {row.email: row for row in data.rows}
    assert [session.title for session in data.sessions] == ["+Opening (SUM(A1))", "Data protection"]
    assert rows["aline@example.com"].marks == ["present", "present"]
    assert rows["aline@example.com"].completed and rows["aline@example.com"].progress_percent == 100
    assert rows["bosco@example.com"].attendance_percent == 100
    assert rows["mallory@example.com"].attendance_percent == 0
    assert rows["mallory@example.com"].marks == ["absent", None]
    assert data.completed == 1


def test_attendance_percent():
    assert attendance_percent([]) == 0
    assert attendance_percent(["present", None, "absent", "excused"]) == 33
    assert attendance_percent(["excused", "excused"]) == 0
    assert attendance_percent(["present", "excused"]) == 100


def test_progress_is_full_when_the_course_requires_no_quiz(site):
    course = factories.course(factories.catalog(site), "Policy light", format="cohort")
    cohort = make_cohort(course)
    cohort_enrol(cohort=cohort, learner=UserFactory())
    (row,) = cohort_report(cohort=cohort).rows
    assert (row.quizzes_required, row.progress_percent) == (0, 100)


def test_an_empty_cohort_says_so(policy_course):
    cohort = make_cohort(policy_course)
    client = logged_in(StaffFactory())
    page = client.get(report_url(cohort)).content.decode()
    assert "Nobody is in this cohort yet." in page
    rows = read_csv(client.get(csv_url(cohort)))
    assert rows == [
        ["Name", "E-mail", "Attendance (%)", "Progress (%)", "Completed", "Completed on"]
    ]


def test_the_csv_has_one_line_per_learner_and_escapes_formulas(report_data):
    cohort = report_data["cohort"]
    response = report_data["clients"]["staff"].get(csv_url(cohort))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "kigali-2021-intake-report-" in response["Content-Disposition"]
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    header, *rows = read_csv(response)
    assert header == [
        "Name",
        "E-mail",
        "'+Opening (SUM(A1)) (2021-01-15 09:00)",
        "Data protection (2021-01-22 09:00)",
        "Attendance (%)",
        "Progress (%)",
        "Completed",
        "Completed on",
    ]
    assert [row[:2] for row in rows] == [
        ["'=cmd|' /C calc'!A0", "mallory@example.com"],
        ["Aline Uwase", "aline@example.com"],
        ["Bosco Habimana", "bosco@example.com"],
    ]
    assert rows[0][2:7] == ["Absent", "Not marked", "0", "0", "No"]
    assert rows[1][2:7] == ["Present", "Present", "100", "100", "Yes"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", rows[1][7])
    assert rows[2][2:8] == ["Present", "Excused", "100", "0", "No", ""]
    # No cell a spreadsheet would run as a formula.
    for row in rows:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row)


# --- Queries -------------------------------------------------------------------------------


def build(course, *, learners: int, sessions: int) -> Cohort:
    """A cohort of `learners` × `sessions`, every cell marked and half the learners past the
    quiz, made with bulk_create."""
    tag = uuid.uuid4().hex[:8]
    cohort = make_cohort(course, name=f"Cohort {tag}", capacity=learners)
    quiz = QuizPage.objects.descendant_of(course).get()
    users = User.objects.bulk_create(
        [User(email=f"{tag}-{n}@example.com", password="!") for n in range(learners)]
    )
    Profile.objects.bulk_create(
        [Profile(user=user, full_name=f"Learner {n:03d}") for n, user in enumerate(users)]
    )
    Enrolment.objects.bulk_create(
        [Enrolment(learner=user, course=course, cohort=cohort) for user in users]
    )
    Cohort.objects.filter(pk=cohort.pk).update(seats_taken=learners)
    start = timezone.make_aware(datetime.combine(START, datetime.min.time()))
    rows = CohortSession.objects.bulk_create(
        [
            CohortSession(
                cohort=cohort,
                title=f"Session {n}",
                starts_at=start + timedelta(days=n),
                ends_at=start + timedelta(days=n, hours=2),
            )
            for n in range(sessions)
        ]
    )
    statuses = ["present", "absent", "excused"]
    Attendance.objects.bulk_create(
        [
            Attendance(session=row, learner=user, status=statuses[(n + s) % 3])
            for n, user in enumerate(users)
            for s, row in enumerate(rows)
        ]
    )
    QuizAttempt.objects.bulk_create(
        [
            QuizAttempt(
                learner=user,
                quiz=quiz,
                course=course,
                number=1,
                status=QuizAttempt.Status.SUBMITTED,
                questions=[],
                score=100,
                passed=True,
            )
            for user in users[::2]
        ]
    )
    return cohort


def test_the_matrix_costs_the_same_queries_for_300_by_20_as_for_3_by_2(
    policy_course, django_assert_max_num_queries
):
    small = build(policy_course, learners=3, sessions=2)
    large = build(policy_course, learners=300, sessions=20)
    facilitator = UserFactory()
    for cohort in (small, large):
        cohort.facilitators.add(facilitator)
    client = logged_in(facilitator)
    # The first request of a process fills its memos (the account menu's admin link, the Site):
    # the comparison is between two requests of a warm process.
    client.get(report_url(small))
    counts = []
    for cohort, learners in ((small, 3), (large, 300)):
        with django_assert_max_num_queries(MAX_QUERIES):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(report_url(cohort))
        assert response.status_code == 200
        assert response.content.decode().count('<th scope="row">') == learners
        counts.append(len(queries))
    assert counts[0] == counts[1]
    # The CSV reads the same way.
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(csv_url(large))
        rows = read_csv(response)
    assert len(rows) == 301 and len(rows[0]) == 2 + 20 + 4
