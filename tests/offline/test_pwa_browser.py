"""The service worker in Debian's Chromium, with Chromium's own offline mode
(``context.set_offline``): it installs and controls the site; a dashboard seen online opens
offline; a page never seen shows the offline page; a certificate PDF downloaded online downloads
again offline; the status says "Offline"; logging out leaves no learner data on the phone; and
another learner on the same phone never gets the first one's pages.

Run: DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/pytest tests/offline/test_pwa_browser.py
(service workers need a secure context: live_server's http://localhost counts as one)."""

from __future__ import annotations

import re

import pytest
from django.core.files.base import ContentFile

from tests.accounts.factories import UserFactory
from tests.browser_pages import watched_page
from tests.courses import factories
from tests.e2e.conftest import SCREENSHOTS, log_in
from tests.marketplace.review_fixtures import PDF_BYTES, issued_certificate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LEARNER_CACHES = """async () => (await caches.keys()).filter(
    n => n === "isoko-pages" || n === "isoko-certificates" || n.startsWith("isoko-course:"))"""
CONTROLLED = "() => navigator.serviceWorker.controller !== null"
ACTIVE = (
    "async () => (await navigator.serviceWorker.getRegistration())?.active?.state === 'activated'"
)


@pytest.fixture
def phone(chromium):
    """A phone-sized context; JavaScript errors on its pages fail the test (network errors
    while offline are expected and not counted)."""
    with watched_page(chromium, width=360, height=740, console_errors=False) as page:
        yield page


def _cached(page, cache: str, path: str) -> None:
    page.wait_for_function(
        "async ([cache, path]) => !!(await (await caches.open(cache)).match(path))",
        arg=[cache, path],
    )


@pytest.fixture
def screenshot_dir():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


