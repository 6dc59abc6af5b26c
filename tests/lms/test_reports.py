"""Trainer reports in the admin: the statistics by hand, the figures, the CSV, who sees what, and
a query count that does not grow with the number of learners."""

import csv
import io
import math
import statistics
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.models import LessonPage, QuizPage
from courses.services import editorial_setup
from lms.models import Completion, Enrolment, LessonProgress, QuizAttempt
from lms.reports import (
    course_figures,
    point_biserial,
    quiz_figures,
    reportable_courses,
    user_has_reports,
)
from tests.accounts.factories import UserFactory
from tests.accounts.helpers import with_totp
from tests.courses import factories
from tests.courses.conftest import logged_in, staff_member
from tests.shared_data import shared

pytestmark = pytest.mark.django_db

# Measured on SQLite: 25 for the course report (most of them the admin's own furniture: the
# session, the user, MFA, the sidebar menu). The point is that 2 and 4 learners cost the same.
REPORT_MAX_QUERIES = 30
HEADER = ["Name", "E-mail", "Status", "Progress (%)", "Enrolled", "Last activity", "Completed"]


def tf(prompt: str) -> dict:
    return factories.question("true_false", prompt, correct_answer="true")


@shared(needs=("site",))
def reports_world(site):
    """Two courses with a trainer each, a reviewer, a trainer without a course.

    Course A: one module with two lessons and a quiz of three true/false questions (pass 70%).
    """
    catalog = factories.catalog(site)
    editorial_setup()
    staff = {
        "trainer_a": with_totp(staff_member("Trainers", "trainer.a@example.com")),
        "trainer_b": with_totp(staff_member("Trainers", "trainer.b@example.com")),
        "idle_trainer": with_totp(staff_member("Trainers", "trainer.idle@example.com")),
        "reviewer": with_totp(staff_member("Reviewers", "reviewer@example.com")),
    }
    course_a = factories.course(catalog, "Coffee course")
    course_b = factories.course(catalog, "Tourism course")
    module = factories.module(course_a, "Basics")
    factories.lesson(module, "Grading beans")
    factories.lesson(module, "Pricing")
    questions = [
        tf("Beans are graded by size."),
        tf("Arabica grows high."),
        tf("Kigali is a port."),
    ]
    quiz = factories.quiz(module, "Beans check", questions=questions, pass_mark=70)
    factories.lesson(factories.module(course_b, "Parks"), "Gorillas")
    for course, trainer in ((course_a, staff["trainer_a"]), (course_b, staff["trainer_b"])):
        course.trainers.set([trainer])
        factories.publish(course)  # assignments take effect on publish
    return {
        "staff": staff,
        "course_a": course_a,
        "course_b": course_b,
        "quiz": QuizPage.objects.get(pk=quiz.pk),
        "question_ids": [q["id"] for q in questions],
    }


@pytest.fixture
def world(reports_world):
    """The reports world (built once for the tests of this module: see tests/shared_data.py),
    with the staff's clients logged in."""
    staff = reports_world.pop("staff")
    return {**reports_world, **{role: logged_in(user) for role, user in staff.items()}}


def result(*fractions, ids) -> dict:
    return {qid: {"fraction": f, "points": 1} for qid, f in zip(ids, fractions, strict=True)}


def attempt(learner, quiz, course, *, score, passed, results, status="submitted", number=1):
    return QuizAttempt.objects.create(
        learner=learner,
        quiz=quiz,
        course=course,
        number=number,
        status=status,
        questions=[{"id": qid, "options": []} for qid in results],
        score=Decimal(score),
        passed=passed,
        results=results,
        finished_at=None if status == "open" else timezone.now(),
    )


def report_url(course) -> str:
    return reverse("lms_reports_course", args=[course.pk])


def csv_url(course) -> str:
    return reverse("lms_reports_learners_csv", args=[course.pk])


def read_csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


# --- statistics --------------------------------------------------------------------------


def test_point_biserial_is_the_textbook_formula_for_right_or_wrong_questions():
    right = [1, 1, 1, 0, 0]
    scores = [90.0, 70.0, 60.0, 40.0, 20.0]
    m1, m0 = statistics.mean([90, 70, 60]), statistics.mean([40, 20])
    p = 3 / 5
    expected = (m1 - m0) / statistics.pstdev(scores) * math.sqrt(p * (1 - p))
    assert point_biserial(right, scores) == pytest.approx(expected)
    assert point_biserial(right, scores) == pytest.approx(0.8785, abs=1e-4)  # 43.33 / 24.17 * 0.49
    # Partial credit: Pearson's r, of which the above is the 0/1 case.
    partial = [1, 0.5, 1, 0, 0.25]
    assert point_biserial(partial, scores) == pytest.approx(statistics.correlation(partial, scores))
    # A question the weak get right and the strong wrong discriminates negatively.
    assert point_biserial([0, 0, 1, 1], [90, 80, 30, 20]) < 0


