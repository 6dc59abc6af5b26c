from __future__ import annotations

from django.db.models import F
from django.utils import timezone

from accounts.api import profile_for, user_has_admin_access
from lms.cohorts.api import learner_time_zone, upcoming_sessions
from lms.models import Enrolment
from lms.selectors import learner_progress


def dashboard_context(user) -> dict:
    """The learning part of /dashboard/, in a fixed number of queries (asserted in tests). The
    project shell adds the panels of the apps downstream of lms (config/dashboard.py), giving
    them ``progress`` (every enrolment's CourseProgress) so that none computes it again."""
    from allauth.mfa.utils import is_mfa_enabled

    enrolments = list(
        Enrolment.objects.filter(learner=user)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .select_related("course", "last_item", "cohort")
        # The latest activity first; courses not started yet after them, newest first (a
        # NULL would sort first on PostgreSQL and last on SQLite without nulls_last).
        .order_by(F("last_activity_at").desc(nulls_last=True), "-enrolled_at", "-pk")
    )
    # Computed once, and handed on to the panels that show it too (the storefront panel's
    # requirements): config/dashboard.py passes "progress" along.
    progress = learner_progress(learner=user, enrolments=enrolments)
    profile = profile_for(user)
    cohort_enrolments = [enrolment for enrolment in enrolments if enrolment.cohort_id]
    return {
        # The invitation promises the cohort's sessions here. Only learners in
        # a cohort pay for them: two queries, and one for their time zone.
        "in_a_cohort": bool(cohort_enrolments),
        "upcoming_sessions": upcoming_sessions(
            user=user, enrolments=cohort_enrolments, now=timezone.now()
        ),
        "sessions_zone": learner_time_zone(user=user) if cohort_enrolments else None,
        "profile": profile,
        "profile_incomplete": not profile.full_name,
        "mfa_enabled": is_mfa_enabled(user),
        "has_admin_access": user_has_admin_access(user),
        "facilitates": user.facilitated_cohorts.exists() or user.is_staff,
        "progress": progress,
        "in_progress": [p for p in progress if p.enrolment.status == Enrolment.Status.ACTIVE],
        "completed": [p for p in progress if p.enrolment.status == Enrolment.Status.COMPLETED],
    }
