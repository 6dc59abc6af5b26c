"""The course catalogue for partner systems (the read API, partner_api; docs/api.md).

What the public catalogue lists: live courses without view restrictions, each with its live
modules and lessons counted. In page-id order one page at a time (keyset), one query per page
whatever the page size (the counts are subqueries, the URL comes from Wagtail's cached site root
paths).
"""

from __future__ import annotations

from django.db.models import Func, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from courses.models import CoursePage, LessonPage
from courses.models.course import ModulePage


def _count_below(model, depth_below: int) -> Coalesce:
    below = (
        model.objects.live()
        .filter(path__startswith=OuterRef("path"), depth=OuterRef("depth") + depth_below)
        .order_by()
        .annotate(total=Func("pk", function="COUNT"))
        .values("total")
    )
    return Coalesce(Subquery(below, output_field=IntegerField()), Value(0))


def _rows():
    return (
        CoursePage.objects.live()
        .public()
        .defer_streamfields()
        .select_related("locale")
        .annotate(
            module_count=_count_below(ModulePage, 1), lesson_count=_count_below(LessonPage, 2)
        )
    )


def _as_dict(course: CoursePage, request) -> dict:
    return {
        "id": course.pk,
        "title": course.title,
        "slug": course.slug,
        "summary": course.summary,
        "language": course.locale.language_code,
        "level": course.level,
        "format": course.format,
        "estimated_hours": course.estimated_hours,
        "audiences": course.audiences,
        "module_count": course.module_count,
        "lesson_count": course.lesson_count,
        "issues_certificate": course.issues_certificate,
        "url": course.get_full_url(request),
        "last_published_at": course.last_published_at,
    }


def catalogue_feed(
    *, limit: int, after_id: int = 0, language: str | None = None, request=None
) -> list[dict]:
    """The catalogue's courses after ``after_id``, in ``language`` only if given."""
    rows = _rows().filter(pk__gt=after_id)
    if language:
        rows = rows.filter(locale__language_code=language)
    return [_as_dict(course, request) for course in rows.order_by("pk")[:limit]]


def catalogue_course(course_id: int, *, request=None) -> dict | None:
    """One course of the catalogue, or None if there is none (not live, restricted, unknown)."""
    course = _rows().filter(pk=course_id).first()
    return _as_dict(course, request) if course is not None else None
