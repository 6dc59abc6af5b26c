"""A reviewer asks for changes; the trainer signs in, finds the course on the admin's home page
marked "Changes requested", opens it and reads the reviewer's comment above the form (A18)."""

import re

import pytest
from wagtail.models import Workflow

from courses.api import editorial_setup
from tests.courses import factories
from tests.e2e.test_trainer_review_journey import log_in, staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_trainer_finds_the_reviewers_comment(live_server, chromium, site, screenshot_dir):
    catalog = factories.catalog(site)
    editorial_setup()
    trainer, secret = staff("trainer.changes@example.com", "Trainers")
    reviewer, _ = staff("reviewer.changes@example.com", "Reviewers")
    course = factories.course(catalog, "Selling tea online")
    course.trainers.set([trainer])
    factories.publish(course)
    course.save_revision(user=trainer)
    Workflow.objects.get(name="Course review").start(course, trainer)
    task_state = course.current_workflow_task_state
    task_state.task.specific.on_action(
        task_state, reviewer, "reject", comment="Name the tea grades in the intro."
    )

    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(20_000)
    log_in(page, live_server.url, trainer.email, secret)
    panel = page.locator("[data-trainer-courses]")
    assert panel.get_by_role("heading", name="Your courses").is_visible()
    row = panel.get_by_role("row", name=re.compile("Selling tea online"))
    assert "Changes requested" in row.text_content()  # shown in capitals by CSS
    page.screenshot(path=str(screenshot_dir / "trainer-your-courses.png"), full_page=True)
    row.get_by_role("link", name="Edit").click()
    page.wait_for_url(f"**/admin/pages/{course.pk}/edit/")
    notice = page.locator('[data-review-feedback="changes-requested"]')
    assert notice.is_visible()
    assert "asked for changes" in notice.inner_text()
    assert "Name the tea grades in the intro." in notice.inner_text()
    page.screenshot(path=str(screenshot_dir / "trainer-changes-requested.png"))
    context.close()
