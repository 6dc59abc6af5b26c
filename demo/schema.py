"""The shape of the demo content files, checked before ``seed_demo`` writes anything.

Each check returns problems as ``(path, message)`` pairs, the path naming the place inside the
file (``modules[1].children[0].body[2].table.rows[3]``), so a trainer who breaks a file is told
where. Two kinds of check: the shape (keys, types, choices, the files referred to exist) and the
course rules a course must meet to be worth showing (at least three lessons, a quiz of six or more
questions covering every question type, every table row as wide as its columns, a translation
that mirrors the original's modules, blocks and questions).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from django.conf import settings

from accounts.api import Audience
from core.rwanda import DISTRICTS, Sector
from courses.api import CourseFormat, CourseLevel, FeedbackPolicy
from marketplace_link.api import DETAIL_FIELDS

Problems = list[tuple[str, str]]
Check = Callable[[object, str], Problems]

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp")
DOCUMENT_SUFFIXES = (".csv", ".txt", ".md", ".pdf")


def _at(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _kind(value: object) -> str:
    if value is None:
        return "nothing"
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false"}.get(
        type(value), type(value).__name__
    )


def _type(name: str, test: Callable[[object], bool]) -> Check:
    def check(value, path):
        return [] if test(value) else [(path, f"expected {name}, found {_kind(value)}")]

    return check


TEXT = _type("text", lambda v: isinstance(v, str) and v.strip() != "")
TEXT_OR_EMPTY = _type("text", lambda v: isinstance(v, str))
WHOLE = _type("a whole number", lambda v: isinstance(v, int) and not isinstance(v, bool))
NUMBER = _type("a number", lambda v: isinstance(v, int | float) and not isinstance(v, bool))
FLAG = _type("true or false", lambda v: isinstance(v, bool))


def nullable(check: Check) -> Check:
    return lambda value, path: [] if value is None else check(value, path)


def one_of(choices: Iterable[str]) -> Check:
    allowed = tuple(choices)

    def check(value, path):
        if value in allowed:
            return []
        return [(path, f"expected one of {', '.join(allowed)}, found {value!r}")]

    return check


def list_of(item: Check, at_least: int = 0) -> Check:
    def check(value, path):
        if not isinstance(value, list):
            return [(path, f"expected a list, found {_kind(value)}")]
        if len(value) < at_least:
            return [(path, f"needs at least {at_least} item(s), has {len(value)}")]
        return [problem for i, v in enumerate(value) for problem in item(v, _at(path, i))]

    return check


def record(required: dict[str, Check], optional: dict[str, Check] | None = None) -> Check:
    optional = optional or {}

    def check(value, path):
        if not isinstance(value, dict):
            return [(path, f"expected a mapping, found {_kind(value)}")]
        problems = [(path, f"missing key '{key}'") for key in required if key not in value]
        problems += [
            (_at(path, key), "unknown key")
            for key in value
            if key not in required and key not in optional
        ]
        for key, item in {**required, **optional}.items():
            if key in value:
                problems += item(value[key], _at(path, key))
        return problems

    return check


def tagged(kinds: dict[str, Check]) -> Check:
    """A block or question: a mapping with one key, its type, whose value is checked by type."""

    def check(value, path):
        if not isinstance(value, dict) or len(value) != 1:
            return [(path, f"expected one 'type: value' pair, found {_kind(value)}")]
        ((kind, inner),) = value.items()
        if kind not in kinds:
            return [(path, f"unknown type '{kind}' (known: {', '.join(sorted(kinds))})")]
        return kinds[kind](inner, _at(path, kind))

    return check


def file_in(root: Path, suffixes: tuple[str, ...]) -> Check:
    """A path relative to the content folder, naming a file that exists there."""

    def check(value, path):
        if not isinstance(value, str):
            return [(path, f"expected a file path, found {_kind(value)}")]
        if not value.lower().endswith(suffixes):
            return [(path, f"'{value}' is not one of {', '.join(suffixes)}")]
        target = (root / value).resolve()
        if not target.is_relative_to(root.resolve()) or not target.is_file():
            return [(path, f"no file '{value}' in {root}")]
        return []

    return check


def _blocks(root: Path) -> dict[str, Check]:
    items = list_of(TEXT, at_least=1)
    return {
        "heading": record({"text": TEXT, "level": one_of(("h2", "h3"))}),
        "paragraph": TEXT,
        "quote": record({"quote": TEXT, "attribution": TEXT_OR_EMPTY}),
        "table": record(
            {"caption": TEXT_OR_EMPTY, "columns": items, "rows": list_of(items, at_least=1)}
        ),
        "checklist": record({"items": items}, {"title": TEXT_OR_EMPTY}),
        "key_takeaways": record({"items": items}, {"title": TEXT_OR_EMPTY}),
        "image": record(
            {
                "title": TEXT,
                "file": file_in(root, IMAGE_SUFFIXES),
                "alt": TEXT,
                "caption": TEXT_OR_EMPTY,
            }
        ),
        "document": record({"title": TEXT, "file": file_in(root, DOCUMENT_SUFFIXES)}),
        "callout": record(
            {"kind": one_of(("tip", "warning", "example")), "title": TEXT, "body": TEXT}
        ),
        "case_study": record({"title": TEXT, "context": TEXT, "reflection_question": TEXT}),
    }


def _questions() -> dict[str, Check]:
    common = {"prompt": TEXT, "explanation": TEXT, "tags": TEXT_OR_EMPTY}
    points = {"points": WHOLE}
    option = record({"text": TEXT, "is_correct": FLAG, "feedback": TEXT_OR_EMPTY})
    choice = record({**common, "options": list_of(option, at_least=2)}, points)
    return {
        "single_choice": choice,
        "multiple_choice": choice,
        "true_false": record({**common, "correct_answer": one_of(("true", "false"))}, points),
        "numeric": record(
            {**common, "answer": NUMBER, "tolerance": NUMBER, "unit": TEXT_OR_EMPTY}, points
        ),
        "short_text": record({**common, "accepted_answers": list_of(TEXT, at_least=1)}, points),
        "ordering": record({**common, "items": list_of(TEXT, at_least=2)}, points),
    }


def course_shape(root: Path) -> Check:
    lesson = record(
        {
            "kind": one_of(("lesson",)),
            "slug": TEXT,
            "title": TEXT,
            "summary": TEXT,
            "estimated_minutes": WHOLE,
            "free_preview": FLAG,
            "body": list_of(tagged(_blocks(root)), at_least=1),
        }
    )
    quiz = record(
        {
            "kind": one_of(("quiz",)),
            "slug": TEXT,
            "title": TEXT,
            "intro": TEXT,
            "pass_mark": WHOLE,
            "max_attempts": WHOLE,
            "time_limit_minutes": nullable(WHOLE),
            "questions_per_attempt": nullable(WHOLE),
            "shuffle_questions": FLAG,
            "shuffle_options": FLAG,
            "feedback_policy": one_of(FeedbackPolicy.values),
            "questions": list_of(tagged(_questions()), at_least=1),
        }
    )

    def child(value, path):
        kind = value.get("kind") if isinstance(value, dict) else None
        if kind not in ("lesson", "quiz"):
            return [(path, f"expected a mapping with kind: lesson or kind: quiz, found {kind!r}")]
        return (lesson if kind == "lesson" else quiz)(value, path)

    module = record(
        {"slug": TEXT, "title": TEXT, "summary": TEXT, "children": list_of(child, at_least=1)}
    )
    texts = {
        "title": TEXT,
        "summary": TEXT,
        "audiences": list_of(one_of(("entrepreneurs", "policymakers", "academics")), 1),
        "topics": list_of(TEXT),
        "level": one_of(CourseLevel.values),
        "format": one_of(CourseFormat.values),
        "estimated_hours": WHOLE,
        "outcomes": list_of(TEXT, at_least=1),
        "modules": list_of(module, at_least=2),
    }
    translation = record(texts)
    languages = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]

    def translations(value, path):
        if not isinstance(value, dict):
            return [(path, f"expected a mapping of languages, found {_kind(value)}")]
        problems = []
        for language, inner in value.items():
            problems += one_of(languages)(language, path)
            problems += translation(inner, _at(path, language))
        return problems

    return record(
        {
            "slug": TEXT,
            **texts,
            "prerequisites": list_of(TEXT),
            "issues_certificate": FLAG,
            "qualifies_for_storefront": FLAG,
            "enrolment_open": FLAG,
            "trainers": list_of(TEXT),
        },
        {"translations": translations},
    )


def curriculum_shape(root: Path) -> Check:
    catalogue = record({"title": TEXT, "intro": TEXT})
    return record(
        {
            "catalogue": record({"en": catalogue}, {"fr": catalogue}),
            "certificate_template": record(
                {
                    "name": TEXT,
                    "title": TEXT,
                    "body": TEXT,
                    "signatory_name": TEXT,
                    "signatory_title": TEXT,
                    "logo": record({"title": TEXT, "file": file_in(root, IMAGE_SUFFIXES)}),
                }
            ),
            "courses": list_of(file_in(root, (".yaml", ".yml")), at_least=1),
        }
    )


def users_shape(root: Path) -> Check:
    user = record(
        {
            "email": TEXT,
            "full_name": TEXT,
            "audience": one_of(Audience.values),
            "organisation": TEXT,
            "groups": list_of(TEXT),
            "superuser": FLAG,
        },
        # For the impact numbers (core/rwanda.py); left out: "Not stated".
        optional={"district": one_of(dict(DISTRICTS)), "sector": one_of(Sector.values)},
    )
    group = record({"name": TEXT, "admin": FLAG})
    return record({"groups": list_of(group), "users": list_of(user, at_least=1)})


def learning_shape(root: Path) -> Check:
    session = record({"title": TEXT, "venue": TEXT_OR_EMPTY, "meeting_url": TEXT_OR_EMPTY})
    cohort = record(
        {
            "course": TEXT,
            "name": TEXT,
            "starts_in_days": WHOLE,
            "weeks": WHOLE,
            "capacity": WHOLE,
            "facilitators": list_of(TEXT),
            "learners": list_of(TEXT),
            "sessions": list_of(session),
            "session_starts_at": _type("a time as HH:MM", _is_time),
            "session_hours": WHOLE,
            "agenda": TEXT,
        }
    )
    graduates = record({"course": TEXT, "learners": list_of(TEXT)})
    return record({"cohort": cohort, "graduates": graduates})


def _is_time(value: object) -> bool:
    hours, _, minutes = str(value).partition(":")
    return (
        isinstance(value, str)
        and hours.isdigit()
        and minutes.isdigit()
        and int(hours) < 24
        and int(minutes) < 60
    )


def storefront_shape(root: Path) -> Check:
    image = file_in(root, IMAGE_SUFFIXES)
    return record(
        {
            "applicant": TEXT,
            "details": record({}, dict.fromkeys(DETAIL_FIELDS, TEXT_OR_EMPTY)),
            "logo": image,
            "product": record(
                {
                    "title": TEXT,
                    "description": TEXT,
                    "category": TEXT,
                    "price_rwf": WHOLE,
                    "price_usd": _type("a decimal amount as text", _is_decimal),
                    "min_order_quantity": WHOLE,
                    "stock": WHOLE,
                    "unit": TEXT,
                    "hs_code": TEXT,
                    "origin_district": TEXT,
                    "certifications": list_of(TEXT),
                    "images": list_of(image, at_least=1),
                }
            ),
        }
    )


def _is_decimal(value: object) -> bool:
    whole, _, cents = str(value).partition(".")
    return isinstance(value, str) and whole.isdigit() and (cents == "" or cents.isdigit())
