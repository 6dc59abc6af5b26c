"""Facilitators' pages (their cohorts, a session's roster, the check-in code on screen) and the
learners' check-in form.

Who may see what: a cohort's facilitators and staff (is_staff or superuser) see its roster and
code; anyone else signed in gets 403 and anonymous visitors go to the login page. Only the
cohort's learners may check in. Every write goes through lms.cohorts.attendance.attendance_set.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from accounts.api import user_has_admin_access
from core.http import wants_json
from core.ratelimit import allow, too_many_requests
from lms.cohorts import checkin
from lms.cohorts.access import FACILITATORS_GROUP, user_may_manage_cohort
from lms.cohorts.attendance import (
    STATUSES,
    attendance_set,
    member_enrolment,
    roster_for,
    session_counts,
    session_phase,
)
from lms.cohorts.models import Attendance, Cohort, CohortSession
from lms.errors import LmsError
from lms.rate_limits import learner_limit


def _is_staff(user) -> bool:
    return bool(user.is_staff or user.is_superuser)


def _facilitated_session(request, public_id, session_id) -> tuple[Cohort, CohortSession]:
    cohort = get_object_or_404(Cohort, public_id=public_id)
    if not user_may_manage_cohort(user=request.user, cohort=cohort):
        raise PermissionDenied
    session = get_object_or_404(CohortSession, pk=session_id, cohort=cohort)
    session.cohort = cohort
    return cohort, session


def _when(value) -> str:
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


def _window_message(session) -> str:
    opens, closes = checkin.window(session)
    return _("Check-in is open from %(opens)s to %(closes)s.") % {
        "opens": _when(opens),
        "closes": _when(closes),
    }


def _choices() -> list[tuple[str, str]]:
    return [(value, Attendance.Status(value).label) for value in STATUSES]


@login_required
@require_GET
@never_cache
def mine(request):
    """The cohorts the user facilitates (staff: all), each with its sessions."""
    user = request.user
    cohorts = (
        Cohort.objects.select_related("course")
        .prefetch_related("sessions")
        .order_by("-starts_on", "name")
    )
    if not _is_staff(user):
        cohorts = cohorts.filter(facilitators=user)
    cohorts = list(cohorts)
    now = timezone.now()
    for cohort in cohorts:
        for session in cohort.sessions.all():
            session.phase = session_phase(session, now=now)
    if (
        not cohorts
        and not _is_staff(user)
        and not user.groups.filter(name=FACILITATORS_GROUP).exists()
    ):
        raise PermissionDenied
    # A link to each cohort's admin page only for those the admin would let in.
    edit_in_admin = user_has_admin_access(user) and user.has_perm("lms.change_cohort")
    return render(
        request, "lms/cohorts/mine.html", {"cohorts": cohorts, "edit_in_admin": edit_in_admin}
    )


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def roster(request, public_id, session_id: int):
    cohort, session = _facilitated_session(request, public_id, session_id)
    url = reverse("lms_cohort_roster", args=[cohort.public_id, session.pk])
    if request.method == "POST":
        return _mark(request, session, url)
    data = roster_for(session)
    return render(
        request,
        "lms/cohorts/roster.html",
        {
            "cohort": cohort,
            "session": session,
            "rows": data.rows,
            "counts": data.counts,
            "choices": _choices(),
            "roster_url": url,
        },
    )


def _mark(request, session: CohortSession, url: str):
    learner_id = request.POST.get("learner", "")
    status = request.POST.get("status", "")
    learner = (
        get_user_model().objects.filter(pk=int(learner_id)).first()
        if learner_id.isascii() and learner_id.isdigit()  # "²" is a digit int() refuses
        else None
    )
    try:
        if learner is None:
            raise LmsError(_("This person is not in the cohort."), "not_in_cohort", 403)
        attendance_set(
            session=session, learner=learner, status=status, actor=request.user, via="roster"
        )
    except LmsError as error:
        if wants_json(request):
            return JsonResponse(
                {"error": str(error.message), "code": error.code}, status=error.status
            )
        messages.error(request, error.message)
        return HttpResponseRedirect(url)
    label = Attendance.Status(status).label
    if wants_json(request):
        return JsonResponse(
            {
                "learner": learner.pk,
                "status": status,
                "label": str(label),
                "counts": session_counts(session),
            }
        )
    messages.success(request, _("Saved: %(status)s.") % {"status": label})
    return HttpResponseRedirect(f"{url}#learner-{learner.pk}")


@login_required
@require_GET
@never_cache
def checkin_code(request, public_id, session_id: int):
    """The code for the facilitator's screen: digits and a QR code of the check-in link with the
    code filled in. The page reloads itself when the code changes (a meta refresh: no script)."""
    cohort, session = _facilitated_session(request, public_id, session_id)
    at = checkin.now()
    code = checkin.current_code(session, at=at)
    checkin_url = request.build_absolute_uri(
        reverse("lms_cohort_checkin", args=[cohort.public_id, session.pk])
    )
    context = {
        "cohort": cohort,
        "session": session,
        "code": checkin.display(code) if code else "",
        "window_message": _window_message(session),
        "checkin_url": checkin_url,
        # One second past the change, so the reload never shows the old code again.
        "refresh": checkin.seconds_left(at) + 1 if code else checkin.STEP,
        "qr": checkin.qr_data_uri(f"{checkin_url}?code={code}") if code else "",
    }
    return render(request, "lms/cohorts/checkin_code.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def check_in(request, public_id, session_id: int):
    """A learner types the code shown in the room (or scans the QR, which fills it in)."""
    cohort = get_object_or_404(Cohort, public_id=public_id)
    session = get_object_or_404(CohortSession, pk=session_id, cohort=cohort)
    session.cohort = cohort
    if member_enrolment(session=session, learner=request.user) is None:
        raise PermissionDenied
    url = reverse("lms_cohort_checkin", args=[cohort.public_id, session.pk])
    error = ""
    status = 200
    typed = request.GET.get("code", "")[:12]
    if request.method == "POST":
        typed = request.POST.get("code", "")[:12]
        # Per learner and session: a million codes cannot be guessed at five tries a minute.
        limit = learner_limit("checkin", default=checkin.ATTEMPTS_PER_MINUTE)
        if not allow(scope="checkin", key=f"{request.user.pk}:{session.pk}", limit=limit):
            return too_many_requests(
                request, _("Too many tries. Wait a minute, then type the code shown now.")
            )
        result = checkin.code_check(session, typed)
        if result is checkin.Check.OK:
            try:
                attendance_set(
                    session=session,
                    learner=request.user,
                    status=Attendance.Status.PRESENT,
                    actor=request.user,
                    via="code",
                )
            except LmsError as refused:
                error, status = str(refused.message), refused.status
            else:
                messages.success(request, _("You are checked in. Welcome!"))
                return HttpResponseRedirect(url)
        elif result is checkin.Check.CLOSED:
            error, status = _window_message(session), 400
        elif result is checkin.Check.CANCELLED:
            error, status = _("This session is cancelled."), 409
        else:
            error, status = (
                _(
                    "That code is not right or has expired — ask your facilitator for the "
                    "current one."
                ),
                400,
            )
    mark = Attendance.objects.filter(session=session, learner=request.user).first()
    context = {
        "cohort": cohort,
        "session": session,
        "present": bool(mark and mark.status == Attendance.Status.PRESENT),
        "open": checkin.is_open(session),
        "window_message": _window_message(session),
        "error": error,
        "typed": checkin.normalise(typed),
        "digits": checkin.DIGITS,
    }
    return render(request, "lms/cohorts/checkin.html", context, status=status)
