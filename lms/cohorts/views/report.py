"""The cohort report (attendance matrix, progress, completion) and its CSV export, for the
cohort's facilitators and staff. Anonymous visitors are sent to log in; anyone else gets 403."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import tzinfo

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.http import private_download
from lms.cohorts.access import user_may_manage_cohort
from lms.cohorts.models import Attendance, Cohort
from lms.cohorts.report import CohortReport, cohort_report
from lms.csv_export import BOM, Echo, local_time, safe_cell

# An unmarked session that is not over yet: neither attended nor missed.
NOT_OVER = "not-over"
# One letter per mark in the matrix; the page spells each out for screen readers and in a legend.
LETTERS = {
    Attendance.Status.PRESENT: "P",
    Attendance.Status.ABSENT: "A",
    Attendance.Status.EXCUSED: "E",
    None: "–",
    NOT_OVER: "·",
}


def _cohort(request, public_id) -> Cohort:
    cohort = get_object_or_404(Cohort.objects.select_related("course"), public_id=public_id)
    if not user_may_manage_cohort(user=request.user, cohort=cohort):
        raise PermissionDenied(_("You do not lead this cohort."))
    return cohort


def _labels() -> dict:
    labels = {value: str(label) for value, label in Attendance.Status.choices}
    labels[None] = _("Not marked")
    labels[NOT_OVER] = _("Not over yet")
    return labels


def _cell_marks(data: CohortReport, marks: list[str | None]) -> list[str | None]:
    """The row's marks, with NOT_OVER for a session not over yet that has no mark."""
    return [
        NOT_OVER if mark is None and not ended else mark
        for mark, ended in zip(marks, data.over, strict=True)
    ]


@login_required
@require_GET
def report(request, public_id):
    cohort = _cohort(request, public_id)
    data = cohort_report(cohort=cohort)
    labels = _labels()
    rows = [
        {
            "row": row,
            "cells": [
                (LETTERS[mark], labels[mark], mark or "none")
                for mark in _cell_marks(data, row.marks)
            ],
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
            "sessions": list(zip(data.sessions, data.over, strict=True)),
        },
    )


def _csv_lines(
    data: CohortReport, header: list[str], labels: dict, yes_no: tuple[str, str], zone: tzinfo
) -> Iterator[str]:
    writer = csv.writer(Echo())
    yield BOM
    yield writer.writerow(header)
    for row in data.rows:
        yield writer.writerow(
            [
                safe_cell(row.name),
                safe_cell(row.email),
                *(labels[mark] for mark in _cell_marks(data, row.marks)),
                row.attendance_percent if row.counted else "",
                row.progress_percent,
                yes_no[0] if row.completed else yes_no[1],
                local_time(row.completed_at, zone),
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
            safe_cell(f"{session.title} ({local_time(session.starts_at, zone)})")
            for session in data.sessions
        ),
        _("Attendance (%)"),
        _("Progress (%)"),
        _("Completed"),
        _("Completed on"),
    ]
    labels = _labels()
    response = StreamingHttpResponse(
        _csv_lines(data, header, labels, (_("Yes"), _("No")), zone),
        content_type="text/csv; charset=utf-8",
    )
    stamp = timezone.localdate().isoformat()
    name = slugify(cohort.name) or "cohort"
    return private_download(response, filename=f"{name}-report-{stamp}.csv")