def test_point_biserial_is_undefined_without_two_attempts_or_without_variance():
    assert point_biserial([], []) is None
    assert point_biserial([1], [80]) is None
    assert point_biserial([1, 1, 1], [20, 50, 80]) is None  # everyone right
    assert point_biserial([0, 1, 0.5], [60, 60, 60]) is None  # everyone the same score
    assert point_biserial([1 / 3] * 4, [10, 20, 30, 40]) is None  # no rounding noise either


def test_quiz_figures_match_a_hand_computation(world):
    course, quiz, (q1, q2, q3) = world["course_a"], world["quiz"], world["question_ids"]
    ids = (q1, q2, q3)
    learners = UserFactory.create_batch(5)
    # Four finished attempts (one closed at the time limit), scores = mean of the fractions.
    attempt(learners[0], quiz, course, score="100", passed=True, results=result(1, 1, 1, ids=ids))
    attempt(
        learners[1], quiz, course, score="66.67", passed=False, results=result(1, 1, 0, ids=ids)
    )
    attempt(
        learners[2], quiz, course, score="33.33", passed=False, results=result(1, 0, 0, ids=ids)
    )
    attempt(
        learners[3],
        quiz,
        course,
        score="16.67",
        passed=False,
        results=result(0, 0.5, 0, ids=ids),
        status="expired",
    )
    # A question since removed from the quiz, seen in two attempts of the same learner.
    for number, (score, fraction) in enumerate(((0, 0), (100, 1)), 1):
        attempt(
            learners[4],
            quiz,
            course,
            score=str(score),
            passed=bool(score),
            results={"gone": {"fraction": fraction, "points": 1}},
            number=number,
        )
    # An open attempt is not counted.
    attempt(learners[0], quiz, course, score="0", passed=None, results={}, status="open", number=2)

    (figures,) = quiz_figures(course=course)
    assert figures.quiz == quiz
    assert figures.stats.attempts == 6
    assert figures.stats.pass_rate == pytest.approx(2 / 6)
    assert figures.stats.average_score == pytest.approx((100 + 66.67 + 33.33 + 16.67 + 0 + 100) / 6)

    rows = {row.question_id: row for row in figures.questions}
    assert [row.question_id for row in figures.questions] == [q1, q2, q3, "gone"]
    assert rows[q1].prompt == "Beans are graded by size." and not rows[q1].removed
    assert rows["gone"].prompt == "(removed question)" and rows["gone"].removed

    # Difficulty: share fully right among the attempts that had the question. 0.5 is not right.
    assert rows[q1].stats.attempts == 4
    assert rows[q1].stats.difficulty == pytest.approx(3 / 4)
    assert rows[q2].stats.difficulty == pytest.approx(2 / 4)
    assert rows[q3].stats.difficulty == pytest.approx(1 / 4)
    assert rows["gone"].stats.difficulty == pytest.approx(1 / 2)

    # Discrimination by hand: (M1 - M0) / s * sqrt(p q) for the right/wrong questions.
    scores = [100, 66.67, 33.33, 16.67]
    s = statistics.pstdev(scores)
    m1, m0 = statistics.mean([100, 66.67, 33.33]), 16.67
    assert rows[q1].stats.discrimination == pytest.approx((m1 - m0) / s * math.sqrt(0.75 * 0.25))
    assert rows[q1].stats.discrimination == pytest.approx(0.6764, abs=1e-4)
    m1, m0 = 100, statistics.mean([66.67, 33.33, 16.67])
    assert rows[q3].stats.discrimination == pytest.approx((m1 - m0) / s * math.sqrt(0.25 * 0.75))
    # The partial-credit question: Pearson's r of its fractions with the scores.
    expected = statistics.correlation([1, 1, 0, 0.5], scores)
    assert rows[q2].stats.discrimination == pytest.approx(expected)
    # Two attempts that differ: perfectly correlated.
    assert rows["gone"].stats.discrimination == pytest.approx(1.0)


def test_a_quiz_without_attempts_has_no_figures(world):
    (figures,) = quiz_figures(course=world["course_a"])
    assert figures.stats.attempts == 0
    assert figures.stats.pass_rate is None and figures.stats.average_score is None
    assert len(figures.questions) == 3
    assert all(row.stats.difficulty is None for row in figures.questions)
    assert all(row.stats.discrimination is None for row in figures.questions)


# --- course figures ----------------------------------------------------------------------


def enrol(course, *, status="active", active_days_ago=None, completed=False, **profile):
    learner = UserFactory(**{f"profile__{k}": v for k, v in profile.items()})
    now = timezone.now()
    enrolment = Enrolment.objects.create(
        learner=learner,
        course=course,
        status=status,
        last_activity_at=None if active_days_ago is None else now - timedelta(days=active_days_ago),
        completed_at=now if completed else None,
    )
    if completed:
        Completion.objects.create(enrolment=enrolment, completed_at=now)
    return learner


