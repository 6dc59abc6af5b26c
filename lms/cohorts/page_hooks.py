"""Course pages that cohorts run on are not deleted.

Cohort.course is PROTECT: a cohort's enrolments, sessions and attendance belong to its course.
Wagtail's delete views do not know it, so deleting such a course page (or a page above it, one
by one or in bulk) ended in a ProtectedError, a 500. These hooks (registered in
lms/wagtail_hooks.py) refuse first, in words, and send the editor back to the page."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from lms.cohorts.models import Cohort


def cohorts_under(pages) -> list[str]:
    """Names of the cohorts whose course is one of these pages or below one."""
    inside = Q()
    for page in pages:
        inside |= Q(course__path__startswith=page.path)
    if not inside:
        return []
    return list(Cohort.objects.filter(inside).order_by("name").values_list("name", flat=True))


def _refusal(request, title: str, names: list[str], back_to: int):
    messages.error(
        request,
        _(
            "“%(page)s” cannot be deleted: cohorts run on it (%(cohorts)s). Their learners' "
            "enrolments and attendance belong to it. Unpublish it instead, or delete the "
            "cohorts first."
        )
        % {"page": title, "cohorts": ", ".join(names)},
    )
    return redirect("wagtailadmin_pages:edit", back_to)


def refuse_deleting_a_page_with_cohorts(request, page):
    names = cohorts_under([page])
    if names:
        return _refusal(request, page.title, names, page.pk)
    return None


def refuse_deleting_pages_with_cohorts(request, action_type, objects, action):
    if action_type != "delete":
        return None
    pages = [obj for obj in objects if hasattr(obj, "path")]
    for page in pages:
        names = cohorts_under([page])
        if names:
            return _refusal(request, page.title, names, page.pk)
    return None
