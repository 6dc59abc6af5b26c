"""Quiz questions: the authoring blocks, their validation, the learner's view and the grading rules.

Questions are StreamField blocks, written inline on a QuizPage or in a reusable QuestionBank
snippet, and both hold the same ``QuestionStreamBlock``. Why blocks rather than rows:

- each question type gets its own form (options for choice questions, a tolerance for numeric
  ones, items for ordering), which a single Question model with nullable columns cannot give;
- questions are part of the page's revisions, so preview, moderation, scheduled publishing and
  rollback cover them with no extra code;
- every block and every list item has a stable UUID that survives edits, so an attempt can freeze
  "question q, options in order a, c, b" by id (as quiz attempts do) and still grade after edits.

The answer key lives only in these blocks. Learners get ``learner_view(question)``, which carries
ids and text and nothing that says what is right.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import blocks

from courses.blocks import LESSON_RICH_TEXT, list_block

PROMPT_HELP = _("What the learner is asked. Keep it short; phones show about 40 words at once.")
TAGS_HELP = _("Optional, comma-separated. A quiz can draw a number of questions per tag.")


class OptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=300, label=_("Option"))
    is_correct = blocks.BooleanBlock(required=False, label=_("Correct"))
    feedback = blocks.CharBlock(
        max_length=300,
        required=False,
        label=_("Feedback"),
        help_text=_("Shown to the learner who chose this option, when the quiz shows feedback."),
    )

    class Meta:
        icon = "radio-full"
        label = _("Option")


class BaseQuestionBlock(blocks.StructBlock):
    prompt = blocks.TextBlock(max_length=1000, label=_("Question"), help_text=PROMPT_HELP)
    explanation = blocks.RichTextBlock(
        features=LESSON_RICH_TEXT,
        required=False,
        label=_("Explanation"),
        help_text=_("Why the answer is right. Shown with the feedback."),
    )
    points = blocks.IntegerBlock(default=1, min_value=1, max_value=10, label=_("Points"))
    tags = blocks.CharBlock(max_length=100, required=False, label=_("Tags"), help_text=TAGS_HELP)

    def fail(self, field_name: str, message) -> None:
        raise blocks.StructBlockValidationError(block_errors={field_name: ValidationError(message)})

    class Meta:
        template = "courses/questions/editor_preview.html"


class SingleChoiceQuestionBlock(BaseQuestionBlock):
    options = list_block(OptionBlock(), min_num=2, max_num=8, label=_("Options"))

    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for option in value["options"] if option["is_correct"])
        if correct == 0:
            self.fail("options", _("Mark the correct option."))
        if correct > 1:
            self.fail(
                "options",
                _(
                    "A single-choice question has exactly one correct option; %(count)d are "
                    "marked. Use a multiple-choice question instead."
                )
                % {"count": correct},
            )
        return value

    class Meta:
        icon = "radio-full"
        label = _("Single choice")
        preview_value = {
            "prompt": "Which body registers a business in Rwanda?",
            "options": [
                {"text": "Rwanda Development Board (RDB)", "is_correct": True},
                {"text": "National Bank of Rwanda", "is_correct": False},
            ],
        }


class MultipleChoiceQuestionBlock(BaseQuestionBlock):
    options = list_block(OptionBlock(), min_num=2, max_num=10, label=_("Options"))

    def clean(self, value):
        value = super().clean(value)
        if not any(option["is_correct"] for option in value["options"]):
            self.fail("options", _("Mark at least one correct option."))
        return value

    class Meta:
        icon = "tasks"
        label = _("Multiple choice (partial credit)")
        help_text = _(
            "Score: (correct options chosen − wrong options chosen) ÷ number of correct options, "
            "never below 0."
        )
        preview_value = {
            "prompt": "Which documents does a coffee export need?",
            "options": [
                {"text": "Certificate of origin", "is_correct": True},
                {"text": "Commercial invoice", "is_correct": True},
                {"text": "A driving licence", "is_correct": False},
            ],
        }


class TrueFalseQuestionBlock(BaseQuestionBlock):
    correct_answer = blocks.ChoiceBlock(
        choices=[("true", _("True")), ("false", _("False"))], label=_("Correct answer")
    )

    class Meta:
        icon = "success"
        label = _("True or false")
        preview_value = {"prompt": "A TIN is issued by the RRA.", "correct_answer": "true"}


class NumericQuestionBlock(BaseQuestionBlock):
    answer = blocks.DecimalBlock(label=_("Correct answer"))
    tolerance = blocks.DecimalBlock(
        default=0,
        label=_("Tolerance"),
        help_text=_("Answers within ± this amount are right. 0 means exactly."),
    )
    unit = blocks.CharBlock(max_length=30, required=False, label=_("Unit"))

    def clean(self, value):
        value = super().clean(value)
        if value["tolerance"] is not None and value["tolerance"] < 0:
            self.fail("tolerance", _("The tolerance cannot be negative."))
        return value

    class Meta:
        icon = "decimal"
        label = _("Numeric")
        preview_value = {"prompt": "How many kg in 60 bags of 60 kg?", "answer": "3600"}


class ShortTextQuestionBlock(BaseQuestionBlock):
    accepted_answers = list_block(
        blocks.CharBlock(max_length=200, label=_("Accepted answer")),
        min_num=1,
        label=_("Accepted answers"),
        help_text=_("Compared without regard to case, extra spaces or accents."),
    )

    class Meta:
        icon = "pilcrow"
        label = _("Short text")
        preview_value = {
            "prompt": "Name Rwanda's export single window.",
            "accepted_answers": ["ReSW"],
        }


class OrderingQuestionBlock(BaseQuestionBlock):
    items = list_block(
        blocks.CharBlock(max_length=200, label=_("Item")),
        start_with=2,
        label=_("Items, in the correct order"),
        help_text=_("Learners see them shuffled. Score: the share of items in the right place."),
    )

    def clean(self, value):
        value = super().clean(value)
        if len(value["items"]) < 2:
            self.fail("items", _("An ordering question needs at least 2 items."))
        return value

    class Meta:
        icon = "list-ol"
        label = _("Ordering")
        preview_value = {"prompt": "Put the steps in order.", "items": ["Register", "List", "Ship"]}


class QuestionStreamBlock(blocks.StreamBlock):
    single_choice = SingleChoiceQuestionBlock()
    multiple_choice = MultipleChoiceQuestionBlock()
    true_false = TrueFalseQuestionBlock()
    numeric = NumericQuestionBlock()
    short_text = ShortTextQuestionBlock()
    ordering = OrderingQuestionBlock()


# ---------------------------------------------------------------------------------------------
# Reading questions: the pool, the learner's view, grading
# ---------------------------------------------------------------------------------------------


def question_tags(question) -> set[str]:
    """The lower-cased tags of one question (a StreamField child)."""
    return {tag.strip().lower() for tag in question.value["tags"].split(",") if tag.strip()}


def tag_counts(pool) -> dict[str, int]:
    """How many questions of the pool carry each tag."""
    counts: dict[str, int] = {}
    for question in pool:
        for tag in question_tags(question):
            counts[tag] = counts.get(tag, 0) + 1
    return counts


@dataclass(frozen=True)
class LearnerOption:
    id: str
    text: str


@dataclass(frozen=True)
class LearnerQuestion:
    """What a learner's browser may see of a question: no key, no feedback, no explanation."""

    id: str
    type: str
    prompt: str
    points: int
    options: list[LearnerOption] = field(default_factory=list)
    unit: str = ""


