"""The "Your courses" panel on the Wagtail admin's home page (hook in courses/wagtail_hooks.py).

Trainers landed on a dashboard that did not name their courses, and reached them through an
explorer that opened at "Root". The panel lists the courses they are assigned
to, in every language, with where each stands in review and a link straight to its editor.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState, get_default_page_content_type

from courses.models import CoursePage
from courses.services import TRAINERS

STATUS_LABELS = {
    "changes_requested": _("Changes requested"),
    "in_review": _("In review"),
    "live_draft": _("Live, with unpublished changes"),
    "live": _("Live"),
    "draft": _("Draft"),
}


@dataclass(frozen=True)
class TrainerCourse:
    page: CoursePage
    status: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def _status(page: Page, workflow_status: str | None) -> str:
    if workflow_status == WorkflowState.STATUS_NEEDS_CHANGES:
        return "changes_requested"
    if workflow_status == WorkflowState.STATUS_IN_PROGRESS:
        return "in_review"
    if page.live:
        return "live_draft" if page.has_unpublished_changes else "live"
    return "draft"


def trainer_courses(user) -> list[TrainerCourse]:
    """The user's courses with their review status. Two queries however many courses."""
    pages = list(
        CoursePage.objects.filter(trainers=user)
        .select_related("locale")
        .defer_streamfields()
        .order_by("title", "locale__language_code")
    )
    states = dict(
        WorkflowState.objects.active()
        .filter(
            base_content_type_id=get_default_page_content_type().id,
            object_id__in=[str(page.pk) for page in pages],
        )
        .values_list("object_id", "status")
    )
    return [TrainerCourse(page, _status(page, states.get(str(page.pk)))) for page in pages]


class TrainerCoursesPanel(Component):
    name = "trainer_courses"
    template_name = "courses/admin/trainer_courses_panel.html"
    order = 50  # first: above Wagtail's own panels

    def __init__(self, courses: list[TrainerCourse]):
        self.courses = courses

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["courses"] = self.courses
        return context


def trainer_courses_panel(user) -> TrainerCoursesPanel | None:
    """The panel for a trainer (empty state included); None for staff who train no course."""
    courses = trainer_courses(user)
    if courses or user.groups.filter(name=TRAINERS).exists():
        return TrainerCoursesPanel(courses)
    return None
