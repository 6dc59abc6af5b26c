"""The catalogue: filters, search and pagination over published courses, from GET parameters."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.models import Locale

from courses.models import CourseFormat, CourseLevel, CoursePage, LessonPage
from courses.models.course import AUDIENCE_FIELDS

ANY = [("", _("Any"))]
AUDIENCE_CHOICES = [
    ("entrepreneur", _("Entrepreneurs")),
    ("policymaker", _("Policymakers")),
    ("academic", _("Academics")),
]
MAX_QUERY_LENGTH = 100


class CatalogFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=MAX_QUERY_LENGTH)
    audience = forms.ChoiceField(label=_("For"), required=False, choices=ANY + AUDIENCE_CHOICES)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    level = forms.ChoiceField(label=_("Level"), required=False, choices=ANY + CourseLevel.choices)
    format = forms.ChoiceField(
        label=_("Format"), required=False, choices=ANY + CourseFormat.choices
    )
    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, *args, topics: list[Tag], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = ANY + [(tag.slug, tag.name) for tag in topics]
        self.fields["language"].choices = [
            ("", _("Courses in my language")),
            ("all", _("All languages")),
            *[(code, name) for code, name in settings.LANGUAGES],
        ]


def _topics() -> list[Tag]:
    return list(
        Tag.objects.filter(courses_coursetag_items__content_object__live=True)
        .distinct()
        .order_by("name")
    )


def _search_ids(query: str, courses, lessons) -> tuple[list[int], dict[int, list[LessonPage]]]:
    """Courses matching the query, directly or through one of their lessons.

    Wagtail search uses PostgreSQL full text in production and the database fallback locally.
    A lesson hit counts for its course, and is shown under it.
    """
    course_hits = [page.pk for page in courses.search(query)]
    lesson_hits = list(lessons.search(query)[:50])
    by_course: dict[int, list[LessonPage]] = {}
    if lesson_hits:
        course_paths = {c.path: c.pk for c in courses.only("id", "path")}
        for lesson in lesson_hits:
            course_id = course_paths.get(lesson.path[: len(lesson.path) - 2 * lesson.steplen])
            if course_id is not None:
                by_course.setdefault(course_id, []).append(lesson)
    ids = course_hits + [pk for pk in by_course if pk not in course_hits]
    return ids, by_course


def catalog_context(catalog, request) -> dict:
    topics = _topics()
    form = CatalogFilterForm(request.GET or None, topics=topics)
    filters = form.cleaned_data if form.is_valid() else {}
    language = filters.get("language") or get_language()
    # Search backends accept only indexed filter fields, so search runs on the live pages of the
    # language and the other filters apply to its result ids.
    searchable = CoursePage.objects.live()
    lessons = LessonPage.objects.live()
    if language != "all":
        locale = Locale.objects.filter(language_code=language).first()
        searchable = searchable.filter(locale=locale)
        lessons = lessons.filter(locale=locale)
    courses = searchable.public().defer_streamfields()
    if filters.get("audience"):
        courses = courses.filter(**{AUDIENCE_FIELDS[filters["audience"]]: True})
    if filters.get("level"):
        courses = courses.filter(level=filters["level"])
    if filters.get("format"):
        courses = courses.filter(format=filters["format"])
    if filters.get("topic"):
        courses = courses.filter(tagged_items__tag__slug=filters["topic"])
    query = (filters.get("q") or "").strip()
    matching_lessons: dict[int, list[LessonPage]] = {}
    if query:
        ids, matching_lessons = _search_ids(query, searchable, lessons)
        order = {pk: position for position, pk in enumerate(ids)}
        results = sorted(courses.filter(pk__in=ids), key=lambda page: order[page.pk])
    else:
        results = courses.order_by("path")
    paginator = Paginator(results, catalog.page_size)
    page = paginator.get_page(request.GET.get("page"))
    for course in page.object_list:
        course.matching_lessons = matching_lessons.get(course.pk, [])[:3]
    querystring = request.GET.copy()
    querystring.pop("page", None)
    return {
        "filter_form": form,
        "courses": page,
        "query": query,
        "filters_active": any(
            filters.get(name) for name in ("q", "audience", "topic", "level", "format")
        ),
        "querystring": querystring.urlencode(),
    }
