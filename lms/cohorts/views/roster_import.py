"""Bulk enrolment by CSV upload, and the roster export, for a cohort's facilitators and staff.
Anonymous visitors are sent to log in; anyone else gets 403 (as the cohort report does)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import tzinfo

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.http import private_download
from core.ratelimit import allow, too_many_requests
from lms.cohorts import checkin
from lms.cohorts.access import user_may_manage_cohort
from lms.cohorts.models import Attendance, Cohort, CohortSession
from lms.cohorts.report import attendance_share
from lms.cohorts.roster_import import (
    MAX_BYTES,
    MAX_ROWS,
    cohort_import_check,
    cohort_import_csv,
    failed,
    language_codes,
    too_big,
)
from lms.csv_export import BOM, Echo, local_time, safe_cell
from lms.models import Enrolment

# Uploads per user per minute. A file is checked whole on every upload; a person fixing rows
# uploads a few times a minute at most.
UPLOADS_PER_MINUTE = 10


def _cohort(request, public_id) -> Cohort:
    cohort = get_object_or_404(Cohort.objects.select_related("course"), public_id=public_id)
    if not user_may_manage_cohort(user=request.user, cohort=cohort):
        raise PermissionDenied(_("You do not lead this cohort."))
    return cohort


@login_required
@require_http_methods(["GET", "POST"])
def cohort_import(request, public_id):
    """GET: the upload form. POST: check the file and, unless only a check was asked for,
    import it; either way the page shows what happened, row by row."""
    cohort = _cohort(request, public_id)
    context = {
        "cohort": cohort,
        "max_rows": f"{MAX_ROWS:,}",
        "languages": language_codes(),
        "example_header": "email,full name,organisation,role,language",
    }
    if request.method == "POST":
        if not allow(scope="cohort_import", key=request.user.pk, limit=UPLOADS_PER_MINUTE):
            return too_many_requests(request, _("Too many uploads. Wait a minute and try again."))
        upload = request.FILES.get("file")
        only_check = request.POST.get("action") == "check"
        if upload is None:
            check = failed("no_file", _("Choose a CSV file to upload."))
        elif upload.size > MAX_BYTES:
            check = too_big()  # refused before its bytes are read
        elif only_check:
            check = cohort_import_check(cohort=cohort, data=upload.read())
        else:
            result = cohort_import_csv(cohort=cohort, data=upload.read(), actor=request.user)
            context["result"] = result
            check = result.check
            cohort.refresh_from_db(fields=["seats_taken"])
        context.update(check=check, only_check=only_check, filename=getattr(upload, "name", ""))
    return render(request, "lms/cohorts/import.html", context)


# ---------------------------------------------------------------------------------------------
# Roster export
# ---------------------------------------------------------------------------------------------
# The first four column names are ones the import accepts: a roster can be edited in a
# spreadsheet and uploaded again (the other columns are ignored). So they are not translated.
ROSTER_HEADER = [
    "email",
    "full name",
    "organisation",
    "language",
    "status",
    "enrolled at",
    "attendance %",
]


def _roster_lines(cohort: Cohort, labels: dict, zone: tzinfo) -> Iterator[str]:
    """Every enrolment of the cohort, withdrawn ones too (their status says so). Three
    queries whatever the size: the sessions over, the attendance counts, the enrolments
    (read in chunks as the response streams). Attendance is counted as the cohort report
    counts it (lms.cohorts.report.attendance_counts): sessions over or marked."""
    # Over: check-in has closed (lms.cohorts.attendance.session_is_over), 15 minutes after the end.
    closed_before = timezone.now() - checkin.MARGIN
    over = Q(session__ends_at__lte=closed_before)
    sessions_over = CohortSession.objects.filter(
        cohort=cohort, cancelled=False, ends_at__lte=closed_before
    ).count()
    counts = {
        row["learner_id"]: (row["present"], row["absent"], row["marked_over"])
        for row in Attendance.objects.filter(session__cohort=cohort, session__cancelled=False)
        .values("learner_id")
        .annotate(
            present=Count("pk", filter=Q(status=Attendance.Status.PRESENT)),
            absent=Count("pk", filter=Q(status=Attendance.Status.ABSENT)),
            marked_over=Count("pk", filter=over),
        )
        .order_by()
    }
    enrolments = (
        Enrolment.objects.filter(cohort=cohort)
        .select_related("learner__profile")
        .order_by("learner__email", "pk")
    )
    writer = csv.writer(Echo())
    yield BOM
    yield writer.writerow(ROSTER_HEADER)
    for enrolment in enrolments.iterator(chunk_size=500):
        learner = enrolment.learner
        profile = getattr(learner, "profile", None)
        present, absent, marked_over = counts.get(learner.pk, (0, 0, 0))
        counted = present + absent + (sessions_over - marked_over)
        percent = attendance_share(present, counted) if counted else ""
        status = labels[enrolment.status]
        if enrolment.status == Enrolment.Status.ACTIVE and learner.last_login is None:
            status = labels["invited"]
        yield writer.writerow(
            [
                safe_cell(learner.email),
                safe_cell(profile.full_name if profile else ""),
                safe_cell(profile.organisation if profile else ""),
                profile.preferred_language if profile else "",
                status,
                local_time(enrolment.enrolled_at, zone),
                percent,
            ]
        )


@login_required
@require_GET
def cohort_roster_csv(request, public_id):
    """The cohort's roster as CSV, streamed."""
    cohort = _cohort(request, public_id)
    # The stream is consumed after the request's language and time zone are deactivated:
    # translate the labels and pick the zone now.
    labels = {value: str(label) for value, label in Enrolment.Status.choices}
    labels["invited"] = _("Invited, not signed in yet")
    zone = timezone.get_current_timezone()
    response = StreamingHttpResponse(
        _roster_lines(cohort, labels, zone), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.localdate().isoformat()
    name = slugify(cohort.name) or "cohort"
    return private_download(response, filename=f"{name}-roster-{stamp}.csv")
