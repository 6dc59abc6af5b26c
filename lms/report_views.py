"""Trainer reports in the Wagtail admin (URLs registered in wagtail_hooks.py).

Wagtail's admin wraps these views: anonymous visitors go to the login page and users without
admin access are refused before the view runs. Here each view checks that the user may see the
course asked for; another trainer's course answers 403 (a raised PermissionDenied would be
turned by Wagtail into a redirect to the dashboard, which a script or test cannot tell apart
from success).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import tzinfo

from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.http import private_download
from courses.api import CoursePage
from lms.csv_export import BOM, Echo, local_time, safe_cell
from lms.models import Enrolment
from lms.reports import (
    course_enrolments,
    course_figures,
    learner_rows,
    quiz_figures,
    reportable_courses,
    user_may_report_on,
)

LEARNERS_PER_PAGE = 50
# Spreadsheets run a cell that starts with one of these as a formula (CSV injection); names and
# e-mail addresses are typed by learners, so such a cell is prefixed with a quote.


def _forbidden(request):
    return TemplateResponse(request, "lms/reports/forbidden.html", status=403)


def _course(request, course_id: int) -> CoursePage | None:
    course = get_object_or_404(CoursePage.objects.select_related("locale"), pk=course_id)
    return course if user_may_report_on(user=request.user, course=course) else None


@require_GET
def report_index(request):
    courses = list(reportable_courses(request.user))
    figures = course_figures(course_ids=[course.pk for course in courses])
    rows = [(course, figures[course.pk]) for course in courses]
    return TemplateResponse(request, "lms/reports/index.html", {"rows": rows})


@require_GET
def course_report(request, course_id: int):
    course = _course(request, course_id)
    if course is None:
        return _forbidden(request)
    page = Paginator(course_enrolments(course), LEARNERS_PER_PAGE).get_page(request.GET.get("p"))
    enrolments = list(page.object_list)
    context = {
        "course": course,
        "figures": course_figures(course_ids=[course.pk])[course.pk],
        "quizzes": quiz_figures(course=course),
        "learners": list(learner_rows(course=course, enrolments=enrolments)),
        "page": page,
        "csv_url": reverse("lms_reports_learners_csv", args=[course.pk]),
    }
    return TemplateResponse(request, "lms/reports/course.html", context)


def _csv_lines(course: CoursePage, header: list[str], labels: dict, zone: tzinfo) -> Iterator[str]:
    writer = csv.writer(Echo())
    yield BOM
    yield writer.writerow(header)
    for row in learner_rows(course=course):
        yield writer.writerow(
            [
                safe_cell(row.name),
                safe_cell(row.email),
                labels.get(row.status, row.status),
                row.percent,
                local_time(row.enrolled_at, zone),
                local_time(row.last_activity_at, zone),
                local_time(row.completed_at, zone),
            ]
        )


@require_GET
def course_learners_csv(request, course_id: int):
    """Every learner of the course, streamed: rows are written as the database yields them."""
    course = _course(request, course_id)
    if course is None:
        return _forbidden(request)
    # The stream is consumed after the admin's language and time-zone overrides have ended:
    # translate and pick the zone now.
    header = [
        _("Name"),
        _("E-mail"),
        _("Status"),
        _("Progress (%)"),
        _("Enrolled"),
        _("Last activity"),
        _("Completed"),
    ]
    labels = {value: str(label) for value, label in Enrolment.Status.choices}
    zone = timezone.get_current_timezone()
    response = StreamingHttpResponse(
        _csv_lines(course, header, labels, zone), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.localdate().isoformat()
    return private_download(response, filename=f"{course.slug}-learners-{stamp}.csv")
