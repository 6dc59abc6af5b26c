"""A trainer adds blocks in the real editor: a choice question opens with the two options it needs,
and each key takeaway has a label a screen reader announces."""

import re

import pytest
from playwright.sync_api import expect

from courses.api import editorial_setup
from tests.courses import factories
from tests.e2e.test_trainer_review_journey import log_in, staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


OPTION = re.compile(r"^Option\*?$")  # Wagtail marks a required field's label with "*"


def insert_block(page, name: str) -> None:
    page.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name=name, exact=True).click()


def test_new_questions_and_takeaways_in_the_editor(live_server, chromium, site, screenshot_dir):
    catalog = factories.catalog(site)
    editorial_setup()
    trainer, secret = staff("trainer.blocks@example.com", "Trainers")
    course = factories.course(catalog, "Selling tea online")
    module = factories.module(course, "Tea basics")
    quiz = factories.quiz(module, "Tea quiz", questions=[])
    lesson = factories.lesson(module, "Grading tea")
    course.trainers.set([trainer])
    factories.publish(course)

    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(20_000)
    log_in(page, live_server.url, trainer.email, secret)

    page.goto(f"{live_server.url}/admin/pages/{quiz.pk}/edit/")
    insert_block(page, "Single choice")
    # expect() waits for the editor to draw the new block; a bare count() raced it.
    expect(page.get_by_role("textbox", name=OPTION)).to_have_count(2)
    insert_block(page, "Multiple choice (partial credit)")
    expect(page.get_by_role("textbox", name=OPTION)).to_have_count(4)
    page.screenshot(path=str(screenshot_dir / "trainer-new-choice-question.png"), full_page=True)

    page.goto(f"{live_server.url}/admin/pages/{lesson.pk}/edit/")
    insert_block(page, "Key takeaways")
    takeaway = page.get_by_role("textbox", name="Takeaway", exact=True)
    expect(takeaway).to_have_count(1)
    # The label is seen (the item's heading) as well as announced (the input's name).
    heading = page.locator(".c-sf-block__type", has_text=re.compile(r"^Takeaway$"))
    assert heading.first.is_visible()
    page.screenshot(path=str(screenshot_dir / "trainer-key-takeaways.png"), full_page=True)
    context.close()
