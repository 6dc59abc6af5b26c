"""Reads for course pages. Each keeps a fixed number of queries however big a course grows."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from functools import lru_cache, partial

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, ngettext
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from accounts.api import wants_low_data
from core.shared_memo import SharedMemo
from courses.blocks import LOW_DATA_BLOCKS
from courses.models import CoursePage, LessonPage, ModulePage, QuizPage

# The outline of each course (its modules, lessons and quizzes, their titles, links and minutes)
# is the same for every learner, and a course has 100+ items: it is read once per process and
# reused until a page is saved, published, unpublished, moved or deleted anywhere (the receivers
# at the end of this module), on every node within ISOKO_SHARED_MEMO_RECHECK (1 s). It holds
# only live pages' titles and links: who may open them is decided by each page's view.
outline_memo = SharedMemo("course-outline")
# A lesson's body, rendered, per lesson, language and low-data mode: it is the same for every
# learner in that mode (no block template reads the request or the user beyond low-data mode,
# accounts.api.wants_low_data; documents are served through their own access check).
# Dropped with the outline on any page change, and on any document or image change (a block shows
# its title and size; a new file drops its renditions). A few MB at most: bounded.
body_memo = SharedMemo("lesson-body", max_entries=2000)


@lru_cache(maxsize=4096)
def _item_meta(language: str, kind: str, minutes: int, free_preview: bool) -> str:
    """An item's meta line ("Quiz · 10 min · Free preview"), translated once per language and
    value for the whole process rather than once per item per request: with 100+ items the
    per-item {% blocktranslate %} was a quarter of the course page's time. ``language`` is only
    the cache key: the caller's active language is the one translated into."""
    parts = [gettext("Quiz")] if kind == "quiz" else []
    parts.append(ngettext("%(minutes)s min", "%(minutes)s min", minutes) % {"minutes": minutes})
    meta = conditional_escape(" · ".join(parts))
    if free_preview:
        meta = format_html('{} · <span class="badge">{}</span>', meta, gettext("Free preview"))
    return mark_safe(meta)


@dataclass(slots=True)
class OutlineItem:
    """A lesson or quiz as the outline shows it. Not a page: the outline reads its fields from
    one query, and its link is the course's URL plus its path below the course."""

    pk: int
    title: str
    url: str
    outline_kind: str  # "lesson" or "quiz", as LessonPage.outline_kind / QuizPage.outline_kind
    estimated_minutes: int
    free_preview: bool = False

    @property
    def meta(self) -> str:
        return _item_meta(
            get_language() or "", self.outline_kind, self.estimated_minutes, self.free_preview
        )


@dataclass(slots=True)
class OutlineModule:
    pk: int
    title: str
    summary: str
    url: str
    items: list[OutlineItem] = field(default_factory=list)

    @property
    def minutes(self) -> int:
        return sum(item.estimated_minutes for item in self.items)


@dataclass
class Outline:
    modules: list[OutlineModule]
    # Per (language, compact): the HTML pieces of the outline, built once (render_outline).
    _html: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def items(self) -> list[OutlineItem]:
        return [item for module in self.modules for item in module.items]

    @property
    def minutes(self) -> int:
        return sum(module.minutes for module in self.modules)

    @property
    def lesson_count(self) -> int:
        return sum(1 for item in self.items if item.outline_kind == "lesson")

    @property
    def quiz_count(self) -> int:
        return sum(1 for item in self.items if item.outline_kind == "quiz")


