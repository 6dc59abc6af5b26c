"""Structural checks for the demo curriculum data (see the module docstrings of each course).

Shape of ``COURSE`` (all text is real instructional text, never filler):

    {
      "slug": str, "title": str, "summary": str (<= 300 chars),
      "audiences": ["entrepreneurs" | "policymakers" | "academics", ...],
      "topics": [str, ...],                      # lower-case topic tags, e.g. "coffee", "export"
      "level": "beginner" | "intermediate" | "advanced",
      "format": "self_paced" | "cohort",
      "estimated_hours": int,
      "outcomes": [str, ...],                    # "By the end you can ..." sentences, 3-6
      "prerequisites": [course slug, ...],
      "issues_certificate": bool, "qualifies_for_storefront": bool, "enrolment_open": bool,
      "modules": [MODULE, ...],                  # >= 2
      "translations": {"fr": COURSE-without-slug/prerequisites/flags}   # optional
    }
    MODULE = {"slug": str, "title": str, "summary": str, "children": [LESSON | QUIZ, ...]}
    LESSON = {"kind": "lesson", "slug": str, "title": str, "summary": str,
              "estimated_minutes": int, "free_preview": bool, "body": [BLOCK, ...]}
    QUIZ = {"kind": "quiz", "slug": str, "title": str, "intro": str, "pass_mark": int,
            "max_attempts": int, "time_limit_minutes": int | None,
            "questions_per_attempt": int | None, "shuffle_questions": bool,
            "shuffle_options": bool,
            "feedback_policy": "never" | "after_each_attempt" | "after_passing"
                               | "after_last_attempt",
            "questions": [QUESTION, ...]}
    BLOCK = (type, value), one of:
      ("heading", {"text": str, "level": "h2" | "h3"})
      ("paragraph", "<p>rich text: p, b, i, a, ul, ol, li</p>")
      ("quote", {"quote": str, "attribution": str})
      ("table", {"caption": str, "columns": [str, ...], "rows": [[str, ...], ...]})
      ("checklist", {"title": str, "items": [str, ...]})
      ("image", {"diagram": {"title": str, "steps": [str, ...]}, "alt": str, "caption": str})
          # the seeder draws the diagram (2-6 labelled steps, each <= 28 chars) as a PNG
      ("document", {"title": str, "filename": str, "content": str})   # .csv, .txt or .md
      ("callout", {"kind": "tip" | "warning" | "example", "title": str, "body": "<p>..</p>"})
      ("case_study", {"title": str, "context": "<p>..</p>", "reflection_question": str})
      ("key_takeaways", {"items": [str, ...]})
    QUESTION = (type, value), one of:
      ("single_choice" | "multiple_choice", {"prompt": str, "options": [
            {"text": str, "is_correct": bool, "feedback": str}, ...], "explanation": str,
            "tags": str})
      ("true_false", {"prompt": str, "correct_answer": "true" | "false", "explanation": str,
            "tags": str})
      ("numeric", {"prompt": str, "answer": float, "tolerance": float, "unit": str,
            "explanation": str, "tags": str})
      ("short_text", {"prompt": str, "accepted_answers": [str, ...], "explanation": str,
            "tags": str})
      ("ordering", {"prompt": str, "items": [str in the correct order, ...], "explanation": str,
            "tags": str})
"""

from __future__ import annotations

BLOCK_TYPES = {
    "heading",
    "paragraph",
    "quote",
    "table",
    "checklist",
    "image",
    "document",
    "callout",
    "case_study",
    "key_takeaways",
}
QUESTION_TYPES = {
    "single_choice",
    "multiple_choice",
    "true_false",
    "numeric",
    "short_text",
    "ordering",
}


def _lesson_problems(lesson: dict, where: str) -> list[str]:
    problems = []
    types = [block_type for block_type, _value in lesson["body"]]
    unknown = set(types) - BLOCK_TYPES
    if unknown:
        problems.append(f"{where}: unknown block types {sorted(unknown)}")
    if len(set(types)) < 3:
        problems.append(f"{where}: use at least 3 block types")
    for block_type, value in lesson["body"]:
        if block_type == "image" and not 2 <= len(value["diagram"]["steps"]) <= 6:
            problems.append(f"{where}: a diagram has 2-6 steps")
        if block_type == "table" and any(len(r) != len(value["columns"]) for r in value["rows"]):
            problems.append(f"{where}: a table row has the wrong number of cells")
    return problems


def _question_problems(question_type: str, value: dict, where: str) -> list[str]:
    if question_type not in QUESTION_TYPES:
        return [f"{where}: unknown question type {question_type}"]
    if question_type in {"single_choice", "multiple_choice"}:
        correct = sum(1 for option in value["options"] if option["is_correct"])
        if correct == 0 or (question_type == "single_choice" and correct > 1):
            return [f"{where}: wrong number of correct options ({correct})"]
    if question_type == "ordering" and len(value["items"]) < 2:
        return [f"{where}: ordering needs 2+ items"]
    if question_type == "numeric" and value["tolerance"] < 0:
        return [f"{where}: negative tolerance"]
    return []


def _quiz_problems(quiz: dict, where: str) -> list[str]:
    problems = []
    questions = quiz["questions"]
    if len(questions) < 6:
        problems.append(f"{where}: a quiz needs at least 6 questions")
    per_attempt = quiz["questions_per_attempt"]
    if per_attempt is not None and per_attempt > len(questions):
        problems.append(f"{where}: questions_per_attempt exceeds the pool")
    for index, (question_type, value) in enumerate(questions):
        problems += _question_problems(question_type, value, f"{where} q{index + 1}")
    return problems


def course_problems(course: dict) -> list[str]:
    """Every problem with one course's data; an empty list means it is ready to seed."""
    problems = []
    slug = course["slug"]
    if len(course["modules"]) < 2:
        problems.append(f"{slug}: needs at least 2 modules")
    lessons, quizzes, question_types = 0, 0, set()
    for module in course["modules"]:
        for child in module["children"]:
            where = f"{slug}/{module['slug']}/{child['slug']}"
            if child["kind"] == "lesson":
                lessons += 1
                problems += _lesson_problems(child, where)
            else:
                quizzes += 1
                problems += _quiz_problems(child, where)
                question_types |= {question_type for question_type, _ in child["questions"]}
    if lessons < 3:
        problems.append(f"{slug}: needs at least 3 lessons")
    if quizzes < 1:
        problems.append(f"{slug}: needs at least 1 quiz")
    if question_types != QUESTION_TYPES:
        problems.append(f"{slug}: quizzes miss types {sorted(QUESTION_TYPES - question_types)}")
    for language, translation in course.get("translations", {}).items():
        problems += _translation_problems(course, translation, f"{slug}[{language}]")
    return problems


def _shape(course: dict) -> list:
    """The structure a translation must mirror: modules, children and their block types."""
    return [
        [
            (
                child["kind"],
                [t for t, _ in child.get("body", [])],
                [t for t, _ in child.get("questions", [])],
            )
            for child in module["children"]
        ]
        for module in course["modules"]
    ]


def _translation_problems(course: dict, translation: dict, where: str) -> list[str]:
    if _shape(course) != _shape(translation):
        return [f"{where}: the translation does not mirror the modules, blocks and questions"]
    return []
