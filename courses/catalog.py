"""The catalogue: filters, search and pagination over published courses, from GET parameters."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.models import Locale

from core.search_text import search_terms
from courses.models import CourseFormat, CourseLevel, CoursePage, LessonPage
from courses.models.course import AUDIENCE_FIELDS

ANY = [("", _("Any"))]
AUDIENCE_CHOICES = [
    ("entrepreneur", _("Entrepreneurs")),
    ("policymaker", _("Policymakers")),
    ("academic", _("Academics")),
]
MAX_QUERY_LENGTH = 100


class SearchTextField(forms.CharField):
    """Any text: NUL and other control characters become spaces rather than an error, so that a
    stray one never throws the whole search away (search_terms keeps only the words anyway)."""

    def to_python(self, value):
        text = super().to_python(value)
        return "".join(ch if ch.isprintable() else " " for ch in text)


class CatalogFilterForm(forms.Form):
    # No max_length: a longer search is cut to its start and the page says so (clean_q), rather
    # than refused, which used to throw the search and every filter away without a word.
    q = SearchTextField(label=_("Search"), required=False)
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
        self.query_was_cut = False

    def clean_q(self) -> str:
        text = self.cleaned_data["q"].strip()
        if len(text) > MAX_QUERY_LENGTH:
            self.query_was_cut = True
            # Cut at the last space: a half word ("ex" of "export") would match nothing.
            cut = text[: MAX_QUERY_LENGTH + 1]
            text = (cut.rsplit(None, 1)[0] if " " in cut else cut)[:MAX_QUERY_LENGTH].strip()
        return text

    def notices(self) -> list[str]:
        """What the page did with the visitor's input other than they asked, in words."""
        notices = []
        if self.query_was_cut:
            notices.append(
                gettext(
                    "Your search was longer than %(limit)s characters, so we searched for its "
                    "first %(limit)s."
                )
                % {"limit": MAX_QUERY_LENGTH}
            )
        for name in self.errors:
            notices.append(
                gettext("We ignored “%(value)s” for “%(field)s”: it is not one of the choices.")
                % {
                    "value": Truncator(self.data.get(name, "")).chars(40),
                    "field": self.fields[name].label,
                }
            )
        return notices


def _topics() -> list[Tag]:
    return list(
        Tag.objects.filter(courses_coursetag_items__content_object__live=True)
        .distinct()
        .order_by("name")
    )


def _search_ids(words: str, courses, lessons) -> tuple[list[int], dict[int, list[LessonPage]]]:
    """Courses matching the words (from search_terms), directly or through one of their lessons.

    Wagtail search uses PostgreSQL full text in production and the database fallback locally.
    A lesson hit counts for its course, and is shown under it.
    """
    course_hits = [page.pk for page in courses.search(words)]
    lesson_hits = list(lessons.search(words)[:50])
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
    # A bound form keeps its valid fields in cleaned_data even when another is invalid: one bad
    # value is ignored (and named in a notice), the other filters and the search still apply.
    form.is_valid()
    filters = form.cleaned_data if form.is_bound else {}
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
    query = filters.get("q") or ""
    notices = form.notices() if form.is_bound else []
    words = search_terms(query)
    matching_lessons: dict[int, list[LessonPage]] = {}
    if words:
        ids, matching_lessons = _search_ids(words, searchable, lessons)
        order = {pk: position for position, pk in enumerate(ids)}
        results = sorted(courses.filter(pk__in=ids), key=lambda page: order[page.pk])
    elif query:  # only punctuation or symbols: nothing a search could match
        results = []
        notices.append(gettext("Your search has no words to look for: type a word or two."))
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
        "notices": notices,
        "filters_active": any(
            filters.get(name) for name in ("q", "audience", "topic", "level", "format")
        ),
        "querystring": querystring.urlencode(),
    }
