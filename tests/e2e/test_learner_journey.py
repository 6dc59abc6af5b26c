"""A learner on a phone signs up, enrols, reads two lessons, fails the quiz, passes it on the
second attempt and finds the course completed on the dashboard."""

import json
import re

import pytest

from accounts.models import User
from lms.models import Enrolment, QuizAttempt
from tests.accounts.helpers import SIGNUP, confirmation_link
from tests.courses import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COURSE = "Selling coffee online"
MULTI = "Which are export documents?"
NUMERIC = "60 bags of 60 kg make how many kg?"
SHORT = "Name the export single window."

# One answer sheet per attempt. Choices are clicked by their label, so the shuffled order of
# questions and options does not matter; the two text boxes share the label "Your answer" and are
# found inside their question's fieldset.
WRONG = {"choice": "BNR", "true_false": "False", "multi": ["Driving licence"], "numeric": "36"}
WRONG["short"] = "Kigali market"
RIGHT = {"choice": "RDB", "true_false": "True", "numeric": "3600", "short": "ReSW"}
RIGHT["multi"] = ["Certificate of origin", "Commercial invoice"]


def build_course(home):
    catalog = factories.catalog(home)
    course = factories.course(catalog, COURSE)
    module = factories.module(course, "Get verified")
    factories.lesson(module, "Onboarding")
    factories.lesson(module, "Grading")
    factories.quiz(
        module,
        "Check your knowledge",
        pass_mark=70,
        max_attempts=3,
        shuffle_questions=True,
        shuffle_options=True,
        questions=[
            factories.question(
                "single_choice",
                "Who registers businesses?",
                options=[factories.option("RDB", True), factories.option("BNR")],
            ),
            factories.question("true_false", "The RRA issues TINs.", correct_answer="true"),
            factories.question("numeric", NUMERIC, answer="3600", tolerance="0.5", unit="kg"),
            factories.question("short_text", SHORT, accepted_answers=["ReSW", "Single window"]),
            factories.question(
                "multiple_choice",
                MULTI,
                options=[
                    factories.option("Certificate of origin", True),
                    factories.option("Commercial invoice", True),
                    factories.option("Driving licence"),
                ],
            ),
        ],
    )
    return course


def sign_up(page, base: str, mailoutbox) -> None:
    page.goto(base + "/accounts/signup/")
    page.get_by_label("Email").fill(SIGNUP["email"])
    page.get_by_label("Full name").fill(SIGNUP["full_name"])
    page.get_by_label("I am a…").select_option("entrepreneur")
    page.get_by_label("Preferred language").select_option("en")
    page.get_by_label(re.compile(r"^Password:?$")).fill(SIGNUP["password1"])
    page.get_by_label("Password (again)").fill(SIGNUP["password1"])
    page.get_by_role("button", name="Sign up", exact=True).click()
    page.wait_for_url("**/confirm-email/**")
    page.goto(base + confirmation_link(mailoutbox[-1]))
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/dashboard/")


def answer_quiz(page, sheet: dict) -> None:
    """Fill one attempt, then wait for quiz.js to autosave the finished sheet before submitting.

    Text boxes come first: their "change" fires only on blur, and the clicks that follow blur
    them. The last click is a checkbox, and the autosave that carries its final state was
    collected after every other answer, so once it is saved no autosave is left pending that
    could reach the server after the attempt is submitted.
    """
    from playwright.sync_api import expect

    page.locator("fieldset.question", has_text=NUMERIC).get_by_label("Your answer").fill(
        sheet["numeric"]
    )
    page.locator("fieldset.question", has_text=SHORT).get_by_label("Your answer").fill(
        sheet["short"]
    )
    page.get_by_label(sheet["choice"], exact=True).check()
    page.get_by_label(sheet["true_false"], exact=True).check()
    multi = page.locator("fieldset.question", has_text=MULTI)
    multi_id = multi.get_attribute("id").removeprefix("q-")
    boxes = [multi.get_by_label(text, exact=True) for text in sheet["multi"]]
    final = sorted(box.get_attribute("value") for box in boxes)
    for box in boxes[:-1]:
        box.check()

    def final_save(response) -> bool:
        if "/autosave/" not in response.url or response.request.method != "POST":
            return False
        answers = json.loads(response.request.post_data)["answers"]
        return sorted(answers.get(multi_id, [])) == final

    with page.expect_response(final_save) as saved:
        boxes[-1].check()
    assert saved.value.ok, saved.value.status
    # The response is in; quiz.js writes the status once it has read the body.
    expect(page.locator(".autosave-status")).to_have_text("Your answers are saved.", timeout=15_000)


