"""Who may download a document: it follows the access of what shows it.

Wagtail serves every document at /documents/<id>/<name> to anyone (collection privacy aside), so
a file linked only from an enrolled-only lesson was one guessable URL away from every visitor.
``document_refusal`` runs as a ``before_serve_document`` hook (lms/wagtail_hooks.py; courses may
not import lms, as for lessons in page_state.py). Wagtail's reference index names the objects
that use the document (chooser blocks, rich-text links), so no StreamField is scanned here:

- a live public page (any page outside a course, a course or module page, a free-preview
  lesson) whose page privacy lets the request through: anyone;
- a live enrolled-only lesson or quiz, directly or through a question bank it draws from: the
  course's learners (enrolment not withdrawn), and the editors of those pages (its trainers,
  reviewers) as for the lesson itself;
- a cohort session's material: the cohort's learners and facilitators;
- always: staff, the document's uploader and whoever may change it in Wagtail's admin.

A document nothing live shows is therefore for staff and editors only. Anonymous visitors are
sent to log in; a signed-in person who may not have it gets a 403 naming the course. The queries
are a fixed handful whatever the number of pages or lessons that show the document.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.template.response import TemplateResponse
from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry

from accounts.api import user_has_admin_access
from courses.api import CoursePage, LessonPage, QuizPage
from lms.cohorts.api import cohorts_handing_out, facilitates_any
from lms.models import Enrolment

STEPLEN = Page.steplen


@dataclass
class DocumentUse:
    """Where a document is shown: the pages, and what they say about who may see it."""

    pages: list[Page] = field(default_factory=list)
    public_pages: list[Page] = field(default_factory=list)
    course_ids: set[int] = field(default_factory=set)
    cohort_ids: set[int] = field(default_factory=set)


def _ancestor_paths(paths) -> set[str]:
    return {path[:end] for path in paths for end in range(STEPLEN, len(path) + 1, STEPLEN)}


def _pages_showing(document) -> list[Page]:
    """Pages that reference the document directly, or through a snippet they use (a question
    bank a quiz draws from). Two queries, three with question banks."""
    page_type = ContentType.objects.get_for_model(Page)
    page_ids: set[int] = set()
    bank_ids: set[str] = set()
    bank_model = QuizPage.banks.field.related_model
    bank_type = ContentType.objects.get_for_model(bank_model)
    for base_type_id, object_id in ReferenceIndex.get_references_to(document).values_list(
        "base_content_type_id", "object_id"
    ):
        if base_type_id == page_type.pk:
            page_ids.add(int(object_id))
        elif base_type_id == bank_type.pk:
            bank_ids.add(object_id)
    if bank_ids:
        page_ids.update(
            QuizPage.banks.through.objects.filter(questionbank_id__in=bank_ids).values_list(
                "quizpage_id", flat=True
            )
        )
    if not page_ids:
        return []
    return list(
        Page.objects.filter(pk__in=page_ids).only(
            "pk", "path", "depth", "live", "content_type_id", "owner_id"
        )
    )


def document_use(document) -> DocumentUse:
    use = DocumentUse(pages=_pages_showing(document))
    live = [page for page in use.pages if page.live]
    lesson_type = ContentType.objects.get_for_model(LessonPage)
    quiz_type = ContentType.objects.get_for_model(QuizPage)
    lessons = [page.pk for page in live if page.content_type_id == lesson_type.pk]
    previews = (
        set(
            LessonPage.objects.filter(pk__in=lessons, free_preview=True).values_list(
                "pk", flat=True
            )
        )
        if lessons
        else set()
    )
    course_items = []
    for page in live:
        if page.content_type_id == quiz_type.pk or (
            page.content_type_id == lesson_type.pk and page.pk not in previews
        ):
            course_items.append(page)
        else:
            use.public_pages.append(page)
    if course_items:
        courses = CoursePage.objects.filter(
            path__in=_ancestor_paths(page.path for page in course_items)
        ).values_list("pk", "path")
        use.course_ids = {
            pk for pk, path in courses if any(item.path.startswith(path) for item in course_items)
        }
    use.cohort_ids = cohorts_handing_out(document_id=document.pk)
    return use


def _public_for(request, pages: list[Page]) -> bool:
    """Whether one of these public pages lets this request through its page privacy."""
    if not pages:
        return False
    restrictions = list(
        PageViewRestriction.objects.filter(
            page__path__in=_ancestor_paths(page.path for page in pages)
        ).select_related("page")
    )
    for page in pages:
        applying = [r for r in restrictions if page.path.startswith(r.page.path)]
        if all(restriction.accept_request(request) for restriction in applying):
            return True
    return False


def _may_download(user, document, use: DocumentUse) -> bool:
    if user.is_staff or user.is_superuser or document.uploaded_by_user_id == user.pk:
        return True
    if use.course_ids or use.cohort_ids:
        if (
            Enrolment.objects.filter(learner=user)
            .exclude(status=Enrolment.Status.WITHDRAWN)
            .filter(Q(course_id__in=use.course_ids) | Q(cohort_id__in=use.cohort_ids))
            .exists()
        ):
            return True
    if use.cohort_ids and facilitates_any(user=user, cohort_ids=use.cohort_ids):
        return True
    if not user_has_admin_access(user):
        return False
    pages = PagePermissionPolicy()
    if any(pages.user_has_permission_for_instance(user, "change", page) for page in use.pages):
        return True
    documents = policy_registry.get_by_type(type(document))
    return documents.user_has_permission_for_instance(user, "change", document)


def document_refusal(document, request):
    """None if the request may have the document; else a login redirect or a 403."""
    user = request.user
    if user.is_authenticated and (user.is_staff or user.is_superuser):
        return None
    use = document_use(document)
    if _public_for(request, use.public_pages):
        return None
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if _may_download(user, document, use):
        return None
    context = {
        "document": document,
        "courses": CoursePage.objects.live().filter(pk__in=use.course_ids).order_by("title"),
        "for_cohort": bool(use.cohort_ids),
    }
    return TemplateResponse(request, "lms/document_locked.html", context, status=403)
