"""A quiz cannot be published while its questions or settings are wrong, and says why."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from courses.models import QuizPage
from tests.courses import factories
from tests.courses.admin_forms import base, choice, listblock, quiz_form, valid_questions

pytestmark = pytest.mark.django_db


@pytest.fixture
def module(site):
    course = factories.course(factories.catalog(site))
    return factories.module(course)


def add_quiz(client, module, data):
    url = reverse("wagtailadmin_pages:add", args=["courses", "quizpage", module.pk])
    return client.post(url, data)


def errors_of(response) -> str:
    """The page as the editor sees it, plus the form's errors (StreamField errors are rendered
    by the editor's JavaScript from JSON, so they are not all plain text in the HTML)."""
    assert response.status_code == 200, "the invalid quiz was saved"
    return response.content.decode() + str(response.context["form"].errors)


def test_a_valid_quiz_with_every_question_type_publishes(editor_client, module):
    response = add_quiz(editor_client, module, quiz_form())
    assert response.status_code == 302
    quiz = QuizPage.objects.get(slug="check-your-knowledge")
    assert quiz.live
    assert [q.block_type for q in quiz.questions] == [
        "single_choice",
        "multiple_choice",
        "true_false",
        "numeric",
        "short_text",
        "ordering",
    ]
    # Every option has a stable id that later loads keep (attempts freeze them).
    ids = [o.id for o in quiz.questions[0].value["options"].bound_blocks]
    again = QuizPage.objects.get(pk=quiz.pk)
    assert all(ids) and ids == [o.id for o in again.questions[0].value["options"].bound_blocks]


@pytest.mark.parametrize(
    ("question", "message"),
    [
        (
            ("single_choice", choice("No key", [("A", False), ("B", False)])),
            "Mark the correct option.",
        ),
        (
            ("multiple_choice", choice("No key", [("A", False), ("B", False)])),
            "Mark at least one correct option.",
        ),
        (
            ("single_choice", choice("Two keys", [("A", True), ("B", True)])),
            "A single-choice question has exactly one correct option; 2 are marked.",
        ),
        (
            ("numeric", base(prompt="How many?", answer="3", tolerance="-1", unit="")),
            "The tolerance cannot be negative.",
        ),
        (
            ("ordering", base(prompt="Order one thing", items=listblock(["Alone"]))),
            "An ordering question needs at least 2 items.",
        ),
    ],
)
def test_each_question_rule_blocks_publishing(editor_client, module, question, message):
    html = errors_of(add_quiz(editor_client, module, quiz_form([*valid_questions(), question])))
    assert message in html
    assert not QuizPage.objects.exists()


@pytest.mark.parametrize("pass_mark", ["101", "-5"])
def test_pass_mark_outside_0_to_100_is_refused(editor_client, module, pass_mark):
    html = errors_of(add_quiz(editor_client, module, quiz_form(pass_mark=pass_mark)))
    assert "The pass mark must be between 0 and 100." in html or "greater than or equal" in html
    assert not QuizPage.objects.exists()


def test_questions_per_attempt_cannot_exceed_the_pool(editor_client, module):
    html = errors_of(add_quiz(editor_client, module, quiz_form(questions_per_attempt="7")))
    assert "Questions per attempt (7) exceeds the pool of 6 questions." in html


def test_bank_questions_count_in_the_pool(editor_client, module):
    from courses.models import QuestionBank

    bank = QuestionBank.objects.create(title="Coffee basics", questions=factories.one_of_each())
    data = quiz_form(questions_per_attempt="10")
    data["banks"] = [str(bank.pk)]
    response = add_quiz(editor_client, module, data)
    assert response.status_code == 302, response.context["form"].errors  # 6 inline + 6 in bank
    quiz = QuizPage.objects.get()
    assert len(quiz.question_pool()) == 12


def test_draw_by_tag_needs_enough_tagged_questions(editor_client, module):
    data = quiz_form(questions_per_attempt="3")
    data.update(
        {
            "draw_rules-count": "1",
            "draw_rules-0-type": "draw",
            "draw_rules-0-deleted": "",
            "draw_rules-0-order": "0",
            "draw_rules-0-value-tag": "kyc",
            "draw_rules-0-value-count": "2",
        }
    )
    html = errors_of(add_quiz(editor_client, module, data))
    assert "The draw asks for 2 questions tagged “kyc” but the pool has 0." in html


def test_a_draft_may_be_saved_before_questions_are_written(editor_client, module):
    data = quiz_form(questions=[], action="action-save")
    data.pop("action-save")  # "Save draft" is the editor's default action
    response = add_quiz(editor_client, module, data)
    assert response.status_code == 302
    quiz = QuizPage.objects.get()
    assert not quiz.live
    # ...but the same empty quiz cannot be published.
    url = reverse("wagtailadmin_pages:edit", args=[quiz.pk])
    html = errors_of(editor_client.post(url, quiz_form(questions=[])))
    assert "Add at least one question, inline or from a question bank." in html


def test_a_broken_question_cannot_be_saved_even_as_a_draft(editor_client, module):
    """Per-question rules hold for every revision, so no invalid key can ever be published by a
    later approval or schedule."""
    bad = ("single_choice", choice("No key", [("A", False), ("B", False)]))
    data = quiz_form([bad], action="action-save")
    data.pop("action-save")
    html = errors_of(add_quiz(editor_client, module, data))
    assert "Mark the correct option." in html


def test_form_data_helper_is_complete(module):
    # Guard for the helpers above: an empty stream is valid form data.
    assert streamfield([])["count"] == "0"


def test_a_bank_cannot_shrink_below_what_its_quizzes_draw(editor_client, module):
    from courses.models import QuestionBank

    bank = QuestionBank.objects.create(title="Coffee basics", questions=factories.one_of_each())
    quiz = factories.quiz(module, questions=[], questions_per_attempt=4)
    quiz.banks.set([bank])
    factories.publish(quiz)
    url = reverse("wagtailsnippets_courses_questionbank:edit", args=[bank.pk])
    assert editor_client.get(url).status_code == 200
    data = nested_form_data(
        {
            "title": "Coffee basics",
            "description": "",
            "tags": "",
            "questions": streamfield(valid_questions()[:2]),
        }
    )
    response = editor_client.post(url, data)
    html = errors_of(response)
    assert "The quiz “Check your knowledge” draws from this bank" in html
    assert "Questions per attempt (4) exceeds the pool of 2 questions." in html
    assert len(QuestionBank.objects.get().questions) == 6  # nothing lost
    data = nested_form_data(
        {
            "title": "Coffee basics",
            "description": "",
            "tags": "coffee",
            "questions": streamfield(valid_questions()),
        }
    )
    assert editor_client.post(url, data).status_code == 302
