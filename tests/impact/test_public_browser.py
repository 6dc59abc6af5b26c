"""/impact/ in Chromium on a 360 px phone: axe-core finds no WCAG A/AA violation, nothing is
wider than the screen, the CSP holds (the ``page`` fixture fails on any console error), and the
table alternative opens from the keyboard. A screenshot is kept in var/screenshots/."""

from __future__ import annotations

import pytest

from impact.public import views
from tests.browser_pages import watched_page
from tests.crawl.crawler import AXE, AXE_TAGS
from tests.e2e.conftest import SCREENSHOTS
from tests.impact.test_public import public_sample

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

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
def phone(chromium):
    with watched_page(chromium, width=360, height=780) as page:
        yield page


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_page_on_a_phone_passes_axe(live_server, phone, monkeypatch, language):
    monkeypatch.setattr(
        views, "public_snapshot", lambda *, language=None: public_sample(language=language or "en")
    )
    path = "/impact/" if language == "en" else f"/{language}/impact/"
    response = phone.goto(live_server.url + path)
    assert response.status == 200
    # Every chart is drawn, and no chart or table makes the page scroll sideways.
    assert phone.locator("svg.chart").count() == 6
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, width
    box = phone.locator("svg.chart").first.bounding_box()
    assert 250 < box["width"] <= 360
    # The stylesheets loaded (the charts take their look from them, not from inline styles).
    weight = phone.evaluate(
        "getComputedStyle(document.querySelector('svg.chart .chart-label')).fontWeight"
    )
    assert weight == "600"
    # The table alternative opens from the keyboard.
    summary = phone.locator("#by_district summary")
    summary.focus()
    phone.keyboard.press("Enter")
    assert phone.locator("#by_district table").is_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOTS / f"impact-public-360-{language}.png"), full_page=True)

    phone.evaluate(AXE.read_text())
    violations = phone.evaluate(AXE_RUN, AXE_TAGS)
    assert violations == [], violations
