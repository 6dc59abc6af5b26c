"""What a well-formed course must also meet to be worth showing (after ``schema.course_shape``).

Each rule returns ``(path, message)`` pairs, the path naming the place inside the course file.
"""

from __future__ import annotations

from demo.schema import Problems

QUESTION_TYPES = {
    "single_choice",
    "multiple_choice",
    "true_false",
    "numeric",
    "short_text",
    "ordering",
}


def _pair(tagged: dict) -> tuple[str, object]:
    ((kind, value),) = tagged.items()
    return kind, value


def _lesson_problems(lesson: dict, where: str) -> Problems:
    problems = []
    blocks = [_pair(block) for block in lesson["body"]]
    if len({kind for kind, _value in blocks}) < 3:
        problems.append((f"{where}.body", "use at least 3 block types"))
    for index, (kind, value) in enumerate(blocks):
        if kind == "table":
            for row_index, row in enumerate(value["rows"]):
                if len(row) != len(value["columns"]):
                    problems.append(
                        (
                            f"{where}.body[{index}].table.rows[{row_index}]",
                            f"has {len(row)} cells for {len(value['columns'])} columns",
                        )
                    )
    return problems


def _question_problems(kind: str, value: dict, where: str) -> Problems:
    if kind in {"single_choice", "multiple_choice"}:
        correct = sum(1 for option in value["options"] if option["is_correct"])
        if correct == 0 or (kind == "single_choice" and correct > 1):
            return [(f"{where}.options", f"wrong number of correct options ({correct})")]
    if kind == "numeric" and value["tolerance"] < 0:
        return [(f"{where}.tolerance", "negative tolerance")]
    return []


def _quiz_problems(quiz: dict, where: str) -> Problems:
    problems = []
    questions = [_pair(question) for question in quiz["questions"]]
    if len(questions) < 6:
        problems.append((f"{where}.questions", "a quiz needs at least 6 questions"))
    per_attempt = quiz["questions_per_attempt"]
    if per_attempt is not None and per_attempt > len(questions):
        problems.append((f"{where}.questions_per_attempt", "exceeds the number of questions"))
    for index, (kind, value) in enumerate(questions):
        problems += _question_problems(kind, value, f"{where}.questions[{index}].{kind}")
    return problems


def course_problems(course: dict) -> Problems:
    """Every rule the course breaks; an empty list means it is ready to seed."""
    problems = _content_problems(course, "")
    for language, translation in course.get("translations", {}).items():
        where = f"translations.{language}"
        problems += _content_problems(translation, f"{where}.")
        if _shape(course) != _shape(translation):
            problems.append(
                (where, "the translation does not mirror the modules, blocks and questions")
            )
    return problems


def _content_problems(course: dict, prefix: str) -> Problems:
    problems = []
    lessons, quizzes, question_types = 0, 0, set()
    for m, module in enumerate(course["modules"]):
        for c, child in enumerate(module["children"]):
            where = f"{prefix}modules[{m}].children[{c}]"
            if child["kind"] == "lesson":
                lessons += 1
                problems += _lesson_problems(child, where)
            else:
                quizzes += 1
                problems += _quiz_problems(child, where)
                question_types |= {_pair(question)[0] for question in child["questions"]}
    where = f"{prefix}modules"
    if lessons < 3:
        problems.append((where, "a course needs at least 3 lessons"))
    if quizzes < 1:
        problems.append((where, "a course needs at least 1 quiz"))
    if question_types != QUESTION_TYPES:
        missing = sorted(QUESTION_TYPES - question_types)
        problems.append((where, f"the quizzes miss question types {missing}"))
    return problems


def _shape(course: dict) -> list:
    """The structure a translation must mirror: modules, children and their block types."""
    return [
        [
            (
                child["kind"],
                [_pair(block)[0] for block in child.get("body", [])],
                [_pair(question)[0] for question in child.get("questions", [])],
            )
            for child in module["children"]
        ]
        for module in course["modules"]
    ]
