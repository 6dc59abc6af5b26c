"""The review of a finished attempt. With the key only when the quiz's feedback policy allows."""

from __future__ import annotations

from dataclasses import dataclass, field

from courses.api import AnswerError, grade
from lms.models import QuizAttempt
from lms.services.attempts import _pool_by_id


@dataclass
class ReviewRow:
    prompt: str
    your_answer: str
    fraction: float | None = None
    correct_answer: str = ""
    explanation: object = None
    option_feedback: list[str] = field(default_factory=list)


def _texts(question) -> dict[str, str]:
    value = question.value
    if question.block_type in {"single_choice", "multiple_choice"}:
        return {item.id: item.value["text"] for item in value["options"].bound_blocks}
    if question.block_type == "ordering":
        return {item.id: item.value for item in value["items"].bound_blocks}
    return {"true": "True", "false": "False"}


def _answer_text(question, answer) -> str:
    if answer in (None, "", []):
        return "—"
    texts = _texts(question)
    if isinstance(answer, list):
        return ", ".join(texts.get(part, "?") for part in answer)
    return texts.get(answer, str(answer)) if question.block_type != "numeric" else str(answer)


def _key_text(question) -> str:
    value, kind = question.value, question.block_type
    if kind in {"single_choice", "multiple_choice"}:
        return ", ".join(
            o.value["text"] for o in value["options"].bound_blocks if o.value["is_correct"]
        )
    if kind == "true_false":
        return value["correct_answer"].capitalize()
    if kind == "numeric":
        return f"{value['answer']} ± {value['tolerance']} {value['unit']}".strip()
    if kind == "short_text":
        return " / ".join(value["accepted_answers"])
    return " → ".join(value["items"])


def review_rows(attempt: QuizAttempt, *, with_key: bool) -> list[ReviewRow]:
    pool = _pool_by_id(attempt.quiz)
    rows = []
    for entry in attempt.questions:
        question = pool.get(entry["id"])
        if question is None:
            continue
        answer = attempt.answers.get(entry["id"])
        row = ReviewRow(prompt=question.value["prompt"], your_answer=_answer_text(question, answer))
        if with_key:
            row.fraction = attempt.results.get(entry["id"], {}).get("fraction")
            row.correct_answer = _key_text(question)
            row.explanation = question.value["explanation"]
            try:
                row.option_feedback = list(grade(question, answer).option_feedback.values())
            except AnswerError:
                row.option_feedback = []
        rows.append(row)
    return rows