def _item_ids(list_value) -> list[tuple[str, str]]:
    return [(item.id, item.value) for item in list_value.bound_blocks]


def learner_view(question) -> LearnerQuestion:
    """Project a question onto what a learner may see. Options keep their authored order here;
    shuffling is frozen per attempt by lms. Ordering items come out sorted by their random ids, so
    the authored (correct) order never leaks.
    """
    value = question.value
    options: list[LearnerOption] = []
    if question.block_type in {"single_choice", "multiple_choice"}:
        options = [LearnerOption(id=i, text=v["text"]) for i, v in _item_ids(value["options"])]
    elif question.block_type == "true_false":
        options = [LearnerOption("true", str(_("True"))), LearnerOption("false", str(_("False")))]
    elif question.block_type == "ordering":
        options = sorted(
            (LearnerOption(id=i, text=v) for i, v in _item_ids(value["items"])),
            key=lambda option: option.id,
        )
    return LearnerQuestion(
        id=question.id,
        type=question.block_type,
        prompt=value["prompt"],
        points=value["points"],
        options=options,
        unit=value.get("unit", "") or "",
    )


def normalise_text(text: str) -> str:
    """Case, spacing and accents do not count: 'Café  Arabica' == 'cafe arabica'."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"\s+", " ", stripped).strip().casefold()


@dataclass(frozen=True)
class Grade:
    """The fraction of a question's points earned (0..1), and per-option feedback to show."""

    fraction: float
    option_feedback: dict[str, str] = field(default_factory=dict)

    @property
    def correct(self) -> bool:
        return math.isclose(self.fraction, 1.0)