def _outline_pieces(outline: Outline, compact: bool) -> tuple:
    """The outline's HTML cut where a learner's outline differs from another's: before each
    item's link (is it the current page?) and before its title (is it done?). Translated in the
    active language; kept on the (memoised) outline per language and ``compact``."""
    key = (get_language() or "", compact)
    pieces = outline._html.get(key)
    if pieces is not None:
        return pieces
    tick = format_html(
        '<span class="tick" aria-label="{}">✓</span> ', mark_safe(gettext("Completed"))
    )
    modules = []
    for module in outline.modules:
        minutes = module.minutes
        head = format_html(
            '<li class="outline-module" id="module-{}">\n'
            '<h3>{} <span class="meta">{}</span></h3>\n',
            module.pk,
            module.title,
            mark_safe(
                ngettext("%(minutes)s min", "%(minutes)s min", minutes) % {"minutes": minutes}
            ),
        )
        if module.summary and not compact:
            head += format_html('<p class="help">{}</p>', module.summary)
        head += '\n<ol class="outline-items">\n'
        items = [
            (
                item.pk,
                format_html('<li class="outline-item"><a href="{}">', item.url),
                format_html(
                    '<li class="outline-item is-current"><a href="{}" aria-current="page">',
                    item.url,
                ),
                format_html('{}</a> <span class="meta">{}</span></li>\n', item.title, item.meta),
            )
            for item in module.items
        ]
        modules.append((head, items))
    empty = format_html(
        '<li class="empty-state">{}</li>\n',
        mark_safe(gettext("The trainers are still preparing this course's modules.")),
    )
    pieces = (tick, modules, empty)
    outline._html[key] = pieces
    return pieces


def render_outline(outline: Outline, current_pk=None, done=(), compact: bool = False) -> str:
    """The outline as templates/courses/includes/outline.html rendered it, item for item, but
    joined from pieces built once per outline and language: a learner's outline differs from
    another's only in the current item and the done ticks. With 100+ items the template's loop
    was most of an enrolled lesson's rendering time."""
    tick, modules, empty = _outline_pieces(outline, compact)
    parts = ['\n<ol class="outline">\n']
    for head, items in modules:
        parts.append(head)
        for pk, plain, current, rest in items:
            parts.append(current if pk == current_pk else plain)
            if pk in done:
                parts.append(tick)
            parts.append(rest)
        parts.append("</ol>\n</li>\n")
    if not modules:
        parts.append(empty)
    parts.append("</ol>")
    return mark_safe("".join(parts))


def render_body(page, context) -> str:
    """``{% for block in page.body %}{% include_block block %}{% endfor %}``, rendered once per
    page, language and low-data mode for live pages; previews (unsaved content, drafts,
    revisions) every time."""
    request = context.get("request")

    def render() -> str:
        flat = context.flatten()
        return mark_safe("".join(block.render_as_block(context=flat) for block in page.body))

    if page.pk is None or not page.live or getattr(request, "is_preview", False):
        return render()
    # Low-data mode renders pictures and videos otherwise (accounts/low_data.py): a body with
    # one has an entry per mode. Asked only then, so a body without one does not vary on it.
    low_data = bool(request) and _has_low_data_blocks(page) and wants_low_data(request)
    return body_memo.get((page.pk, get_language() or "", low_data), render)


def _has_low_data_blocks(page) -> bool:
    """Whether the body has a block that low-data mode renders otherwise (read from the raw
    stream: no block is built, no chooser queried)."""
    return any(block.get("type") in LOW_DATA_BLOCKS for block in page.body.raw_data)


def course_outline(course: CoursePage, request=None) -> Outline:
    """The course's outline, read once per process and course (``outline_memo``) by
    ``read_course_outline``. Do not change the Outline returned: it is shared."""
    base = course.get_url(request) or ""
    return outline_memo.get((course.pk, base), lambda: read_course_outline(course, base))


def read_course_outline(course: CoursePage, base: str) -> Outline:
    """Modules → lessons and quizzes, in tree order, from one query whatever the course's size.

    The query reads only what the outline shows (title, path, type, minutes, free preview, a
    module's summary), never a lesson's body. Links are the course's URL (one ``get_url``, with
    ``request`` for its cached site roots) plus each page's path below the course: Wagtail
    routes a page at its ``url_path``, so that is the URL ``pageurl`` would build, without a
    site lookup per item. Measured on a course of 112 pages: the outline was half the page's
    time with a page instance, a ``pageurl`` and a ``blocktranslate`` per item.
    """
    cut = len(course.url_path)
    types = ContentType.objects.get_for_models(ModulePage, LessonPage, QuizPage)
    module_type, lesson_type, quiz_type = (types[m].pk for m in (ModulePage, LessonPage, QuizPage))
    rows = (
        Page.objects.descendant_of(course)
        .filter(live=True, depth__lte=course.depth + 2)
        .order_by("path")
        .values_list(
            "pk",
            "title",
            "url_path",
            "content_type_id",
            "modulepage__summary",
            "lessonpage__estimated_minutes",
            "lessonpage__free_preview",
            "quizpage__estimated_minutes",
        )
    )
    modules: list[OutlineModule] = []
    for pk, title, url_path, type_id, summary, lesson_minutes, free, quiz_minutes in rows:
        url = base + url_path[cut:]
        if type_id == module_type:
            modules.append(OutlineModule(pk=pk, title=title, summary=summary, url=url))
        elif modules and type_id == lesson_type:
            modules[-1].items.append(
                OutlineItem(pk, title, url, "lesson", lesson_minutes, free_preview=free)
            )
        elif modules and type_id == quiz_type:
            modules[-1].items.append(OutlineItem(pk, title, url, "quiz", quiz_minutes))
    return Outline(modules=modules)


