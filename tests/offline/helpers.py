"""Courses with real images and documents for the offline-pack tests."""

from __future__ import annotations

import random
from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image

from lms.services import enrolment_create
from tests.courses import factories


def photo(n: int, size=(1600, 1000)) -> ImageFile:
    """A noisy photo, so each rendition width has a clearly different file size."""
    # Random bytes straight into the pixels (a list of pixel tuples took a third of a second of
    # CPU for 600 x 400 px, two seconds for the default size).
    rng = random.Random(n)
    image = PILImage.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return ImageFile(buffer, name=f"photo-{n}.jpg")


def image_block(image) -> dict:
    return {
        "type": "image",
        "id": factories.uid(),
        "value": {"image": image.pk, "alt_text": image.title, "caption": ""},
    }


def document_block(title: str, content: bytes) -> dict:
    document = Document(title=title)
    document.file.save(f"{factories.slugify(title)}.txt", ContentFile(content), save=False)
    document.save()
    return {
        "type": "document",
        "id": factories.uid(),
        "value": {"document": document.pk, "description": ""},
    }


def course_with_media(home, title="Export paperwork", lessons=3):
    """A course of one module: ``lessons`` lessons, the first with an image and a document, and
    a quiz."""
    catalog = factories.catalog(home)
    course = factories.course(catalog, title)
    module = factories.module(course, "Papers")
    image = Image.objects.create(title="Warehouse", file=photo(1, size=(600, 400)))
    for n in range(lessons):
        body = [factories.paragraph(f"Body of lesson {n + 1}.")]
        if n == 0:
            body += [image_block(image), document_block("Checklist", b"x" * 5000)]
        factories.lesson(module, f"Lesson {n + 1}", body=body)
    factories.quiz(module, "Check")
    return course


def enrol(learner, course):
    return enrolment_create(learner=learner, course=course)
