"""Publish demo courses, given as data, as Wagtail pages. Idempotent.

The demo package (``demo/content``) reads and checks the course files and passes them here: this
app owns how a course becomes pages, blocks and questions. Each course is created once, under
the catalogue of its language; a second run leaves existing courses alone, so editors' changes
survive. Images and documents arrive as a file name and its bytes.
"""

from __future__ import annotations

import uuid
from io import BytesIO

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from courses.models import (
    CatalogPage,
    CertificateTemplate,
    CoursePage,
    LessonPage,
    ModulePage,
    QuizPage,
)
from courses.models.course import AUDIENCE_FIELDS

AUDIENCES = {
    "entrepreneurs": "entrepreneur",
    "policymakers": "policymaker",
    "academics": "academic",
}


def _id() -> str:
    return str(uuid.uuid4())


def _items(values: list) -> list[dict]:
    """A ListBlock value in Wagtail's current format, with stable ids (quiz attempts use them)."""
    return [{"type": "item", "value": value, "id": _id()} for value in values]


def _image(value: dict, description: str = ""):
    """The image of that title, made from the given file the first time."""
    image_model = get_image_model()
    image = image_model.objects.filter(title=value["title"]).first()
    if image is None:
        image = image_model(
            title=value["title"],
            description=description,
            file=ImageFile(BytesIO(value["content"]), name=value["filename"]),
        )
        image.save()
    return image


def _document(value: dict):
    document_model = get_document_model()
    document = document_model.objects.filter(title=value["title"]).first()
    if document is None:
        document = document_model(title=value["title"])
        document.file.save(value["filename"], ContentFile(value["content"]), save=False)
        document.save()
    return document


def _pair(tagged: dict) -> tuple[str, object]:
    """A block or question in the data, ``{type: value}``, as its type and value."""
    ((kind, value),) = tagged.items()
    return kind, value


def _block(block_type: str, value) -> dict:
    if block_type in {"checklist", "key_takeaways"}:
        value = {**value, "items": _items(value["items"])}
        value.setdefault("title", "")
    elif block_type == "table":
        value = {
            "caption": value["caption"],
            "columns": [{"type": "text", "heading": heading} for heading in value["columns"]],
            "rows": [{"values": row} for row in value["rows"]],
        }
    elif block_type == "image":
        image = _image(value, description=value["alt"])
        value = {"image": image.pk, "alt_text": value["alt"], "caption": value["caption"]}
    elif block_type == "document":
        value = {"document": _document(value).pk, "description": ""}
    return {"type": block_type, "value": value, "id": _id()}


def _question(question_type: str, value: dict) -> dict:
    value = {"points": 1, **value}
    if "options" in value:
        value["options"] = _items(value["options"])
    for list_field in ("accepted_answers", "items"):
        if list_field in value:
            value[list_field] = _items(value[list_field])
    if question_type == "numeric":
        value["answer"], value["tolerance"] = str(value["answer"]), str(value["tolerance"])
    value["explanation"] = f"<p>{value['explanation']}</p>"
    return {"type": question_type, "value": value, "id": _id()}


def _course_fields(data: dict) -> dict:
    fields = dict.fromkeys(AUDIENCE_FIELDS.values(), False)
    for audience in data["audiences"]:
        fields[AUDIENCE_FIELDS[AUDIENCES[audience]]] = True
    return {
        "title": data["title"],
        "summary": data["summary"],
        "level": data["level"],
        "format": data["format"],
        "estimated_hours": data["estimated_hours"],
        "outcomes": [{"type": "outcome", "value": text, "id": _id()} for text in data["outcomes"]],
        **fields,
    }


def _child_fields(child: dict) -> dict:
    if child["kind"] == "lesson":
        return {
            "title": child["title"],
            "summary": child["summary"],
            "estimated_minutes": child["estimated_minutes"],
            "free_preview": child["free_preview"],
            "body": [_block(*_pair(block)) for block in child["body"]],
        }
    return {
        "title": child["title"],
        "intro": f"<p>{child['intro']}</p>",
        "pass_mark": child["pass_mark"],
        "max_attempts": child["max_attempts"],
        "time_limit_minutes": child["time_limit_minutes"],
        "questions_per_attempt": child["questions_per_attempt"],
        "shuffle_questions": child["shuffle_questions"],
        "shuffle_options": child["shuffle_options"],
        "feedback_policy": child["feedback_policy"],
        "estimated_minutes": max(5, len(child["questions"]) * 2),
        "questions": [_question(*_pair(question)) for question in child["questions"]],
    }