class AnswerError(ValueError):
    """An answer whose shape does not fit its question (an unknown option, a non-number...)."""


def _choice_ids(answer, allowed: set[str], *, many: bool) -> set[str]:
    chosen = answer if many else [answer]
    if not isinstance(chosen, list) or not all(isinstance(item, str) for item in chosen):
        raise AnswerError("choice answers are option ids")
    unknown = set(chosen) - allowed
    if unknown:
        raise AnswerError("an option that is not in this question")
    return set(chosen)


def grade(question, answer) -> Grade:
    """Grade one answer on the server. ``answer`` is None when the learner left it blank.

    Rules, per type:
      - single choice, true/false: all or nothing;
      - multiple choice: (right options chosen − wrong options chosen) ÷ right options, floored
        at 0, so ticking every box earns nothing and one wrong tick cancels one right one;
      - numeric: right when |answer − key| ≤ tolerance;
      - short text: right when it matches an accepted answer after ``normalise_text``;
      - ordering: the share of items in their correct position.
    Raises AnswerError for an answer that cannot belong to this question.
    """
    value, kind = question.value, question.block_type
    if answer in (None, "", []):
        return Grade(0.0)
    if kind in {"single_choice", "multiple_choice"}:
        options = dict(_item_ids(value["options"]))
        chosen = _choice_ids(answer, set(options), many=kind == "multiple_choice")
        feedback = {i: options[i]["feedback"] for i in chosen if options[i]["feedback"]}
        right = {i for i, option in options.items() if option["is_correct"]}
        if kind == "single_choice":
            return Grade(1.0 if chosen == right else 0.0, feedback)
        score = (len(chosen & right) - len(chosen - right)) / len(right)
        return Grade(max(0.0, score), feedback)
    if kind == "true_false":
        _choice_ids(answer, {"true", "false"}, many=False)
        return Grade(1.0 if answer == value["correct_answer"] else 0.0)
    if kind == "numeric":
        try:
            number = Decimal(str(answer).strip().replace(",", "."))
            if not number.is_finite():
                raise AnswerError("a numeric answer must be a number")
            # The subtraction runs in the decimal context: 1e999999999999999999 overflows it.
            right = abs(number - value["answer"]) <= value["tolerance"]
        except ArithmeticError as error:
            raise AnswerError("a numeric answer must be a number") from error
        return Grade(1.0 if right else 0.0)
    if kind == "short_text":
        if not isinstance(answer, str) or len(answer) > 500:
            raise AnswerError("a short answer is text of at most 500 characters")
        accepted = {normalise_text(text) for text in value["accepted_answers"]}
        return Grade(1.0 if normalise_text(answer) in accepted else 0.0)
    if kind == "ordering":
        key = [item_id for item_id, _text in _item_ids(value["items"])]
        # Ids are strings: anything else could not be sorted beside them (a TypeError).
        if (
            not isinstance(answer, list)
            or not all(isinstance(item, str) for item in answer)
            or sorted(answer) != sorted(key)
        ):
            raise AnswerError("an ordering answer lists each item exactly once")
        return Grade(sum(1 for a, b in zip(answer, key, strict=True) if a == b) / len(key))
    raise AnswerError(f"unknown question type {kind}")


def pool_problems(
    *,
    pool_size: int,
    per_attempt: int | None,
    draws: list[tuple[str, int]],
    tag_counts: dict[str, int],
) -> list[tuple[str, str]]:
    """(field, message) for each way a quiz's draw settings cannot be met by its pool."""
    problems = []
    if pool_size == 0:
        message = _("Add at least one question, inline or from a question bank.")
        problems.append(("questions", str(message)))
    if per_attempt and per_attempt > pool_size:
        problems.append(
            (
                "questions_per_attempt",
                ngettext(
                    "Questions per attempt (%(wanted)d) exceeds the pool of %(pool)d question.",
                    "Questions per attempt (%(wanted)d) exceeds the pool of %(pool)d questions.",
                    pool_size,
                )
                % {"wanted": per_attempt, "pool": pool_size},
            )
        )
    for tag, count in draws:
        available = tag_counts.get(tag.strip().lower(), 0)
        if count > available:
            message = _(
                "The draw asks for %(count)d questions tagged “%(tag)s” but the pool has "
                "%(available)d."
            )
            problems.append(
                ("draw_rules", str(message) % {"count": count, "tag": tag, "available": available})
            )
    return problems
