"""Cohort applications: a learner applies; staff and the cohort's facilitators decide.

Anonymous visitors are sent to log in. The decision views answer 403 to anyone who is neither
staff nor a facilitator of that cohort (another cohort's facilitator included).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lms.cohorts.access import user_may_manage_cohort
from lms.cohorts.applications import (
    MOTIVATION_MAX,
    NOTE_MAX,
    cohort_application_decide,
    cohort_application_refusal,
    cohort_application_submit,
)
from lms.cohorts.models import Cohort, CohortApplication
from lms.errors import LmsError
from lms.rate_limits import learner_rate_limited


class ApplicationForm(forms.Form):
    motivation = forms.CharField(
        label=gettext_lazy("Why do you want to join this cohort?"),
        help_text=gettext_lazy(
            "A few sentences: your role, and what you hope to take back to your work."
        ),
        max_length=MOTIVATION_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


def _cohort(public_id, **filters) -> Cohort:
    return get_object_or_404(
        Cohort.objects.select_related("course"), public_id=public_id, **filters
    )


def _managed_cohort(request, public_id) -> Cohort:
    cohort = _cohort(public_id)
    if not user_may_manage_cohort(user=request.user, cohort=cohort):
        raise PermissionDenied(_("You do not lead this cohort."))
    return cohort


@login_required
@require_http_methods(["GET", "POST"])
@learner_rate_limited("enrol")
def apply(request, public_id):
    """GET: the cohort and the form (or why one cannot apply, or one's application).
    POST: apply once; a second POST shows the existing application."""
    cohort = _cohort(public_id, course__live=True)
    application = CohortApplication.objects.filter(cohort=cohort, learner=request.user).first()
    form = ApplicationForm(request.POST or None)
    status = 200
    refusal = None
    if application is None:
        refusal = cohort_application_refusal(cohort=cohort, learner=request.user)
    if request.method == "POST":
        if application is not None:
            messages.info(request, _("You have already applied to this cohort."))
        elif refusal is not None:
            status = refusal.status
        elif form.is_valid():
            try:
                cohort_application_submit(
                    cohort=cohort,
                    learner=request.user,
                    motivation=form.cleaned_data["motivation"],
                )
            except LmsError as error:
                if error.code != "already_applied":
                    refusal, status = error, error.status
            else:
                messages.success(
                    request, _("Your application is sent. We will e-mail you the decision.")
                )
                return redirect("lms_cohort_apply", public_id=cohort.public_id)
            application = CohortApplication.objects.filter(
                cohort=cohort, learner=request.user
            ).first()
        else:
            status = 400
    return render(
        request,
        "lms/cohorts/apply.html",
        {
            "cohort": cohort,
            "course": cohort.course,
            "application": application,
            "refusal": refusal,
            "form": form,
        },
        status=status,
    )


@login_required
@require_GET
def applications(request, public_id):
    cohort = _managed_cohort(request, public_id)
    rows = list(
        CohortApplication.objects.filter(cohort=cohort)
        .select_related("learner__profile", "decided_by__profile")
        .order_by("submitted_at", "pk")
    )
    waiting = [row for row in rows if row.status == CohortApplication.Status.SUBMITTED]
    decided = [row for row in rows if row.status != CohortApplication.Status.SUBMITTED]
    decided.sort(key=lambda row: row.decided_at, reverse=True)
    return render(
        request,
        "lms/cohorts/applications.html",
        {
            "cohort": cohort,
            "course": cohort.course,
            "waiting": waiting,
            "decided": decided,
            "note_max": NOTE_MAX,
        },
    )


@login_required
@require_POST
def decide(request, public_id, application_id: int):
    cohort = _managed_cohort(request, public_id)
    application = get_object_or_404(
        CohortApplication.objects.select_related("learner__profile"),
        pk=application_id,
        cohort=cohort,
    )
    decision = request.POST.get("decision")
    if decision not in ("approve", "decline"):
        messages.error(request, _("Choose to approve or decline."))
        return redirect("lms_cohort_applications", public_id=cohort.public_id)
    approve = decision == "approve"
    try:
        cohort_application_decide(
            application=application,
            approve=approve,
            actor=request.user,
            note=request.POST.get("note", ""),
        )
    except LmsError as error:
        messages.error(request, error.message)
        return redirect("lms_cohort_applications", public_id=cohort.public_id)
    who = application.learner.get_full_name()
    if approve:
        messages.success(
            request, _("%(who)s is approved and enrolled in the cohort.") % {"who": who}
        )
    else:
        messages.success(request, _("%(who)s's application is declined.") % {"who": who})
    return redirect("lms_cohort_applications", public_id=cohort.public_id)