def course_prerequisites(course: CoursePage) -> list[CoursePage]:
    """The prerequisites, each in the course's own language where a translation is live."""
    prerequisites = list(course.prerequisites.all().only("translation_key", "id"))
    if not prerequisites:
        return []
    localised = {
        page.translation_key: page
        for page in CoursePage.objects.live()
        .filter(
            translation_key__in=[p.translation_key for p in prerequisites],
            locale_id=course.locale_id,
        )
        .defer_streamfields()
    }
    fallback = {
        page.translation_key: page
        for page in CoursePage.objects.live()
        .filter(id__in=[p.id for p in prerequisites])
        .defer_streamfields()
    }
    return [
        localised.get(p.translation_key) or fallback[p.translation_key]
        for p in prerequisites
        if p.translation_key in localised or p.translation_key in fallback
    ]


def course_trainer_names(course: CoursePage) -> list[str]:
    return [
        trainer.profile.display_name
        for trainer in course.trainers.select_related("profile").order_by("profile__full_name")
    ]


def course_detail_context(course: CoursePage, request=None) -> dict:
    return {
        "outline": course_outline(course, request),
        "prerequisites": course_prerequisites(course),
        "trainer_names": course_trainer_names(course),
        "topics": list(course.tags.all()),
    }


def course_item_context(page: LessonPage | QuizPage, request=None) -> dict:
    """The course around a lesson or quiz: the outline for the sidebar, and previous/next
    (OutlineItems: their ``url`` is built, ``pageurl`` does not apply)."""
    # The same lookup lms made for the learner's state in this request (course_of memoises it on
    # the page): one course query per lesson view, not two.
    course = course_of(page, without_body=True)
    if course is None:  # a lesson previewed before it has a place in a course
        return {"course": None, "outline": None, "previous_item": None, "next_item": None}
    outline = course_outline(course, request)
    items = outline.items
    position = next((i for i, item in enumerate(items) if item.pk == page.pk), None)
    previous_item = items[position - 1] if position else None
    next_item = items[position + 1] if position is not None and position + 1 < len(items) else None
    return {
        "course": course,
        "outline": outline,
        "previous_item": previous_item,
        "next_item": next_item,
    }


@dataclass(frozen=True)
class CertificateTerms:
    """What a course says about the certificates it issues (read by the certificates app)."""

    course_id: int
    issues_certificate: bool
    title: str
    hours: int | None
    language: str  # the course page's language code
    valid_months: int | None  # None: the certificate never expires
    template: object | None  # its CertificateTemplate, logo and signature loaded


def certificate_terms(*, course_id: int) -> CertificateTerms | None:
    """The course's certificate terms, or None if there is no such course. One query."""
    course = (
        CoursePage.objects.select_related(
            "locale", "certificate_template__logo", "certificate_template__signature_image"
        )
        .filter(pk=course_id)
        .first()
    )
    if course is None:
        return None
    return CertificateTerms(
        course_id=course.pk,
        issues_certificate=course.issues_certificate,
        title=course.title,
        hours=course.estimated_hours,
        language=course.locale.language_code,
        valid_months=course.certificate_valid_months,
        template=course.certificate_template,
    )