def _publish(page: Page) -> None:
    page.save_revision().publish()


def _ensure_catalog(home: Page, fields: dict) -> CatalogPage:
    catalog = CatalogPage.objects.child_of(home).first()
    if catalog is None:
        catalog = home.add_child(
            instance=CatalogPage(
                title=fields["title"], slug="courses", intro=fields["intro"], locale=home.locale
            )
        )
        _publish(catalog)
    return catalog


def _certificate_template(fields: dict) -> CertificateTemplate:
    """The one demo certificate template, with its logo, shared by every demo course."""
    template = CertificateTemplate.objects.filter(name=fields["name"]).first()
    if template is None:
        logo = get_image_model()(
            title=fields["logo"]["title"],
            file=ImageFile(BytesIO(fields["logo"]["content"]), name=fields["logo"]["filename"]),
        )
        logo.save()
        template = CertificateTemplate.objects.create(
            **{name: value for name, value in fields.items() if name != "logo"}, logo=logo
        )
    return template


def _build_course(catalog: CatalogPage, data: dict, template: dict) -> CoursePage:
    course = CoursePage(
        certificate_template=_certificate_template(template),
        slug=data["slug"],
        locale=catalog.locale,
        enrolment_open=data["enrolment_open"],
        issues_certificate=data["issues_certificate"],
        qualifies_for_storefront=data["qualifies_for_storefront"],
        **_course_fields(data),
    )
    course.tags.add(*data["topics"])
    catalog.add_child(instance=course)
    prerequisites = CoursePage.objects.filter(slug__in=data["prerequisites"], locale=catalog.locale)
    course.prerequisites.set(prerequisites)
    if data["trainers"]:
        course.trainers.set(get_user_model().objects.filter(email__in=data["trainers"]))
    _publish(course)
    for module_data in data["modules"]:
        module = course.add_child(
            instance=ModulePage(
                title=module_data["title"], slug=module_data["slug"], summary=module_data["summary"]
            )
        )
        _publish(module)
        for child in module_data["children"]:
            page_class = LessonPage if child["kind"] == "lesson" else QuizPage
            page = module.add_child(instance=page_class(slug=child["slug"], **_child_fields(child)))
            _publish(page)
    return course


def _translate(page: Page, locale: Locale, fields: dict) -> Page:
    translation = page.specific.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    _publish(translation)
    return translation


def _translate_course(course: CoursePage, translation: dict, locale: Locale) -> None:
    _translate(course, locale, _course_fields(translation))
    modules = ModulePage.objects.child_of(course).order_by("path")
    for module, module_data in zip(modules, translation["modules"], strict=True):
        _translate(
            module, locale, {"title": module_data["title"], "summary": module_data["summary"]}
        )
        children = Page.objects.child_of(module).order_by("path")
        for child, child_data in zip(children, module_data["children"], strict=True):
            _translate(child, locale, _child_fields(child_data))


@transaction.atomic
def demo_curriculum_seed(
    home: Page, *, catalogue: dict, certificate_template: dict, courses: list[dict]
) -> list[CoursePage]:
    """Publish each course (checked data, see demo/schema.py) under the home page's catalogue,
    with its translations; ``catalogue`` gives the catalogue page's title and intro per
    language, ``certificate_template`` the template every course issues certificates with."""
    catalog = _ensure_catalog(home, catalogue["en"])
    pages = []
    for data in courses:
        course = CoursePage.objects.child_of(catalog).filter(slug=data["slug"]).first()
        if course is None:
            course = _build_course(catalog, data, certificate_template)
        pages.append(course)
        for language, translation in data.get("translations", {}).items():
            locale = Locale.objects.get(language_code=language)
            if CoursePage.objects.filter(
                translation_key=course.translation_key, locale=locale
            ).exists():
                continue
            if not CatalogPage.objects.filter(
                translation_key=catalog.translation_key, locale=locale
            ).exists():
                fields = catalogue.get(language, {"title": "Courses", "intro": ""})
                _translate(catalog, locale, fields)
            _translate_course(course, translation, locale)
    return pages
