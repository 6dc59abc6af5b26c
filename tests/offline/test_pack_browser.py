"""A learner saves a course on a phone in real Chromium: the size shows before the download,
the progress bar completes, the cache holds every lesson, a publish is detected as stale and the
update swaps versions whole, and "Remove from this phone" empties the cache."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.accounts.factories import UserFactory
from tests.courses import factories
from tests.e2e.conftest import log_in
from tests.offline.helpers import course_with_media, enrol

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COURSE_CACHES = (
    """pk => caches.keys().then(names => names.filter(n => n.startsWith(`isoko-course:${pk}:`)))"""
)
META = """async pk => {
  const names = (await caches.keys()).filter(n => n.startsWith(`isoko-course:${pk}:`));
  const cache = await caches.open(names[0]);
  const meta = await cache.match(`/offline/courses/${pk}/meta.json`);
  return meta ? meta.json() : null;
}"""
HOLDS = """async ([pk, urls]) => {
  const out = {};
  for (const url of urls) {
    const hit = await caches.match(url);
    out[url] = hit ? (await hit.text()).length : null;
  }
  return out;
}"""


def test_a_learner_saves_updates_and_removes_a_course(live_server, page, site):
    course = course_with_media(site, lessons=3)
    learner = UserFactory()
    enrol(learner, course)
    base = live_server.url
    log_in(page, base, learner.email)

    page.goto(base + course.url)
    widget = page.locator("[data-save-offline]")
    save = widget.get_by_role("button", name=re.compile("Save this course for offline"))
    # The size and what it holds, before anything is downloaded.
    save.wait_for(timeout=45_000)
    label = save.inner_text()
    assert re.search(r"— [\d.]+ (KB|MB) \(3 lessons, 1 image\)", label), label
    assert page.evaluate(COURSE_CACHES, course.pk) == []

    save.click()
    status = widget.locator("[data-status]")
    status.filter(has_text="Saved on this phone").wait_for(timeout=45_000)
    assert widget.locator("progress").get_attribute("value") == "100"
    assert widget.get_by_role("button", name="Remove from this phone").is_visible()
    assert "This course uses" in widget.locator("[data-storage]").inner_text()

    names = page.evaluate(COURSE_CACHES, course.pk)
    assert len(names) == 1
    meta = page.evaluate(META, course.pk)
    assert set(meta) >= {"course", "title", "url", "version", "saved_at", "bytes", "low_data"}
    assert meta["course"] == course.pk and names[0] == f"isoko-course:{course.pk}:{meta['version']}"
    assert [lesson["title"] for lesson in meta["lessons"]] == [
        "Lesson 1",
        "Lesson 2",
        "Lesson 3",
        "Check",
    ]
    urls = [course.url, *(lesson["url"] for lesson in meta["lessons"])]
    held = page.evaluate(HOLDS, [course.pk, urls])
    assert all(held[url] for url in urls), held

    # Offline, the saved pages are still there (with the service worker, they open: below).
    page.context.set_offline(True)
    held = page.evaluate(HOLDS, [course.pk, urls])
    assert all(held[url] for url in urls), held
    page.context.set_offline(False)

    # The dashboard's card knows the course is saved.
    page.goto(base + "/dashboard/")
    card = page.locator("[data-save-offline]")
    card.locator("[data-status]").filter(has_text="Saved on this phone").wait_for(timeout=45_000)

    # The trainer publishes a change: the course page says so, and the update swaps versions.
    lesson = course.get_descendants().type(factories.LessonPage).specific().first()
    lesson.title = "Lesson 1, revised"
    lesson.save_revision().publish()
    page.goto(base + course.url)
    update = widget.get_by_role("button", name=re.compile(r"Updated lessons available — update"))
    update.wait_for(timeout=45_000)
    assert page.evaluate(COURSE_CACHES, course.pk) == names  # nothing touched before asked
    update.click()
    status.filter(has_text="Updated.").wait_for(timeout=45_000)
    new_names = page.evaluate(COURSE_CACHES, course.pk)
    assert len(new_names) == 1 and new_names != names
    new_meta = page.evaluate(META, course.pk)
    assert new_meta["version"] != meta["version"]
    assert new_meta["lessons"][0]["title"] == "Lesson 1, revised"
    first = page.evaluate(
        "async url => (await (await caches.match(url)).text())", new_meta["lessons"][0]["url"]
    )
    assert "Lesson 1, revised" in first

    widget.get_by_role("button", name="Remove from this phone").click()
    status.filter(has_text="Removed from this phone").wait_for()
    assert page.evaluate(COURSE_CACHES, course.pk) == []


def test_a_learner_not_enrolled_sees_no_save_button(live_server, page, site):
    course = course_with_media(site, lessons=1)
    learner = UserFactory()
    base = live_server.url
    log_in(page, base, learner.email)
    page.goto(base + course.url)
    assert page.locator("[data-save-offline]").count() == 0


def phone(chromium, **options):
    """A phone-sized page of its own: these journeys make requests fail on purpose, which
    Chromium reports on the console (the shared ``page`` fixture fails on any console error)."""
    # Without the service worker: page.route sees the widget's requests (a worker's own
    # fetches bypass it), and these tests are about the widget.
    context = chromium.new_context(
        viewport={"width": 390, "height": 844}, locale="en-GB", service_workers="block"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return context, page, errors


def test_failures_say_what_happened_and_keep_the_saved_version(live_server, chromium, site):
    course = course_with_media(site, lessons=3)
    learner = UserFactory()
    enrol(learner, course)
    base = live_server.url
    context, page, errors = phone(chromium)
    try:
        log_in(page, base, learner.email)
        widget = page.locator("[data-save-offline]")
        status = widget.locator("[data-status]")

        # No room on the phone: said before anything is downloaded, nothing is stored.
        page.add_init_script(
            "navigator.storage.estimate = () => Promise.resolve({usage: 1000, quota: 2000});"
        )
        page.goto(base + course.url)
        widget.get_by_role("button", name=re.compile("Save this course for offline")).click()
        status.filter(has_text="Not enough space on this phone").wait_for()
        assert page.evaluate(COURSE_CACHES, course.pk) == []

        # The first save with a lesson failing: nothing is left behind.
        context.clear_cookies()
        context.close()
        context, page, errors = phone(chromium)
        log_in(page, base, learner.email)
        widget = page.locator("[data-save-offline]")
        status = widget.locator("[data-status]")
        page.route("**/lesson-2/", lambda route: route.abort())
        page.goto(base + course.url)
        widget.get_by_role("button", name=re.compile("Save this course for offline")).click()
        status.filter(has_text="The download stopped").wait_for()
        assert page.evaluate(COURSE_CACHES, course.pk) == []

        # Saved whole, then an update whose download fails: the old version stays, complete.
        page.unroute("**/lesson-2/")
        # A fresh page: a request Playwright's route aborted can leave Chromium's fetch of the
        # same address hanging on this page (seen on a loaded machine), which is not the widget's.
        page.reload()
        widget.get_by_role("button", name=re.compile("Save this course for offline")).click()
        status.filter(has_text="Saved on this phone").wait_for(timeout=45_000)
        names = page.evaluate(COURSE_CACHES, course.pk)
        meta = page.evaluate(META, course.pk)
        lesson = course.get_descendants().type(factories.LessonPage).specific().first()
        lesson.title = "Lesson 1, revised"
        lesson.save_revision().publish()
        page.goto(base + course.url)
        # The server fails that lesson this time (the dropped link is the first save's case
        # above). With route.abort() here, a clean-clone CI run of 7 December waited 15 s for
        # the message and failed: most likely the quirk the reload above works around, a fetch
        # of an address aborted on this page hanging (until the widget's own 60 s limit).
        page.route("**/lesson-2/", lambda route: route.fulfill(status=503, body="down"))
        update = widget.get_by_role("button", name=re.compile("Updated lessons available"))
        update.click()
        kept = status.filter(has_text="The version saved before is still on this phone")
        try:
            # Past the widget's own 60 s limit per item: two clean-clone CI runs of 7 December
            # waited 15 s here and failed, once with route.abort() and once with this 503; not
            # reproduced alone or three at once. If a request hangs, the widget gives up on it
            # and must still say this; if not, the failure names what the widget says instead.
            kept.wait_for(timeout=75_000)
        except PlaywrightTimeoutError:
            pytest.fail(
                f"the failed update said {status.inner_text()!r}, not that the old version stays"
            )
        # The save is over: no late download of another item brings the bar back or replaces
        # the message with its progress.
        assert widget.locator("progress").is_hidden()
        assert page.evaluate(COURSE_CACHES, course.pk) == names
        assert page.evaluate(META, course.pk) == meta
        held = page.evaluate(HOLDS, [course.pk, [item["url"] for item in meta["lessons"]]])
        assert all(held.values()), held
        assert not errors, errors
    finally:
        context.close()


def test_a_saved_lesson_opens_offline(live_server, page, site):
    base = live_server.url
    if page.request.get(base + "/sw.js").status != 200:
        pytest.skip(
            "No service worker on this branch yet (pwa's /sw.js): the saved pages are checked "
            "in the cache by test_a_learner_saves_updates_and_removes_a_course."
        )
    course = course_with_media(site, lessons=3)
    learner = UserFactory()
    enrol(learner, course)
    log_in(page, base, learner.email)
    page.goto(base + course.url)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    widget = page.locator("[data-save-offline]")
    widget.get_by_role("button", name=re.compile("Save this course for offline")).click()
    # The first pack of a version renders every page: slow on a busy machine.
    widget.locator("[data-status]").filter(has_text="Saved on this phone").wait_for(timeout=45_000)
    meta = page.evaluate(META, course.pk)
    page.context.set_offline(True)
    for lesson in meta["lessons"][:3]:
        page.goto(base + lesson["url"])
        assert page.locator("h1").inner_text() == lesson["title"]
    page.context.set_offline(False)
