"""The page editor's live preview panel shows the lesson: the preview is framed by
the admin itself, so its headers must let the same origin frame it, and the page's own styles
must load under the policy it carries."""

import re

import pytest
from django.contrib.auth.models import Group

from courses.api import editorial_setup
from tests.courses import factories
from tests.e2e.test_trainer_review_journey import log_in, staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_preview_panel_shows_the_lesson(live_server, chromium, site, screenshot_dir):
    catalog = factories.catalog(site)
    editorial_setup()
    assert Group.objects.filter(name="Trainers").exists()
    trainer, secret = staff("trainer.preview@example.com", "Trainers")
    course = factories.course(catalog, "Selling tea online")
    lesson = factories.lesson(
        factories.module(course, "Tea basics"),
        "Grading Rwandan tea",
        body=[factories.paragraph("Orthodox and CTC teas are graded apart.")],
        free_preview=True,
    )
    course.trainers.set([trainer])
    factories.publish(course)

    context = chromium.new_context(viewport={"width": 1400, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(20_000)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    log_in(page, live_server.url, trainer.email, secret)
    page.goto(f"{live_server.url}/admin/pages/{lesson.pk}/edit/")
    page.get_by_role("button", name="Toggle preview").click()

    frame = page.frame_locator("#w-preview-iframe")
    body = frame.locator("main")
    body.get_by_text("Orthodox and CTC teas are graded apart.").wait_for()
    assert frame.get_by_role("heading", name="Grading Rwandan tea").is_visible()
    # The site's stylesheet applied inside the frame (the preview's CSP let it load).
    styled = frame.locator("body").evaluate(
        "body => [...body.ownerDocument.styleSheets].some(s => s.href && s.cssRules.length)"
    )
    assert styled
    page.screenshot(path=str(screenshot_dir / "editor-preview-panel.png"))
    context.close()
    refusals = [p for p in problems if re.search(r"frame|Content Security Policy", p, re.I)]
    assert not refusals, refusals
