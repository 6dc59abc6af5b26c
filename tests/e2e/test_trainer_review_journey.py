"""A trainer logs into the admin with MFA, writes a lesson with two blocks and submits it; a
reviewer approves it and it goes live."""

import re

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group

from courses.api import editorial_setup
from courses.models import LessonPage
from tests.accounts.factories import PASSWORD, UserFactory
from tests.courses import factories
from tests.e2e.conftest import fresh_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def staff(email: str, group: str) -> tuple:
    user = UserFactory(email=email)
    user.groups.add(Group.objects.get(name=group))
    secret = pyotp.random_base32()
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": secret})
    return user, secret


def log_in(page, base: str, email: str, secret: str) -> None:
    page.goto(base + "/admin/")
    page.wait_for_url("**/accounts/login/**")
    page.get_by_label("Email").fill(email)
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    page.wait_for_url("**/2fa/authenticate/**")
    page.get_by_label("Code").fill(fresh_code(secret))
    page.get_by_role("button", name=re.compile("^(Log in|Confirm)$")).click()
    page.wait_for_url("**/admin/**")


def test_trainer_writes_and_submits_a_lesson_reviewer_approves(
    live_server, chromium, site, screenshot_dir
):
    catalog = factories.catalog(site)
    editorial_setup()
    trainer, trainer_secret = staff("trainer.e2e@example.com", "Trainers")
    reviewer, reviewer_secret = staff("reviewer.e2e@example.com", "Reviewers")
    course = factories.course(catalog, "Selling tea online")
    module = factories.module(course, "Tea basics")
    course.trainers.set([trainer])
    factories.publish(course)

    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(20_000)
    log_in(page, live_server.url, trainer.email, trainer_secret)
    page.goto(f"{live_server.url}/admin/pages/add/courses/lessonpage/{module.pk}/")
    page.locator("#id_title").fill("Grading Rwandan tea")
    page.locator("#id_estimated_minutes").fill("12")
    # Block 1: a heading. Block 2: a callout.
    page.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Heading").click()
    page.get_by_label("Heading*").last.fill("Orthodox and CTC teas")
    page.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name="Callout").click()
    page.get_by_label("Title", exact=True).last.fill("Say the grade")
    editor = page.locator(".Draftail-Editor [contenteditable=true]").last
    editor.scroll_into_view_if_needed()
    editor.focus()
    editor.press_sequentially("Name the grade on the label, e.g. BP1 or PF1.")
    assert "BP1 or PF1" in editor.inner_text()
    # Draftail writes its hidden input a moment after typing stops; submit only once it has.
    page.wait_for_function(
        "() => [...document.querySelectorAll('input[name$=\"-value-body\"]')]"
        ".some(input => input.value.includes('BP1'))"
    )
    page.screenshot(path=str(screenshot_dir / "trainer-lesson-editor.png"), full_page=True)
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name=re.compile("Submit to Course review")).click()
    page.wait_for_url(re.compile(r".*/admin/pages/\d+/edit/.*|.*/admin/pages/\d+/"))
    lesson = LessonPage.objects.get(title="Grading Rwandan tea")
    assert not lesson.live and lesson.workflow_in_progress
    context.close()

    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(20_000)
    log_in(page, live_server.url, reviewer.email, reviewer_secret)
    page.goto(f"{live_server.url}/admin/pages/{lesson.pk}/edit/")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name=re.compile("^Approve")).first.click()
    dialog_button = page.get_by_role("button", name=re.compile("^Approve"))
    if dialog_button.count() > 0 and dialog_button.last.is_visible():
        dialog_button.last.click()
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(screenshot_dir / "reviewer-approved.png"), full_page=True)
    lesson = LessonPage.objects.get(pk=lesson.pk)
    assert lesson.live and not lesson.workflow_in_progress
    page.goto(live_server.url + lesson.url)
    assert page.get_by_role("heading", name="Orthodox and CTC teas").is_visible()
    assert "BP1 or PF1" in page.inner_text("main")
    context.close()