def _controlled(page) -> None:
    """Installed and active, then in control of the page: at once for pages opened by a GET
    (clients.claim()), from the next page on for one reached by a POST's redirect (the login,
    the logout), which Chromium's clients.claim() may leave alone."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for _attempt in range(3):
        try:
            page.wait_for_function(ACTIVE, timeout=10_000)
            page.wait_for_function(CONTROLLED, timeout=3_000)
            return
        except PlaywrightTimeout:
            page.reload()
    page.wait_for_function(CONTROLLED)


def test_worker_installs_and_the_learner_reads_offline(live_server, phone, site, screenshot_dir):
    from playwright.sync_api import expect

    page = phone
    base = live_server.url
    course = factories.course(factories.catalog(site), "Pricing for export")
    learner = UserFactory(email="zoe@example.com")
    certificate = issued_certificate(learner, course, name="Zoë Mukamana")
    certificate.pdf.save("zoe.pdf", ContentFile(PDF_BYTES))

    # The manifest is linked, and the worker takes the page over once installed.
    log_in(page, base, learner.email)
    _controlled(page)
    scope = page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.scope)")
    assert scope == base + "/"
    assert page.evaluate("document.querySelector('link[rel=manifest]').href").endswith(
        "/manifest.webmanifest?lang=en"
    )
    page.wait_for_function(
        """async () => (await caches.keys()).some(n => n.startsWith("isoko-static-v"))"""
    )

    # Online: the dashboard (now through the worker), a certificate's page and its PDF.
    page.goto(base + "/dashboard/")
    _cached(page, "isoko-pages", "/dashboard/")
    panel = page.locator("section", has=page.locator("#my-certificates"))
    with page.expect_download() as online:
        panel.get_by_role("link", name=re.compile("Download PDF")).click()
    assert online.value.path().read_bytes() == PDF_BYTES
    pdf_path = f"/certificates/verify/{certificate.code}/certificate.pdf"
    _cached(page, "isoko-certificates", pdf_path)
    page.goto(base + f"/certificates/verify/{certificate.code}/")
    _cached(page, "isoko-certificates", f"/certificates/verify/{certificate.code}/")
    page.goto(base + "/dashboard/")

    # Offline. The status fills its reserved line: nothing below it moves.
    status = page.locator("[data-sync-status] [role=status]")
    expect(status).to_have_text("")
    main_top = page.evaluate("document.getElementById('main').getBoundingClientRect().top")
    page.context.set_offline(True)
    expect(status).to_have_text("Offline")
    page.evaluate(
        """() => document.dispatchEvent(new CustomEvent("isoko:pending", {detail: {
            source: "test", waiting: 3, syncing: false,
            problems: ["The course changed since you saved it."]}}))"""
    )
    expect(status).to_have_text("Offline — 3 steps waiting")
    problems = page.locator("[data-sync-status] .sync-problems")
    expect(problems.locator("summary")).to_have_text("1 problem")
    problems.locator("summary").click()
    expect(problems.get_by_text("The course changed since you saved it.")).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "offline-status-360.png"))
    assert page.evaluate("document.getElementById('main').getBoundingClientRect().top") == main_top

    page.goto(base + "/dashboard/")
    expect(page.get_by_role("heading", name="My certificates")).to_be_visible()
    expect(status).to_have_text("Offline")
    page.screenshot(path=str(screenshot_dir / "offline-dashboard-360.png"))

    with page.expect_download() as offline:
        panel.get_by_role("link", name=re.compile("Download PDF")).click()
    assert offline.value.path().read_bytes() == PDF_BYTES

    page.goto(base + f"/certificates/verify/{certificate.code}/")
    expect(page.get_by_text("Zoë Mukamana", exact=True)).to_be_visible()

    # A page never opened: the offline page, which lists what the phone holds.
    page.goto(base + "/courses/pricing-for-export/")
    expect(page.get_by_role("heading", name="You're offline")).to_be_visible()
    available = page.locator("[data-offline-list]")
    expect(available.get_by_role("link", name=re.compile("Your dashboard"))).to_be_visible()
    expect(available.get_by_role("link", name=re.compile("Zoë Mukamana"))).to_be_visible()
    expect(available.locator("[data-offline-empty]")).to_be_hidden()
    page.screenshot(path=str(screenshot_dir / "offline-page-360.png"), full_page=True)

    # Back online; logging out leaves no learner data on the phone.
    page.context.set_offline(False)
    page.goto(base + "/dashboard/")
    page.evaluate(
        """() => new Promise(resolve => {
            const open = indexedDB.open("isoko-queue");
            open.onupgradeneeded = () => open.result.createObjectStore("steps");
            open.onsuccess = () => { open.result.close(); resolve(); };
        })"""
    )
    assert sorted(page.evaluate(LEARNER_CACHES)) == ["isoko-certificates", "isoko-pages"]
    page.locator(".account-menu summary").click()
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(base + "/")
    assert page.evaluate(LEARNER_CACHES) == []
    databases = page.evaluate("indexedDB.databases().then(list => list.map(d => d.name))")
    assert "isoko-queue" not in databases
    # Offline again (a worker installed afresh): the dashboard is gone from the phone.
    page.goto(base + "/")
    _controlled(page)
    page.context.set_offline(True)
    page.goto(base + "/dashboard/")
    expect(page.get_by_role("heading", name="You're offline")).to_be_visible()


def test_another_learner_never_gets_the_first_ones_pages(live_server, phone, site):
    from playwright.sync_api import expect

    page = phone
    base = live_server.url
    first = UserFactory(email="first@example.com", profile__full_name="Aline Uwase")
    second = UserFactory(email="second@example.com", profile__full_name="Jean Habimana")

    log_in(page, base, first.email)
    _controlled(page)
    page.goto(base + "/dashboard/")
    _cached(page, "isoko-pages", "/dashboard/")
    expect(page.get_by_role("heading", name="Welcome, Aline Uwase")).to_be_visible()

    # The session ends without a logout (cookies cleared, or it expired). Once a page has said
    # so, the first learner's pages no longer open offline.
    page.context.clear_cookies()
    page.goto(base + "/")
    page.wait_for_function("async () => !(await caches.has('isoko-pages'))")
    page.context.set_offline(True)
    page.goto(base + "/dashboard/")
    expect(page.get_by_role("heading", name="You're offline")).to_be_visible()
    assert "Aline Uwase" not in page.content()
    page.context.set_offline(False)

    # Someone else signs in.
    log_in(page, base, second.email)
    page.goto(base + "/dashboard/")
    expect(page.get_by_role("heading", name="Welcome, Jean Habimana")).to_be_visible()
    _cached(page, "isoko-pages", "/dashboard/")

    page.context.set_offline(True)
    page.goto(base + "/dashboard/")
    expect(page.get_by_role("heading", name="Welcome, Jean Habimana")).to_be_visible()
    assert "Aline Uwase" not in page.content()
    html = page.evaluate(
        "async () => (await (await caches.open('isoko-pages')).match('/dashboard/')).text()"
    )
    assert "Jean Habimana" in html and "Aline Uwase" not in html


def test_the_site_works_without_javascript(live_server, chromium, site):
    from playwright.sync_api import expect

    context = chromium.new_context(
        java_script_enabled=False, viewport={"width": 360, "height": 740}
    )
    page = context.new_page()
    learner = UserFactory(email="nojs@example.com")
    log_in(page, live_server.url, learner.email)
    expect(page.get_by_role("heading", name="My certificates")).to_be_visible()
    page.locator(".account-menu summary").click()
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(live_server.url + "/")
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    context.close()


def test_logging_out_offline_with_steps_waiting_asks_first(live_server, phone, site):
    from playwright.sync_api import expect

    page = phone
    base = live_server.url
    log_in(page, base, UserFactory(email="waiting@example.com").email)
    _controlled(page)
    # A pending source as the contract defines it: two steps that cannot leave the phone.
    page.evaluate(
        """() => {
            window.flushed = 0;
            window.IsokoPending = window.IsokoPending || {};
            window.IsokoPending.test = {
                count: () => Promise.resolve(2),
                flush: () => { window.flushed += 1; return Promise.resolve(); },
                problems: () => Promise.resolve([]),
            };
        }"""
    )
    page.context.set_offline(True)
    page.locator(".account-menu summary").click()
    with page.expect_event("dialog") as asked:
        page.get_by_role("button", name="Log out").click(no_wait_after=True)
    question = asked.value
    assert question.type == "confirm"
    assert question.message == (
        "2 steps have not synced yet; logging out deletes them from this phone. Log out anyway?"
    )
    question.dismiss()
    expect(page.get_by_role("heading", name=re.compile("Welcome"))).to_be_visible()
    assert page.evaluate("window.flushed") == 0  # offline: nothing to flush through
    # Refused: nothing was cleared (clearing forgets the owner first).
    assert page.evaluate("localStorage.getItem('isoko-owner')")

    # Online, the sources are flushed first; once nothing waits, no question.
    page.context.set_offline(False)
    page.evaluate("() => { window.IsokoPending.test.count = () => Promise.resolve(0); }")
    questions: list[str] = []
    page.on("dialog", lambda dialog: questions.append(dialog.message) or dialog.dismiss())
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(base + "/")
    assert questions == []
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
