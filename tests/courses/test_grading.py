"""The grading rules, one per question type, as documented in courses.questions.grade."""

import pytest
from wagtail.blocks import StreamValue

from courses.questions import AnswerError, QuestionStreamBlock, grade, normalise_text
from tests.courses import factories


@pytest.fixture
def questions():
    block = QuestionStreamBlock()
    return {q.block_type: q for q in StreamValue(block, factories.one_of_each(), is_lazy=True)}


def option_ids(question, field="options"):
    return [item.id for item in question.value[field].bound_blocks]


def test_single_choice_is_all_or_nothing(questions):
    q = questions["single_choice"]
    right, wrong = option_ids(q)
    assert grade(q, right).fraction == 1.0
    assert grade(q, wrong).fraction == 0.0
    assert grade(q, right).option_feedback == {right: "KEYFEEDBACK-single"}


def test_multiple_choice_gives_partial_credit_and_punishes_guessing(questions):
    q = questions["multiple_choice"]
    origin, invoice, licence = option_ids(q)
    assert grade(q, [origin, invoice]).fraction == 1.0
    assert grade(q, [origin]).fraction == 0.5
    assert grade(q, [origin, licence]).fraction == 0.0  # one right, one wrong
    assert grade(q, [origin, invoice, licence]).fraction == 0.5  # ticking everything
    assert grade(q, [licence]).fraction == 0.0  # never below zero


def test_true_false(questions):
    q = questions["true_false"]
    assert grade(q, "true").correct and not grade(q, "false").correct


def test_numeric_within_tolerance(questions):
    q = questions["numeric"]
    assert grade(q, "3600").correct and grade(q, "3600,4").correct and grade(q, " 3599.5 ").correct
    assert not grade(q, "3601").correct


def test_short_text_ignores_case_spacing_and_accents(questions):
    q = questions["short_text"]
    assert grade(q, "  électronic   SINGLE window ").correct
    assert not grade(q, "single window").correct
    assert normalise_text("Café  Arabica") == normalise_text("cafe arabica")


def test_ordering_scores_the_share_in_place(questions):
    q = questions["ordering"]
    register, list_, ship = option_ids(q, "items")
    assert grade(q, [register, list_, ship]).fraction == 1.0
    assert grade(q, [register, ship, list_]).fraction == pytest.approx(1 / 3)


def test_blank_answers_score_zero(questions):
    assert all(grade(q, None).fraction == 0.0 for q in questions.values())


@pytest.mark.parametrize(
    ("kind", "answer"),
    [
        ("single_choice", "not-an-option"),
        ("single_choice", ["a", "b"]),
        ("multiple_choice", ["not-an-option"]),
        ("multiple_choice", "a string"),
        ("true_false", "maybe"),
        ("numeric", "three"),
        ("numeric", "NaN"),
        ("short_text", "x" * 501),
        ("ordering", ["only-one"]),
        # Found by tests/fuzz (quiz autosave): these raised TypeError or decimal.Overflow, a 500.
        ("ordering", [None, None]),
        ("ordering", [1, "a"]),
        ("ordering", [{}, []]),
        ("numeric", "1e999999999999999999"),
        ("numeric", "-1e999999999999999999"),
        ("numeric", {"a": 1}),
    ],
)
def test_answers_that_cannot_belong_to_the_question_are_refused(questions, kind, answer):
    with pytest.raises(AnswerError):
        grade(questions[kind], answer)
