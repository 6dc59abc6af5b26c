"""The whole offline journey of issue 16 in Debian's Chromium, in its real offline mode
(``context.set_offline``), through every piece as the site wires them (the worker from /sw.js,
save-course.js, queue.js, quiz.js, the sync status):

a learner saves a course, starts its untimed quiz, goes offline, reads three lessons from the
phone and marks them complete, answers and submits the quiz, comes back online — and the server
holds exactly one completion per lesson and one graded attempt. Then the same journey with the
link dropping *during* the submit (the server grades it, the answer is lost on the way back)."""

from __future__ import annotations

import re

import pytest

from courses.models import QuizPage
from lms.models import LessonProgress, QuizAttempt
from tests.accounts.factories import UserFactory
from tests.browser_pages import watched_page
from tests.courses import factories
from tests.e2e.conftest import log_in
from tests.offline.helpers import enrol

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WILL_SYNC = "✓ Completed — will sync"
QUEUED = "Your answers are on this phone and will be submitted when you're back online."
ACTIVE = (
    "async () => (await navigator.serviceWorker.getRegistration())?.active?.state === 'activated'"
)


@pytest.fixture
def phone(chromium):
    """A phone; a script error on any page fails the journey (requests refused because the
    phone is offline are the point, not a problem)."""
    with watched_page(
        chromium, width=390, height=844, timeout=20_000, console_errors=False
    ) as page:
        yield page


def a_course(site):
    course = factories.course(factories.catalog(site), "Selling tea abroad")
    module = factories.module(course, "First steps")
    lessons = [
        factories.lesson(module, title, body=[factories.paragraph(f"What to know: {title}.")])
        for title in ("Buyers", "Prices", "Shipping")
    ]
    quiz = factories.quiz(
        module,
        "Tea check",
        pass_mark=50,
        questions=[
            factories.question(
                "single_choice",
                "Who registers businesses?",
                options=[factories.option("RDB", True), factories.option("BNR")],
            ),
            factories.question("true_false", "The RRA issues TINs.", correct_answer="true"),
        ],
    )
    return course, lessons, QuizPage.objects.get(pk=quiz.pk)


def save_and_start(page, base, course, quiz):
    """Online: the course saved on the phone, then the quiz started (an attempt starts online)."""
    page.goto(base + course.url)
    page.wait_for_function(ACTIVE)
    widget = page.locator("[data-save-offline]")
    widget.get_by_role("button", name=re.compile("Save this course for offline")).click(
        timeout=45_000
    )
    widget.locator("[data-status]").filter(has_text="Saved on this phone").wait_for(timeout=45_000)
    page.goto(base + quiz.url)
    page.get_by_role("button", name="Start the quiz").click()
    page.wait_for_url("**/learn/attempts/*/")
    # quiz.js has the attempt's record on the phone.
    page.wait_for_function("() => window.IsokoPending && window.IsokoPending.quiz")
    return page.url


def read_and_complete_offline(page, base, lessons):
    from playwright.sync_api import expect

    for lesson in lessons:
        page.goto(base + lesson.url)  # from the saved course, through the worker
        expect(page.locator("h1")).to_have_text(lesson.title)
        expect(page.get_by_text(f"What to know: {lesson.title}.")).to_be_visible()
        page.get_by_role("button", name="Mark as complete").click()
        expect(page.locator("[data-step-status]")).to_have_text(WILL_SYNC)
    assert page.evaluate("IsokoPending.steps.count()") == len(lessons)


def answer(page, attempt_url):
    page.goto(attempt_url)  # kept by the worker when it was opened online
    page.get_by_label("RDB", exact=True).check()
    page.get_by_label("True", exact=True).check()


def synced(page, learner, lessons, quiz, timeout=45.0):
    """Wait until the server holds every step and the graded attempt, and the phone has nothing
    left to send (a step in flight is not "waiting" on the phone, so the server decides)."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = LessonProgress.objects.filter(learner=learner, lesson_id__in=[x.pk for x in lessons])
        graded = QuizAttempt.objects.filter(learner=learner, quiz_id=quiz.pk, status="submitted")
        if done.count() >= len(lessons) and graded.exists():
            break
        page.wait_for_timeout(250)
    page.wait_for_function("async () => (await IsokoPending.steps.count()) === 0")
    page.wait_for_timeout(1000)  # any late replay would land here, and be counted below


def assert_recorded_once(learner, lessons, quiz):
    for lesson in lessons:
        assert LessonProgress.objects.filter(learner=learner, lesson_id=lesson.pk).count() == 1
    attempts = list(QuizAttempt.objects.filter(learner=learner, quiz_id=quiz.pk))
    assert len(attempts) == 1, attempts
    assert attempts[0].status == "submitted" and attempts[0].score == 100


def test_a_learner_learns_offline_and_everything_syncs_once(live_server, phone, site):
    from playwright.sync_api import expect

    course, lessons, quiz = a_course(site)
    learner = UserFactory(email="tea@example.com")
    enrol(learner, course)
    base = live_server.url
    log_in(phone, base, learner.email)
    attempt_url = save_and_start(phone, base, course, quiz)

    phone.context.set_offline(True)
    read_and_complete_offline(phone, base, lessons)
    expect(phone.locator(".sync-status-text")).to_contain_text("Offline")
    answer(phone, attempt_url)
    phone.get_by_role("button", name="Submit for grading").click()
    expect(phone.locator(".autosave-status")).to_have_text(QUEUED)
    assert not LessonProgress.objects.filter(learner=learner).exists()  # nothing left the phone
    assert QuizAttempt.objects.get(learner=learner).is_open

    phone.context.set_offline(False)  # the "online" event sends what waits
    phone.wait_for_url("**/result/", timeout=45_000)
    synced(phone, learner, lessons, quiz)
    assert_recorded_once(learner, lessons, quiz)

    # Replayed again from the dashboard (a second tab's or a reload's round): nothing changes.
    phone.goto(base + "/dashboard/")
    phone.wait_for_function("async () => (await IsokoPending.steps.count()) === 0")
    assert_recorded_once(learner, lessons, quiz)


def test_the_link_drops_during_the_submit(live_server, phone, site):
    course, lessons, quiz = a_course(site)
    learner = UserFactory(email="drop@example.com")
    enrol(learner, course)
    base = live_server.url
    log_in(phone, base, learner.email)
    attempt_url = save_and_start(phone, base, course, quiz)

    phone.context.set_offline(True)
    read_and_complete_offline(phone, base, lessons)
    answer(phone, attempt_url)
    phone.context.set_offline(False)
    sent = []

    def answer_lost(route):
        if route.request.method == "POST" and not sent:
            sent.append(route.fetch())  # the server receives the submit and grades it...
            route.abort("internetdisconnected")  # ...and its answer never reaches the phone
        else:
            route.continue_()

    phone.route(attempt_url, answer_lost)
    phone.get_by_role("button", name="Submit for grading").click()
    # The page keeps the submit and sends it again (it may say so only for an instant).
    phone.wait_for_url("**/result/", timeout=45_000)
    assert sent and sent[0].status == 200  # the first one reached the server and was graded
    synced(phone, learner, lessons, quiz)
    assert_recorded_once(learner, lessons, quiz)