def test_course_figures(world):
    course_a, course_b = world["course_a"], world["course_b"]
    enrol(course_a, status="completed", active_days_ago=0, completed=True)
    enrol(course_a, active_days_ago=10)
    enrol(course_a, active_days_ago=6)
    enrol(course_a)  # never active
    # Withdrawn after completing: counted nowhere, so the rate cannot pass 100%.
    enrol(course_a, status="withdrawn", active_days_ago=1, completed=True)
    figures = course_figures(course_ids=[course_a.pk, course_b.pk])
    a = figures[course_a.pk]
    assert (a.enrolments, a.active, a.completions) == (4, 2, 1)
    assert a.completion_rate == pytest.approx(1 / 4)
    assert figures[course_b.pk].enrolments == 0
    assert figures[course_b.pk].completion_rate is None


# --- the CSV -----------------------------------------------------------------------------


def test_csv_streams_every_learner_with_progress(world):
    course, quiz = world["course_a"], world["quiz"]
    lessons = list(LessonPage.objects.descendant_of(course).order_by("path"))
    done = enrol(
        course, status="completed", active_days_ago=0, completed=True, full_name="Aline Uwase"
    )
    half = enrol(course, active_days_ago=2, full_name="Bosco Habimana")
    enrol(course, status="withdrawn", full_name="Claude Mugisha")
    sneaky = enrol(course, full_name='=HYPERLINK("http://x")')
    for lesson in lessons:
        LessonProgress.objects.create(
            learner=done, lesson=lesson, course=course, completed_at=timezone.now()
        )
    LessonProgress.objects.create(
        learner=half, lesson=lessons[0], course=course, completed_at=timezone.now()
    )
    ids = world["question_ids"]
    attempt(done, quiz, course, score="100", passed=True, results=result(1, 1, 1, ids=ids))
    attempt(
        done, quiz, course, score="100", passed=True, results=result(1, 1, 1, ids=ids), number=2
    )
    attempt(half, quiz, course, score="100", passed=True, results=result(1, 1, 1, ids=ids))
    # Users made by createsuperuser have no profile: an empty name, not an error.
    nameless = enrol(course, full_name="Gone Soon")
    nameless.profile.delete()
    # Someone else's course: not in this file.
    enrol(world["course_b"], full_name="Other Course")

    response = world["trainer_a"].get(csv_url(course))
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'attachment; filename="coffee-course-learners-' in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    rows = read_csv(response)
    assert rows[0] == HEADER
    by_name = {row[0]: row for row in rows[1:]}
    assert len(rows) == 6 and "Other Course" not in by_name
    assert by_name[""][1] == nameless.email
    # 3 required steps (two lessons and the quiz).
    assert by_name["Aline Uwase"][1:4] == [done.email, "Completed", "100"]
    assert by_name["Aline Uwase"][6] != ""  # completed at
    assert by_name["Bosco Habimana"][1:4] == [half.email, "Active", "67"]
    assert by_name["Claude Mugisha"][2:4] == ["Withdrawn", "0"]
    assert by_name["Bosco Habimana"][5] != "" and by_name["Claude Mugisha"][5] == ""
    # A name that a spreadsheet would run as a formula is written as text.
    assert '\'=HYPERLINK("http://x")' in by_name
    assert by_name['\'=HYPERLINK("http://x")'][1] == sneaky.email


# --- access ------------------------------------------------------------------------------


def test_trainer_sees_only_their_own_courses(world):
    trainer_a, course_a, course_b = world["trainer_a"], world["course_a"], world["course_b"]
    assert list(reportable_courses(trainer_a.user)) == [course_a]

    index = trainer_a.get(reverse("lms_reports"))
    assert index.status_code == 200
    html = index.content.decode()
    assert "Coffee course" in html and "Tourism course" not in html
    assert trainer_a.get(report_url(course_a)).status_code == 200
    assert trainer_a.get(csv_url(course_a)).status_code == 200

    for url in (report_url(course_b), csv_url(course_b)):
        response = trainer_a.get(url)
        assert response.status_code == 403
        assert not getattr(response, "streaming", False)
    assert world["trainer_b"].get(report_url(course_a)).status_code == 403
    assert trainer_a.get(reverse("lms_reports_course", args=[999999])).status_code == 404


def test_reviewers_and_superusers_see_every_course(world, editor_client):
    reviewer = world["reviewer"]
    html = reviewer.get(reverse("lms_reports")).content.decode()
    assert "Coffee course" in html and "Tourism course" in html
    for course in (world["course_a"], world["course_b"]):
        assert reviewer.get(report_url(course)).status_code == 200
        assert reviewer.get(csv_url(course)).status_code == 200
        assert editor_client.get(report_url(course)).status_code == 200


