"""Small builders for course trees. Pages go through Wagtail's tree API and are published."""

from __future__ import annotations

import uuid

from django.utils.text import slugify

from courses.models import CatalogPage, CoursePage, LessonPage, ModulePage, QuizPage


def uid() -> str:
    return str(uuid.uuid4())


def items(values) -> list[dict]:
    return [{"type": "item", "value": value, "id": uid()} for value in values]


def option(text: str, correct: bool = False, feedback: str = "") -> dict:
    return {"text": text, "is_correct": correct, "feedback": feedback}


def question(kind: str, prompt: str, **value) -> dict:
    """A question in StreamField's raw form. List fields take plain lists."""
    for name in ("options", "accepted_answers", "items"):
        if name in value:
            value[name] = items(value[name])
    for name in ("answer", "tolerance"):
        if name in value:
            value[name] = str(value[name])
    return {
        "type": kind,
        "id": uid(),
        "value": {"prompt": prompt, "explanation": "", "points": 1, "tags": "", **value},
    }


def one_of_each() -> list[dict]:
    """Six questions, one per type, each with a distinctive key the leak test looks for."""
    return [
        question(
            "single_choice",
            "Who registers businesses?",
            options=[option("RDB", True, "KEYFEEDBACK-single"), option("BNR")],
        ),
        question(
            "multiple_choice",
            "Which are export documents?",
            options=[
                option("Certificate of origin", True),
                option("Commercial invoice", True),
                option("Driving licence", False, "KEYFEEDBACK-multi"),
            ],
        ),
        question(
            "true_false",
            "The RRA issues TINs.",
            correct_answer="true",
            explanation="<p>KEYEXPLANATION-tf</p>",
        ),
        question(
            "numeric",
            "60 bags of 60 kg make how many kg?",
            answer="3600",
            tolerance="0.5",
            unit="kg",
        ),
        question(
            "short_text",
            "Name the export single window.",
            accepted_answers=["KEYACCEPTED-resw", "Electronic single window"],
        ),
        question("ordering", "Order the steps.", items=["Register", "List", "Ship"]),
    ]


def paragraph(text: str) -> dict:
    return {"type": "paragraph", "value": f"<p>{text}</p>", "id": uid()}


def publish(page):
    page.save_revision().publish()
    return page


def catalog(home) -> CatalogPage:
    existing = CatalogPage.objects.child_of(home).first()
    if existing:
        return existing
    return publish(home.add_child(instance=CatalogPage(title="Courses", slug="courses")))


def course(parent, title="Selling coffee online", **fields) -> CoursePage:
    tags = fields.pop("tags", [])
    page = CoursePage(
        title=title,
        slug=fields.pop("slug", None) or slugify(title),
        summary=fields.pop("summary", f"Summary of {title}."),
        **fields,
    )
    page.tags.add(*tags)
    parent.add_child(instance=page)
    return publish(page)


def module(parent, title="Getting started") -> ModulePage:
    return publish(parent.add_child(instance=ModulePage(title=title, slug=slugify(title))))


def lesson(parent, title="Your first listing", body=None, **fields) -> LessonPage:
    page = LessonPage(
        title=title,
        slug=fields.pop("slug", None) or slugify(title),
        body=body if body is not None else [paragraph(f"Body of {title}.")],
        **fields,
    )
    return publish(parent.add_child(instance=page))


def quiz(parent, title="Check your knowledge", questions=None, **fields) -> QuizPage:
    page = QuizPage(
        title=title,
        slug=fields.pop("slug", None) or slugify(title),
        questions=questions if questions is not None else one_of_each(),
        **fields,
    )
    return publish(parent.add_child(instance=page))


def small_course(home, title="Selling coffee online", modules=2, lessons=2, **fields):
    """A catalogue with one course of `modules` modules, each with `lessons` lessons and a quiz."""
    parent = catalog(home)
    page = course(parent, title, **fields)
    for m in range(modules):
        mod = module(page, f"Module {m + 1}")
        for n in range(lessons):
            lesson(mod, f"Lesson {m + 1}.{n + 1}")
        quiz(mod, f"Quiz {m + 1}")
    return page
