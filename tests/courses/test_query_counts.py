"""Catalogue, course, module and lesson pages run a fixed number of queries: 5 or 50 of anything
(courses, modules, lessons, blocks, images) costs the same."""

from io import BytesIO

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image

from tests.courses import factories

pytestmark = pytest.mark.django_db

# Measured on SQLite: the catalogue 14, a course 20, a lesson 24 (one is lms finding the
# course for the learner's state), a module or quiz 18. Wagtail's
# router spends one query per URL segment (home/courses/course/module/lesson: fixed by the tree's
# depth, not its size), then the view restrictions, the outline (one query per page type) and
# one query per kind of chooser block (images with their renditions, documents).
CATALOG_MAX, COURSE_MAX, LESSON_MAX = 14, 20, 24


def get_twice(client, url):
    """Warm up (renditions are created on first view), then measure with a cold cache."""
    assert client.get(url).status_code == 200
    cache.clear()


def png(n: int) -> ImageFile:
    buffer = BytesIO()
    PILImage.new("RGB", (60, 40), (n % 255, 80, 120)).save(buffer, "PNG")
    return ImageFile(buffer, name=f"photo-{n}.png")


def rich_lesson_body(blocks: int) -> list[dict]:
    body = []
    for n in range(blocks):
        image = Image.objects.create(title=f"Photo {n}", file=png(n))
        document = Document(title=f"Checklist {n}")
        document.file.save(f"checklist-{n}.txt", ContentFile(b"tick"), save=False)
        document.save()
        body += [
            factories.paragraph(f"Paragraph {n}"),
            {
                "type": "image",
                "id": factories.uid(),
                "value": {"image": image.pk, "alt_text": f"Photo {n}", "caption": "A caption"},
            },
            {
                "type": "document",
                "id": factories.uid(),
                "value": {"document": document.pk, "description": ""},
            },
            {
                "type": "table",
                "id": factories.uid(),
                "value": {
                    "caption": "Costs",
                    "columns": [
                        {"type": "text", "heading": "Item"},
                        {"type": "number", "heading": "RWF"},
                    ],
                    "rows": [{"values": ["Bag", "1200"]}],
                },
            },
            {
                "type": "callout",
                "id": factories.uid(),
                "value": {"kind": "tip", "title": "Tip", "body": "<p>Check twice.</p>"},
            },
        ]
    return body


@pytest.mark.parametrize("courses", [5, 50])
def test_catalogue(client, site, courses, django_assert_max_num_queries):
    catalog = factories.catalog(site)
    for n in range(courses):
        factories.course(catalog, f"Course {n}", tags=[f"topic-{n % 7}"], for_entrepreneurs=True)
    get_twice(client, "/courses/")
    with django_assert_max_num_queries(CATALOG_MAX):
        assert client.get("/courses/", {"audience": "entrepreneur"}).status_code == 200
    with django_assert_max_num_queries(CATALOG_MAX + 4):  # search adds the lesson query
        assert client.get("/courses/", {"q": "Course"}).status_code == 200


@pytest.mark.parametrize(("modules", "lessons"), [(5, 1), (5, 10)])
def test_course_page(client, site, modules, lessons, django_assert_max_num_queries):
    course = factories.small_course(site, modules=modules, lessons=lessons)
    course.prerequisites.set([factories.course(factories.catalog(site), "Basics")])
    factories.publish(course)
    get_twice(client, course.url)
    with django_assert_max_num_queries(COURSE_MAX):
        response = client.get(course.url)
    assert response.context["outline"].lesson_count == modules * lessons


@pytest.mark.parametrize("blocks", [5, 50])
def test_lesson_page(client, site, blocks, django_assert_max_num_queries):
    course = factories.small_course(site, modules=2, lessons=2)
    module = course.get_children().first()
    lesson = factories.lesson(
        module, "Photographing coffee", body=rich_lesson_body(blocks), free_preview=True
    )
    get_twice(client, lesson.url)
    with django_assert_max_num_queries(LESSON_MAX):
        response = client.get(lesson.url)
    html = response.content.decode()
    # Every image comes as a WebP source with a srcset, and a JPEG fallback.
    assert html.count("<picture>") == blocks
    assert html.count('type="image/webp"') == blocks and html.count("srcset=") == 2 * blocks


@pytest.mark.parametrize("lessons", [2, 20])
def test_module_and_quiz_pages(client, site, lessons, django_assert_max_num_queries):
    course = factories.small_course(site, modules=2, lessons=lessons)
    module = course.get_children().first().specific
    quiz = module.get_children().last().specific
    for url in (module.url, quiz.url):
        get_twice(client, url)
        with django_assert_max_num_queries(LESSON_MAX):
            assert client.get(url).status_code == 200
