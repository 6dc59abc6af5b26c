"""The browsable docs in a real browser: Swagger UI from our own static files, drawn under the
page's Content-Security-Policy without a single refusal or script error."""

from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def test_docs_page_renders_every_endpoint_under_its_policy(live_server, chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(20_000)
    problems: list[str] = []
    outside: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith(live_server.url) else None,
    )
    page.goto(f"{live_server.url}/api/v1/docs")
    page.locator(".swagger-ui .info .title").wait_for()
    page.get_by_text("/api/v1/enrolments").first.wait_for()
    for path in ("/api/v1/courses", "/api/v1/impact", "/api/v1/certificates"):
        assert page.get_by_text(path).first.is_visible(), path
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "partner-api-docs.png"), full_page=False)
    context.close()
    assert not outside, outside
    assert not problems, problems
