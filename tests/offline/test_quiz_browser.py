"""Quizzes on a flaky link in a real browser: Debian's Chromium in its real offline mode
(``context.set_offline``) against the live server. Answers are kept on the phone (IndexedDB
``isoko-quiz``), an offline "Submit" is queued and sent on reconnect, a submit whose response is
lost grades the attempt once, and a timed attempt whose link comes back past the grace period is
graded on what reached the server in time."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from courses.models import QuizPage
from lms.models import QuizAttempt
from lms.services import enrolment_create, quiz_attempt_start
from tests.accounts.factories import UserFactory
from tests.browser_pages import watched_page
from tests.courses import factories
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUEUED = "Your answers are on this phone and will be submitted when you're back online."
RDB = "Who registers businesses?"
TINS = "The RRA issues TINs."


@pytest.fixture
def phone(chromium):
    """A phone-sized page that fails the test on any script error. A request that fails because
    the phone is offline (or its link was cut) is what these tests are about, not a problem."""
    with watched_page(
        chromium, width=390, height=844, console_ignore=("Failed to load resource",)
    ) as page:
        yield page


def start(site, *, time_limit=None):
    course = factories.course(factories.catalog(site), "Exporting coffee")
    module = factories.module(course, "Papers")
    # A lesson left to read: passing the quiz does not complete the course (no certificate).
    factories.lesson(module, "Reading")
    quiz = factories.quiz(
        module,
        "Papers check",
        pass_mark=50,
        time_limit_minutes=time_limit,
        questions=[
            factories.question(
                "single_choice",
                RDB,
                options=[factories.option("RDB", True), factories.option("BNR")],
            ),
            factories.question("true_false", TINS, correct_answer="true"),
        ],
    )
    learner = UserFactory(email="phone@example.com")
    enrolment_create(learner=learner, course=course)
    attempt = quiz_attempt_start(learner=learner, quiz=QuizPage.objects.get(pk=quiz.pk))
    return learner, attempt


def open_attempt(page, base, learner, attempt):
    from playwright.sync_api import expect

    log_in(page, base, learner.email)
    page.goto(f"{base}/learn/attempts/{attempt.public_id}/")
    expect(page.locator("fieldset.question")).to_have_count(2)
    # quiz.js has made the attempt's record on the phone (and registered its pending source).
    page.wait_for_function(
        "() => window.IsokoPending && window.IsokoPending.quiz"
        " && window.IsokoPending.quiz.count().then(() => true)"
    )


def stored_on_phone(page, attempt):
    return page.evaluate(
        """id => new Promise((resolve, reject) => {
            const open = indexedDB.open("isoko-quiz");
            open.onsuccess = () => {
                const get = open.result.transaction("attempts").objectStore("attempts").get(id);
                get.onsuccess = () => resolve(get.result || null);
                get.onerror = () => reject(get.error);
            };
        })""",
        str(attempt.public_id),
    )


def test_an_untimed_quiz_answered_and_submitted_offline_is_graded_once_on_reconnect(
    live_server, phone, site
):
    from playwright.sync_api import expect

    learner, attempt = start(site)
    base = live_server.url
    open_attempt(phone, base, learner, attempt)
    expect(phone.get_by_text("If your connection drops, keep answering")).to_be_visible()

    phone.context.set_offline(True)
    phone.get_by_label("RDB", exact=True).check()
    phone.get_by_label("True", exact=True).check()
    expect(phone.locator(".autosave-status")).to_contain_text("kept on this phone")
    record = stored_on_phone(phone, attempt)
    assert record["seq"] >= 2 and record["synced_seq"] == 0 and len(record["answers"]) == 2
    assert phone.evaluate("IsokoPending.quiz.count()") == 1

    phone.get_by_role("button", name="Submit for grading").click()
    expect(phone.locator(".autosave-status")).to_have_text(QUEUED)
    phone.wait_for_timeout(500)
    attempt.refresh_from_db()
    assert attempt.is_open and attempt.answers == {}  # nothing reached the server yet

    phone.context.set_offline(False)  # the "online" event sends the queued submit
    phone.wait_for_url("**/result/")
    expect(phone.locator(".result")).to_contain_text("100%")
    attempts = list(QuizAttempt.objects.filter(learner=learner))
    assert len(attempts) == 1
    graded = attempts[0]
    assert graded.status == "submitted" and graded.score == 100 and len(graded.answers) == 2
    assert stored_on_phone(phone, attempt) is None  # nothing left waiting on the phone
    assert phone.evaluate("IsokoPending.quiz.count()") == 0


def test_answers_on_the_phone_return_to_the_form_when_the_page_is_reopened(
    live_server, phone, site
):
    from playwright.sync_api import expect

    learner, attempt = start(site)
    base = live_server.url
    open_attempt(phone, base, learner, attempt)
    # The link is there for pages but every autosave is lost on the way.
    phone.route("**/autosave/", lambda route: route.abort("internetdisconnected"))
    phone.get_by_label("BNR", exact=True).check()
    expect(phone.locator(".autosave-status")).to_contain_text("kept on this phone")
    phone.reload()
    # The server rendered no answer; the newer one kept on the phone is put back.
    expect(phone.get_by_label("BNR", exact=True)).to_be_checked()
    # (It says "restored from this phone", then that the resend failed: the link still drops.)
    expect(phone.locator(".autosave-status")).to_contain_text("kept on this phone")
    phone.unroute("**/autosave/")
    phone.context.set_offline(True)
    phone.context.set_offline(False)  # a reconnect sends what waits
    expect(phone.locator(".autosave-status")).to_have_text("Your answers are saved.")
    attempt.refresh_from_db()
    qid = next(iter(attempt.answers))
    assert attempt.answers_seq == stored_on_phone(phone, attempt)["seq"] and attempt.answers[qid]


def test_a_change_sent_early_by_save_does_not_leave_the_status_at_saving(live_server, phone, site):
    """A change schedules a send 400 ms later; "Save my answers" inside that time sends it at
    once. The scheduled round then has nothing to send, and must not say "Saving…" with nothing
    to follow it (the learner journey saw that after quick ticks: two timers, one left over)."""
    from playwright.sync_api import expect

    learner, attempt = start(site)
    base = live_server.url
    open_attempt(phone, base, learner, attempt)
    autosaves = []
    phone.on(
        "request",
        lambda request: "/autosave/" in request.url and autosaves.append(request.post_data),
    )
    phone.get_by_label("BNR", exact=True).check()
    phone.get_by_role("button", name="Save my answers").click()
    status = phone.locator(".autosave-status")
    expect(status).to_have_text("Your answers are saved.")
    # Past the change's own 400 ms timer, and the round it started.
    phone.wait_for_timeout(1_000)
    expect(status).to_have_text("Your answers are saved.")
    attempt.refresh_from_db()
    assert attempt.answers_seq == stored_on_phone(phone, attempt)["seq"]
    assert len(autosaves) == 1, autosaves  # the late round found nothing left to send


@pytest.mark.parametrize("how", ["response_lost", "offline_after_click"])
def test_the_link_dropping_during_the_submit_ends_with_one_graded_attempt(
    live_server, phone, site, how
):
    from playwright.sync_api import expect

    learner, attempt = start(site)
    base = live_server.url
    open_attempt(phone, base, learner, attempt)
    phone.get_by_label("RDB", exact=True).check()
    with phone.expect_response(lambda r: "/autosave/" in r.url) as saved:
        phone.get_by_label("True", exact=True).check()
    assert saved.value.ok
    submits = []

    def cut_after_sending(route):
        if route.request.method == "POST" and not submits:
            submits.append(route.fetch())  # the server receives it and grades...
            route.abort("internetdisconnected")  # ...and the answer is lost on the way back
        else:
            submits.append("replayed")
            route.continue_()

    if how == "response_lost":
        phone.route(f"**/learn/attempts/{attempt.public_id}/", cut_after_sending)
        phone.get_by_role("button", name="Submit for grading").click()
        expect(phone.locator(".autosave-status")).to_have_text(QUEUED)
        assert submits[0].status == 200  # graded on the server already
        # quiz.js tries again after a short backoff and gets the same result.
    else:
        phone.get_by_role("button", name="Submit for grading").click()
        phone.context.set_offline(True)
        phone.wait_for_timeout(300)
        phone.context.set_offline(False)
    phone.wait_for_url("**/result/", timeout=30_000)
    if phone.get_by_role("heading", name="You're offline").is_visible():
        # The result was asked for in the instant the link was down: the worker's offline page
        # says so and offers "Try again".
        phone.get_by_role("link", name="Try again").click()
    expect(phone.locator(".result")).to_contain_text("100%")
    graded = QuizAttempt.objects.get(learner=learner)  # exactly one
    assert graded.status == "submitted" and graded.score == 100
    if how == "response_lost":
        assert submits[1:] == ["replayed"]


def test_a_timed_quiz_whose_link_returns_past_the_grace_is_graded_on_what_reached_it(
    live_server, phone, site, settings
):
    from playwright.sync_api import expect

    settings.ISOKO_QUIZ_GRACE_SECONDS = 30
    learner, attempt = start(site, time_limit=10)
    base = live_server.url
    open_attempt(phone, base, learner, attempt)
    expect(phone.get_by_text("within 30 seconds after the time is up count")).to_be_visible()
    with phone.expect_response(lambda r: "/autosave/" in r.url) as saved:
        phone.get_by_label("RDB", exact=True).check()  # reaches the server in time
    assert saved.value.ok
    phone.context.set_offline(True)
    phone.get_by_label("True", exact=True).check()  # kept on the phone only
    expect(phone.locator(".autosave-status")).to_contain_text("kept on this phone")
    # The link stays down past the deadline and its grace (the server's clock).
    QuizAttempt.objects.filter(pk=attempt.pk).update(
        deadline=timezone.now() - timedelta(seconds=31)
    )
    phone.context.set_offline(False)
    status = phone.locator(".autosave-status")
    expect(status).to_contain_text("Time is up")
    expect(phone.get_by_label("True", exact=True)).to_be_disabled()
    graded = QuizAttempt.objects.get(learner=learner)
    assert graded.status == "expired" and graded.score == 50
    # Only the single choice (RDB, right) reached it; "True" never did.
    ((qid, answer),) = graded.answers.items()
    assert answer not in ("true", "false") and graded.results[qid]["fraction"] == 1.0
    # Explained, not dropped silently: the sync status lists the problem until the learner opens
    # the result.
    problems = phone.evaluate("IsokoPending.quiz.problems()")
    assert problems and "Time is up" in problems[0]
    phone.goto(f"{base}/learn/attempts/{attempt.public_id}/")
    phone.wait_for_url("**/result/")
    expect(phone.locator(".result")).to_contain_text("closed at the time limit")


def test_an_attempt_reopened_offline_from_the_service_workers_cache_gets_its_answers_back(
    live_server, phone, site
):
    """The page itself comes from the pwa worker's cache (``Cache-Control: private, no-cache``
    lets it keep the page); the answers typed offline come from IndexedDB, newer than the
    server's copy in that cached page."""
    from playwright.sync_api import expect

    learner, attempt = start(site)
    base = live_server.url
    open_attempt(phone, base, learner, attempt)
    phone.evaluate("navigator.serviceWorker.ready.then(() => true)")
    if not phone.evaluate("!!navigator.serviceWorker.controller"):
        phone.reload()  # the first visit installed the worker; this one is kept by it
        phone.wait_for_function("!!navigator.serviceWorker.controller")
    phone.wait_for_function(
        """url => caches.open("isoko-pages").then(c => c.match(url)).then(Boolean)""",
        arg=f"{base}/learn/attempts/{attempt.public_id}/",
    )
    phone.context.set_offline(True)
    phone.get_by_label("BNR", exact=True).check()
    phone.get_by_label("True", exact=True).check()
    expect(phone.locator(".autosave-status")).to_contain_text("kept on this phone")
    phone.reload()  # offline: the worker answers from its cache
    expect(phone.get_by_role("heading", name="Papers check")).to_be_visible()
    expect(phone.get_by_label("BNR", exact=True)).to_be_checked()
    expect(phone.get_by_label("True", exact=True)).to_be_checked()
    phone.get_by_role("button", name="Submit for grading").click()
    expect(phone.locator(".autosave-status")).to_have_text(QUEUED)
    phone.context.set_offline(False)
    phone.wait_for_url("**/result/")
    graded = QuizAttempt.objects.get(learner=learner)
    assert graded.status == "submitted" and graded.score == 50 and len(graded.answers) == 2


def test_a_queued_submit_for_a_quiz_unpublished_meanwhile_is_explained_and_kept(
    live_server, phone, site
):
    from playwright.sync_api import expect

    learner, attempt = start(site)
    base = live_server.url
    open_attempt(phone, base, learner, attempt)
    phone.context.set_offline(True)
    phone.get_by_label("RDB", exact=True).check()
    phone.get_by_role("button", name="Submit for grading").click()
    expect(phone.locator(".autosave-status")).to_have_text(QUEUED)
    QuizPage.objects.get(pk=attempt.quiz_id).unpublish()  # the trainer, while the phone is away
    phone.context.set_offline(False)
    expect(phone.locator(".autosave-status")).to_contain_text("unpublished by its trainer")
    problems = phone.evaluate("IsokoPending.quiz.problems()")
    assert len(problems) == 1 and "unpublished by its trainer" in problems[0]
    record = stored_on_phone(phone, attempt)  # kept, to be sent if the quiz comes back
    assert record["submit"] and len(record["answers"]) == 1
    attempt.refresh_from_db()
    assert attempt.is_open and attempt.answers == {}
