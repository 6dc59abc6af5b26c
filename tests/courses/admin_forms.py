"""Admin form data for quiz pages, in the shape Wagtail's page editor posts."""

from __future__ import annotations

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield


def listblock(values) -> dict:
    data = {
        str(i): {"value": value, "deleted": "", "order": str(i)} for i, value in enumerate(values)
    }
    data["count"] = str(len(values))
    return data


def choice(prompt: str, options: list[tuple[str, bool]]) -> dict:
    return {
        "prompt": prompt,
        "options": listblock(
            [
                {"text": text, "is_correct": "on" if ok else "", "feedback": ""}
                for text, ok in options
            ]
        ),
        "explanation": rich_text("<p>Because.</p>"),
        "points": "1",
        "tags": "",
    }


def base(**value) -> dict:
    return {"explanation": rich_text("<p>Because.</p>"), "points": "1", "tags": "", **value}


def valid_questions() -> list[tuple[str, dict]]:
    return [
        ("single_choice", choice("Who registers a business?", [("RDB", True), ("BNR", False)])),
        (
            "multiple_choice",
            choice("Export documents?", [("Invoice", True), ("Origin", True), ("Licence", False)]),
        ),
        ("true_false", base(prompt="RRA issues TINs.", correct_answer="true")),
        (
            "numeric",
            base(prompt="kg in 60 bags of 60 kg?", answer="3600", tolerance="0", unit="kg"),
        ),
        ("short_text", base(prompt="The single window?", accepted_answers=listblock(["ReSW"]))),
        ("ordering", base(prompt="Order the steps.", items=listblock(["Register", "List"]))),
    ]


def quiz_form(questions=None, action="action-publish", **fields) -> dict:
    data = {
        "title": "Check your knowledge",
        "slug": "check-your-knowledge",
        "intro": rich_text("<p>Six short questions.</p>"),
        "pass_mark": "70",
        "max_attempts": "0",
        "time_limit_minutes": "",
        "questions_per_attempt": "",
        "draw_rules": streamfield([]),
        "shuffle_questions": "on",
        "shuffle_options": "on",
        "feedback_policy": "after_each_attempt",
        "required_for_completion": "on",
        "estimated_minutes": "10",
        "questions": streamfield(valid_questions() if questions is None else questions),
        action: "1",
    }
    data.update(fields)
    return nested_form_data(data)
