"""The cohort report (attendance matrix, progress, completion) and its CSV export, for the
cohort's facilitators and staff. Anonymous visitors are sent to log in; anyone else gets 403."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import datetime, tzinfo

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lms.cohort_report import CohortReport, cohort_report, user_may_manage_cohort
from lms.models import Attendance, Cohort
from lms.report_views import FORMULA_STARTS

# One letter per mark in the matrix; the page spells each out for screen readers and in a legend.
LETTERS = {
    Attendance.Status.PRESENT: "P",
    Attendance.Status.ABSENT: "A",
    Attendance.Status.EXCUSED: "E",
    None: "–",
}


def _cohort(request, public_id) -> Cohort:
    cohort = get_object_or_404(Cohort.objects.select_related("course"), public_id=public_id)
    if not user_may_manage_cohort(user=request.user, cohort=cohort):
        raise PermissionDenied(_("You do not lead this cohort."))
    return cohort


def _labels() -> dict:
    labels = {value: str(label) for value, label in Attendance.Status.choices}
    labels[None] = _("Not marked")
    return labels


@login_required
@require_GET
def report(request, public_id):
    cohort = _cohort(request, public_id)
    data = cohort_report(cohort=cohort)
    labels = _labels()
    rows = [
        {
            "row": row,
            "cells": [(LETTERS[mark], labels[mark], mark or "none") for mark in row.marks],
        }
        for row in data.rows
    ]
    legend = [(LETTERS[mark], labels[mark]) for mark in LETTERS]
    return render(
        request,
        "lms/cohorts/report.html",
        {
            "cohort": cohort,
            "course": cohort.course,
            "report": data,
            "rows": rows,
            "legend": legend,
        },
    )


class _Echo:
    """csv.writer writes to this and gets back the line, ready to yield."""

    def write(self, value: str) -> str:
        return value


def _cell(value: str) -> str:
    # Names, e-mail addresses and session titles are typed by people: a cell a spreadsheet would
    # run as a formula is prefixed with a quote (CSV injection).
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def _when(value: datetime | None, zone: tzinfo) -> str:
    return timezone.localtime(value, zone).strftime("%Y-%m-%d %H:%M") if value else ""


def _csv_lines(
    data: CohortReport, header: list[str], labels: dict, yes_no: tuple[str, str], zone: tzinfo
) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # the BOM makes Excel read the file as UTF-8
    yield writer.writerow(header)
    for row in data.rows:
        yield writer.writerow(
            [
                _cell(row.name),
                _cell(row.email),
                *(labels[mark] if mark else "" for mark in row.marks),
                row.attendance_percent,
                row.progress_percent,
                yes_no[0] if row.completed else yes_no[1],
                _when(row.completed_at, zone),
            ]
        )


@login_required
@require_GET
def report_csv(request, public_id):
    """The report as CSV, one line per learner and one column per session, streamed."""
    cohort = _cohort(request, public_id)
    data = cohort_report(cohort=cohort)
    # The stream is consumed after the request's language and time zone are deactivated:
    # translate and pick the zone now.
    zone = timezone.get_current_timezone()
    header = [
        _("Name"),
        _("E-mail"),
        *(
            _cell(f"{session.title} ({_when(session.starts_at, zone)})")
            for session in data.sessions
        ),
        _("Attendance (%)"),
        _("Progress (%)"),
        _("Completed"),
        _("Completed on"),
    ]
    labels = {value: str(label) for value, label in Attendance.Status.choices}
    response = StreamingHttpResponse(
        _csv_lines(data, header, labels, (_("Yes"), _("No")), zone),
        content_type="text/csv; charset=utf-8",
    )
    stamp = timezone.localdate().isoformat()
    name = slugify(cohort.name) or "cohort"
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{name}-report-{stamp}.csv"
    )
    add_never_cache_headers(response)  # personal data: no shared or browser cache
    return response
