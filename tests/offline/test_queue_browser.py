"""A learner on a phone marks lessons complete with the link down (Chromium's real offline mode,
``context.set_offline``): the step waits on the phone ("Completed — will sync"), the dashboard
counts it, and once the link is back the server has exactly one completion, at the time it
happened on the phone. A replay (an answer lost on the way back) and two tabs record once; a
step the server refuses is explained, kept, and dismissed by the learner.

The page is already loaded when the link drops: the service worker (another part of issue 16)
is not needed for the queue, which works with or without it.
"""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from courses.models import LessonPage
from lms.models import IdempotencyKey, LessonProgress
from lms.services import enrolment_create
from tests.accounts.factories import UserFactory
from tests.courses import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WILL_SYNC = "✓ Completed — will sync"
# Chromium reports every failed or refused request on the console (the point of these tests):
# those lines are expected; anything else (a script error, a CSP violation) fails the test.
# What the browser logs when the link is down: a resource, or the worker's update check
# (Chromium checks /sw.js on navigations and says so when it cannot fetch it).
EXPECTED = ("Failed to load resource", "An unknown error occurred when fetching the script")


@pytest.fixture
def world(site):
    course = factories.small_course(site, title="Selling coffee online", modules=1, lessons=3)
    lessons = list(LessonPage.objects.descendant_of(course).order_by("path"))
    learner = UserFactory(email="grace@example.com")
    enrolment_create(learner=learner, course=course)
    return {"course": course, "lessons": lessons, "learner": learner}


@pytest.fixture
def phone(chromium, live_server, world):
    """A signed-in phone-sized browser context, and the console problems of its pages."""
    client = Client()
    client.force_login(world["learner"])
    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    problems: list[str] = []

    def watch(page):
        page.set_default_timeout(15_000)
        page.on(
            "console",
            lambda m: (
                problems.append(m.text)
                if m.type == "error" and not m.text.startswith(EXPECTED)
                else None
            ),
        )
        page.on("pageerror", lambda exc: problems.append(str(exc)))
        return page

    context.on("page", watch)
    yield context
    context.close()
    assert not problems, problems


