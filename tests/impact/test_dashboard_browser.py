"""The "Programme" dashboard in Chromium, at desktop width and on a 360 px phone: axe-core
finds no WCAG A/AA violation (the filled-in page and the page with filter errors), nothing is
wider than the phone, the charts are drawn, the CSP holds (any console error fails). Screenshots
are kept in var/screenshots/."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from impact.dashboard import views
from tests.accounts.helpers import with_totp
from tests.crawl.crawler import AXE, AXE_TAGS
from tests.impact.sample import sample_snapshot
from tests.impact.test_dashboard import URL, programme_manager

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"

AXE_RUN = """
async (tags) => {
  const result = await axe.run(document, {
    runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
  });
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
  }));
}
"""


@pytest.fixture
def signed_in(chromium, live_server, monkeypatch):
    """A browser context factory, signed in as a programme manager with TOTP set up (the login
    stages themselves are tested in tests/accounts/test_mfa.py)."""
    monkeypatch.setattr(
        views, "snapshot", lambda filters=None, *, language=None: sample_snapshot(filters)
    )
    client = Client()
    client.force_login(with_totp(programme_manager()))
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    contexts = []

    def open_page(width: int, height: int, *, page_status: int = 200):
        context = chromium.new_context(viewport={"width": width, "height": height}, locale="en-GB")
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
        )
        page = context.new_page()
        page.set_default_timeout(20_000)
        problems: list[str] = []
        # The browser logs a page answered 400 (the filter's errors) as a console error.
        expected = f"status of {page_status} (" if page_status != 200 else None

        def console(message):
            if message.type == "error" and not (expected and expected in message.text):
                problems.append(message.text)

        page.on("console", console)
        page.on("pageerror", lambda exc: problems.append(str(exc)))
        contexts.append((context, problems))
        return page

    yield open_page
    for context, problems in contexts:
        context.close()
        assert not problems, problems


def _axe(page) -> list:
    page.evaluate(AXE.read_text())
    return page.evaluate(AXE_RUN, AXE_TAGS)


@pytest.mark.parametrize(("name", "width", "height"), [("desktop", 1280, 900), ("360", 360, 780)])
def test_the_dashboard_passes_axe_and_fits(signed_in, live_server, name, width, height):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = signed_in(width, height)
    response = page.goto(live_server.url + URL + "?start=2026-09-01&audience=entrepreneur")
    assert response.status == 200
    assert page.locator(".impact-chart svg").count() >= 8
    assert page.get_by_role("heading", name="From sign-up to first order").is_visible()
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, scroll
    page.screenshot(path=str(SCREENSHOTS / f"impact-dashboard-{name}.png"), full_page=True)
    # The admin scrolls an inner panel, so the sections are photographed one by one.
    for key in ("funnel", "by_district", "courses"):
        section = page.locator(f"section[aria-labelledby='impact-{key}-title']")
        section.screenshot(path=str(SCREENSHOTS / f"impact-dashboard-{name}-{key}.png"))
        box = section.locator("svg").first.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (key, box)
    violations = _axe(page)
    assert violations == [], violations


def test_filter_errors_pass_axe_and_lead_to_the_field(signed_in, live_server):
    page = signed_in(360, 780, page_status=400)
    response = page.goto(live_server.url + URL + "?start=yesterday&course=999999")
    assert response.status == 400
    summary = page.get_by_role("alert")
    assert "Please correct the filter" in summary.inner_text()
    summary.get_by_role("link").first.click()
    assert page.url.endswith("#id_start")
    assert page.locator("#id_start").get_attribute("aria-invalid") == "true"
    assert page.locator("#id_course").get_attribute("aria-invalid") == "true"
    page.screenshot(path=str(SCREENSHOTS / "impact-dashboard-errors-360.png"), full_page=True)
    violations = _axe(page)
    assert violations == [], violations
