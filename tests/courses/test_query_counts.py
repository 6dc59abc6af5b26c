"""Catalogue, course, module and lesson pages run a fixed number of queries: two more of anything
(courses, modules, lessons, blocks, images) costs the same, so a thousand cost the same too."""

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

# Measured with a cold cache (below): the catalogue 11, a course 13, a free-preview lesson with
# images and documents 11, a module or quiz 8 (issue 15; they were 14, 20, 24 and 18). A page is
# found in one query by its url_path (courses/routing.py); with the cache cleared, the Site, the
# Locale and the site root paths are read again (warm, they come from a per-process memo). Then
# the view restrictions (one query), the outline (one query, whatever its size:
# courses.selectors.course_outline) and one query per kind of chooser block (images with their
# renditions, documents).
CATALOG_MAX, COURSE_MAX, LESSON_MAX = 11, 13, 11


def get_twice(client, url):
    """Warm up (renditions are created on first view), then measure with a cold cache."""
    assert client.get(url).status_code == 200
    cache.clear()


def counted(client, url, budget, django_assert_max_num_queries):
    """The number of queries a cold-cache view of `url` runs, asserted within `budget`."""
    get_twice(client, url)
    with django_assert_max_num_queries(budget) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


def png(n: int) -> ImageFile:
    buffer = BytesIO()
    PILImage.new("RGB", (60, 40), (n % 255, 80, 120)).save(buffer, "PNG")
    return ImageFile(buffer, name=f"photo-{n}.png")


def rich_lesson_body(numbers) -> list[dict]:
    body = []
    for n in numbers:
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


def test_catalogue(client, site, django_assert_max_num_queries):
    catalog = factories.catalog(site)
    # Pages of two, so that both counts below are of a catalogue longer than one page.
    type(catalog).objects.filter(pk=catalog.pk).update(page_size=2)

    def add_courses(numbers):
        for n in numbers:
            factories.course(
                catalog, f"Course {n}", tags=[f"topic-{n % 7}"], for_entrepreneurs=True
            )

    def count() -> tuple[int, int]:
        # The first search of a process fills the content-type cache: warm that too.
        assert client.get("/courses/", {"q": "Course"}).status_code == 200
        get_twice(client, "/courses/")
        with django_assert_max_num_queries(CATALOG_MAX) as audience:
            assert client.get("/courses/", {"audience": "entrepreneur"}).status_code == 200
        with django_assert_max_num_queries(CATALOG_MAX + 4) as search:  # adds the lesson query
            assert client.get("/courses/", {"q": "Course"}).status_code == 200
        return len(audience), len(search)

    add_courses(range(3))
    few = count()
    add_courses(range(3, 5))
    assert count() == few


def test_course_page(client, site, django_assert_max_num_queries):
    course = factories.small_course(site, modules=2, lessons=1)
    course.prerequisites.set([factories.course(factories.catalog(site), "Basics")])
    factories.publish(course)
    few, response = counted(client, course.url, COURSE_MAX, django_assert_max_num_queries)
    assert response.context["outline"].lesson_count == 2
    # Two more modules, and two more lessons in a module.
    for m in (3, 4):
        module = factories.module(course, f"Module {m}")
        factories.lesson(module, f"Lesson {m}.1")
        factories.quiz(module, f"Quiz {m}")
    first = course.get_children().first()
    for n in (2, 3):
        factories.lesson(first, f"Lesson 1.{n}")
    many, response = counted(client, course.url, COURSE_MAX, django_assert_max_num_queries)
    assert response.context["outline"].lesson_count == 6
    assert many == few


def test_lesson_page(client, site, django_assert_max_num_queries):
    course = factories.small_course(site, modules=1, lessons=1)
    module = course.get_children().first()
    lesson = factories.lesson(
        module, "Photographing coffee", body=rich_lesson_body(range(2)), free_preview=True
    )

    def count(blocks: int) -> int:
        queries, response = counted(client, lesson.url, LESSON_MAX, django_assert_max_num_queries)
        html = response.content.decode()
        # Every image comes as a WebP source with a srcset, and a JPEG fallback.
        assert html.count("<picture>") == blocks
        assert html.count('type="image/webp"') == blocks and html.count("srcset=") == 2 * blocks
        return queries

    few = count(2)
    lesson.body = rich_lesson_body(range(4))  # two more of each block, images and documents
    factories.publish(lesson)
    assert count(4) == few


def test_module_and_quiz_pages(client, site, django_assert_max_num_queries):
    course = factories.small_course(site, modules=1, lessons=2)
    module = course.get_children().first().specific
    quiz = module.get_children().last().specific

    def count() -> list[int]:
        return [
            counted(client, url, LESSON_MAX, django_assert_max_num_queries)[0]
            for url in (module.url, quiz.url)
        ]

    few = count()
    for n in (3, 4):
        factories.lesson(module, f"Lesson 1.{n}")
    assert count() == few