def test_learners_and_anonymous_visitors_are_refused(world, client):
    learner = enrol(world["course_a"], full_name="Eric Learner")
    urls = [reverse("lms_reports"), report_url(world["course_a"]), csv_url(world["course_a"])]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(learner)
    for url in urls:
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert not getattr(response, "streaming", False)
        if response.status_code == 302:
            assert "login" in response["Location"]


def test_the_menu_offers_reports_only_to_those_who_have_some(world):
    url = reverse("lms_reports")
    assert user_has_reports(world["trainer_a"].user)
    assert user_has_reports(world["reviewer"].user)
    assert not user_has_reports(world["idle_trainer"].user)
    assert url in world["trainer_a"].get(reverse("wagtailadmin_home")).content.decode()
    assert url in world["reviewer"].get(reverse("wagtailadmin_home")).content.decode()
    assert url not in world["idle_trainer"].get(reverse("wagtailadmin_home")).content.decode()
    # An admin user without courses gets an empty list, not someone else's.
    html = world["idle_trainer"].get(url).content.decode()
    assert "Coffee course" not in html and "No course is assigned to you yet." in html


# --- the report page ---------------------------------------------------------------------


def populate(course, quiz, ids, start: int, count: int) -> None:
    lesson = LessonPage.objects.descendant_of(course).order_by("path").first()
    for n in range(start, start + count):
        learner = enrol(course, active_days_ago=n % 9, full_name=f"Learner {n:02d}")
        LessonProgress.objects.create(
            learner=learner, lesson=lesson, course=course, completed_at=timezone.now()
        )
        passed = n % 2 == 0
        fractions = (1, 1, 1) if passed else (1, 0, 0)
        attempt(
            learner,
            quiz,
            course,
            score="100" if passed else "33.33",
            passed=passed,
            results=result(*fractions, ids=ids),
        )


def test_report_page_shows_figures_and_learners(world):
    course, quiz, ids = world["course_a"], world["quiz"], world["question_ids"]
    populate(course, quiz, ids, 0, 2)
    html = world["trainer_a"].get(report_url(course)).content.decode()
    assert "Beans check" in html and "Arabica grows high." in html
    assert "Learner 00" in html and "Learner 01" in html
    assert csv_url(course) in html
    assert "<caption" in html and 'scope="col"' in html and 'scope="row"' in html
    assert "50%" in html  # pass rate: one of two


def test_report_page_query_count_does_not_grow_with_learners(world, django_assert_max_num_queries):
    trainer, course, quiz, ids = (
        world["trainer_a"],
        world["course_a"],
        world["quiz"],
        world["question_ids"],
    )
    url = report_url(course)
    populate(course, quiz, ids, 0, 2)
    trainer.get(url)  # warm up: one-off lookups (content types, sites) are cached after this
    with CaptureQueriesContext(connection) as two:
        assert trainer.get(url).status_code == 200
    populate(course, quiz, ids, 2, 2)
    with django_assert_max_num_queries(REPORT_MAX_QUERIES):
        response = trainer.get(url)
    assert response.status_code == 200 and "Learner 03" in response.content.decode()
    with CaptureQueriesContext(connection) as four:
        trainer.get(url)
    assert len(two) == len(four) <= REPORT_MAX_QUERIES


def test_learners_are_paginated_on_the_page_and_complete_in_the_csv(world, monkeypatch):
    from lms import report_views

    monkeypatch.setattr(report_views, "LEARNERS_PER_PAGE", 2)
    course, quiz, ids = world["course_a"], world["quiz"], world["question_ids"]
    populate(course, quiz, ids, 0, 3)
    trainer = world["trainer_a"]
    first = trainer.get(report_url(course)).content.decode()
    assert "Learner 00" in first and "Learner 01" in first and "Learner 02" not in first
    assert "Page 1 of 2" in first and "?p=2" in first
    second = trainer.get(report_url(course) + "?p=2").content.decode()
    assert "Learner 02" in second and "Learner 00" not in second
    names = [row[0] for row in read_csv(trainer.get(csv_url(course)))[1:]]
    assert names == ["Learner 00", "Learner 01", "Learner 02"]


def test_a_trainer_sees_every_language_version_of_their_course(world):
    from wagtail.models import Locale

    french = world["course_a"].copy_for_translation(
        Locale.objects.get(language_code="fr"), copy_parents=True
    )
    trainer_a, trainer_b = world["trainer_a"], world["trainer_b"]
    assert french in reportable_courses(trainer_a.user)
    assert trainer_a.get(report_url(french)).status_code == 200
    assert trainer_b.get(report_url(french)).status_code == 403