def test_learner_fails_then_passes_and_completes_the_course(
    live_server, page, mailoutbox, screenshot, site
):
    from playwright.sync_api import expect

    course = build_course(site)
    base = live_server.url
    sign_up(page, base, mailoutbox)
    learner = User.objects.get(email=SIGNUP["email"])

    page.goto(base + course.url)
    page.get_by_role("button", name="Enrol — it is free").click()
    # Enrolling continues the course at its first lesson.
    page.wait_for_url("**/onboarding/")
    expect(page.get_by_role("heading", name="Onboarding", level=1)).to_be_visible()
    screenshot("learner-lesson")
    page.get_by_role("button", name="Mark as complete").click()
    page.wait_for_url("**/grading/")
    page.get_by_role("button", name="Mark as complete").click()
    page.wait_for_url("**/check-your-knowledge/")

    page.get_by_role("button", name="Start the quiz").click()
    page.wait_for_url("**/learn/attempts/*/")
    expect(page.locator("fieldset.question")).to_have_count(5)
    answer_quiz(page, WRONG)
    screenshot("learner-quiz")
    page.get_by_role("button", name="Submit for grading").click()
    page.wait_for_url("**/learn/attempts/*/result/")
    result = page.locator(".result")
    expect(result).to_contain_text("0%")
    expect(result).to_contain_text("Not passed")
    screenshot("learner-result-fail")
    first = QuizAttempt.objects.get(learner=learner)
    assert first.status == "submitted" and not first.passed and first.score == 0

    page.get_by_role("link", name="Back to the quiz").click()
    page.wait_for_url("**/check-your-knowledge/")
    expect(page.get_by_role("link", name="Not passed")).to_be_visible()
    page.get_by_role("button", name="Try again").click()
    page.wait_for_url("**/learn/attempts/*/")
    expect(page.get_by_text("Attempt 2")).to_be_visible()
    answer_quiz(page, RIGHT)
    page.get_by_role("button", name="Submit for grading").click()
    page.wait_for_url("**/learn/attempts/*/result/")
    expect(result).to_contain_text("100%")
    expect(result).to_contain_text("Passed.")
    expect(result).not_to_contain_text("Not passed")
    screenshot("learner-result-pass")
    second = QuizAttempt.objects.get(learner=learner, number=2)
    assert second.passed and second.score == 100
    assert Enrolment.objects.get(learner=learner, course=course).status == "completed"

    page.goto(base + "/dashboard/")
    completed = page.locator("section", has=page.locator("#completed-courses"))
    expect(completed.get_by_role("heading", name="Completed courses")).to_be_visible()
    expect(completed.get_by_role("link", name=COURSE)).to_be_visible()
    # The completed course shows a full progress bar and 100%.
    bar = completed.locator("progress:not([data-save-progress])")  # not the save widget's
    expect(bar).to_have_attribute("value", "100")
    expect(completed).to_contain_text("100% · completed on")
    mine = page.locator("section", has=page.locator("#my-courses"))
    expect(mine.get_by_role("link", name=COURSE)).to_have_count(0)
    expect(mine).to_contain_text("You have finished every course you started.")
    screenshot("learner-dashboard")

    page.get_by_role("link", name=COURSE, exact=True).click()
    expect(page.get_by_text("You completed this course.")).to_be_visible()