def storefront_courses():
    """The live courses whose certificate qualifies its holder for a storefront (every
    translation of such a course is one of them)."""
    return CoursePage.objects.live().filter(qualifies_for_storefront=True)


# Which courses lead to a storefront: page fields, so any page change drops them (outline_memo),
# on every node within ISOKO_SHARED_MEMO_RECHECK. They decide what the dashboard's storefront
# panel says, never who may apply (the application views check the learner's certificates).
def storefront_course_ids() -> frozenset[int]:
    """Every course whose certificate qualifies its holder for a storefront, live or not (a
    course unpublished since still stands behind its graduates): read once per process."""
    return outline_memo.get(
        ("storefront-course-ids",),
        lambda: frozenset(
            CoursePage.objects.filter(qualifies_for_storefront=True).values_list("pk", flat=True)
        ),
    )


def storefront_live_courses() -> list[CoursePage]:
    """The live qualifying courses (storefront_courses) by path, their locale loaded: read once
    per process, handed out as fresh copies (a caller may set attributes on them)."""
    pages = outline_memo.get(
        ("storefront-live-courses",),
        lambda: tuple(storefront_courses().select_related("locale").order_by("path")),
    )
    return [copy.copy(page) for page in pages]


_NO_COURSE = object()


def course_of(page, *, without_body: bool = False) -> CoursePage | None:
    """The course a module, lesson or quiz belongs to (a course is its own course), or None for
    a page outside any course. One query (none for a course). ``without_body`` leaves the
    course's stream fields unloaded, for callers that only need its fields, and remembers the
    answer on the page instance: lms (the learner's state) and the page's own context both ask
    while a lesson is served, and it is one query per view, not two."""
    if isinstance(page, CoursePage):
        return page
    if not without_body:
        return CoursePage.objects.ancestor_of(page).first()
    memo = page.__dict__.get("_isoko_course_of")
    if memo is None:
        if page.pk is None:  # a preview of a page not saved yet
            memo = _read_course_of(page)
        else:
            # Which course a page is in, and the course's fields, change only when a page is
            # saved, moved or deleted, which drops outline_memo: read once per process and page,
            # handed out as a copy (a request may set attributes on its course).
            memo = outline_memo.get(
                ("course-of", page.pk, page.path), partial(_read_course_of, page)
            )
            if memo is not _NO_COURSE:
                memo = copy.copy(memo)
        page.__dict__["_isoko_course_of"] = memo
    return None if memo is _NO_COURSE else memo


def _read_course_of(page):
    return CoursePage.objects.ancestor_of(page).defer_streamfields().first() or _NO_COURSE


def trained_courses(user):
    """Every language version of the courses ``user`` trains: a trainer assigned to one version
    may edit them all (services.course_trainers_sync)."""
    return CoursePage.objects.filter(
        translation_key__in=CoursePage.objects.filter(trainers=user).values("translation_key")
    )


def content_generation() -> str | None:
    """A token that changes whenever any page changes (the outline memo's generation): what a
    page cached per learner elsewhere is stamped with, besides the learner's own generation."""
    return outline_memo.generation()


def course_trainers():
    """The users assigned as trainers of at least one course."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(trained_courses__isnull=False).distinct()


@receiver(post_save, dispatch_uid="course-outline-page-save")
@receiver(post_delete, dispatch_uid="course-outline-page-delete")
@receiver(page_published, dispatch_uid="course-outline-published")
@receiver(page_unpublished, dispatch_uid="course-outline-unpublished")
@receiver(post_page_move, dispatch_uid="course-outline-moved")
def _drop_outlines(sender, instance=None, **kwargs) -> None:
    # Any page: a title, slug, order, live state or minutes of a lesson, quiz or module, or a
    # course's own URL (its slug, or an ancestor's); a body, or a page a body links to. Pages
    # change rarely; requests read often.
    if isinstance(instance, Page):
        outline_memo.invalidate()
        body_memo.invalidate()
    elif isinstance(instance, PageViewRestriction):
        # Kept with each page by courses.routing under this memo's token: a page made private
        # (or public again) is checked on its next view, on every node.
        outline_memo.invalidate()
    elif isinstance(instance, (AbstractDocument, AbstractImage)):
        body_memo.invalidate()