def wait_for(check, timeout=20.0):
    """Poll the database until ``check()`` is true (the queue syncs in the page, not here)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise AssertionError("timed out")


def waiting(page) -> int:
    return page.evaluate("IsokoPending.steps.count()")


def test_marked_complete_offline_syncs_once_with_the_phones_time(phone, live_server, world):
    from playwright.sync_api import expect

    lesson = world["lessons"][1]
    page = phone.new_page()
    events = []
    page.expose_function("recordPending", lambda detail: events.append(detail))
    page.add_init_script(
        "document.addEventListener('isoko:pending', e => window.recordPending(e.detail))"
    )
    course_tab = phone.new_page()  # the course page, open in another tab
    course_tab.goto(live_server.url + world["course"].url)
    page.goto(live_server.url + lesson.url)
    expect(page.get_by_role("button", name="Mark as complete")).to_be_visible()

    phone.set_offline(True)
    tapped = timezone.now()
    page.get_by_role("button", name="Mark as complete").click()
    expect(page.locator("[data-step-status]")).to_have_text(WILL_SYNC)
    expect(page.get_by_role("button", name="Mark as complete")).to_be_hidden()
    # The sidebar outline says so too; nothing reached the server.
    expect(page.locator(".outline-item", has_text=lesson.title)).to_contain_text("will sync")
    assert waiting(page) == 1
    queued = course_tab.locator(".outline-item", has_text=lesson.title).locator(".queued-step")
    expect(queued).to_have_text("will sync")
    assert events[-1]["source"] == "steps" and events[-1]["waiting"] == 1
    assert events[-1]["problems"] == []
    time.sleep(1.5)  # the phone stays offline a while: the sync happens later than the tap
    assert not LessonProgress.objects.exists()

    back_online = timezone.now()
    phone.set_offline(False)  # the "online" event replays the queue
    expect(page.locator("[data-step-status]")).to_have_text("✓ Completed")
    wait_for(lambda: LessonProgress.objects.exists())
    progress = LessonProgress.objects.get()
    assert progress.lesson_id == lesson.pk and progress.learner == world["learner"]
    # The time it happened on the phone, not the time it synced.
    assert tapped <= progress.completed_at < back_online
    assert IdempotencyKey.objects.get().target_id == lesson.pk
    assert waiting(page) == 0
    assert events[-1] == {"source": "steps", "waiting": 0, "syncing": False, "problems": []}
    assert LessonProgress.objects.count() == 1
    expect(queued).to_have_count(0)


def test_a_lost_answer_replayed_and_two_tabs_record_once(phone, live_server, world):
    from playwright.sync_api import expect

    lesson = world["lessons"][0]
    posts: list[str] = []
    link = {"lossy": True}

    def lose_answers(route):
        # The server records the step, but its answer never reaches the phone (the link
        # drops on the way back): the phone must send the same step again.
        posts.append(route.request.headers.get("idempotency-key", ""))
        response = route.fetch()
        if link["lossy"]:
            route.abort("connectionreset")
        else:
            route.fulfill(response=response)

    phone.route("**/learn/lessons/*/complete/", lose_answers)
    tab = phone.new_page()
    dashboard = phone.new_page()
    dashboard.goto(live_server.url + "/dashboard/")
    card = dashboard.locator("[data-course-progress]")
    expect(card.locator("progress:not([data-save-progress])")).to_have_attribute("value", "0")
    tab.goto(live_server.url + lesson.url)

    # Online, the tap is sent at once; its answer is lost, so the page keeps the step.
    tab.get_by_role("button", name="Mark as complete").click()
    expect(tab.locator("[data-step-status]")).to_have_text(WILL_SYNC)
    wait_for(lambda: LessonProgress.objects.exists())
    assert waiting(tab) == 1
    # The other tab (the dashboard) hears of it: one step will sync, 1 of 4 required steps.
    expect(card.locator("[data-queue-note]")).to_have_text("1 step will sync · 25% once synced")
    expect(card.locator("progress:not([data-save-progress])")).to_have_attribute("value", "25")

    # Both tabs replay (the online event): the lock and the key make it once.
    phone.set_offline(True)
    link["lossy"] = False
    phone.set_offline(False)
    expect(tab.locator("[data-step-status]")).to_have_text("✓ Completed")
    expect(card.locator("[data-queue-note]")).to_have_text("")
    assert waiting(dashboard) == 0
    assert len(posts) >= 2 and len(set(posts)) == 1  # the same key each time
    assert LessonProgress.objects.count() == 1
    assert IdempotencyKey.objects.count() == 1


def test_a_refused_step_is_explained_kept_and_dismissed(phone, live_server, world):
    from playwright.sync_api import expect

    lesson = world["lessons"][2]
    page = phone.new_page()
    page.goto(live_server.url + lesson.url)
    phone.set_offline(True)
    page.get_by_role("button", name="Mark as complete").click()
    expect(page.locator("[data-step-status]")).to_have_text(WILL_SYNC)
    # While the phone was offline, the trainers unpublished the lesson.
    LessonPage.objects.get(pk=lesson.pk).unpublish()

    phone.set_offline(False)
    problems = page.locator("[data-queue-problems]")
    expect(problems).to_contain_text("These steps could not be recorded:")
    expect(problems).to_contain_text(f"{lesson.title}: This lesson was unpublished by the trainers")
    assert page.evaluate("IsokoPending.steps.problems()") == [
        f"{lesson.title}: This lesson was unpublished by the trainers, so this step cannot "
        "be recorded."
    ]
    assert waiting(page) == 0
    # Kept on the phone until the learner has read it: the dashboard shows it too.
    page.goto(live_server.url + "/dashboard/")
    expect(problems).to_contain_text("unpublished")
    problems.get_by_role("button", name="Dismiss").click()
    expect(problems).to_be_hidden()
    assert page.evaluate("IsokoPending.steps.problems()") == []
    assert not LessonProgress.objects.exists()
