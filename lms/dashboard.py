from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from accounts.api import admin_link_shown, profile_for
from lms.cohorts.api import learner_time_zone, upcoming_sessions
from lms.models import Enrolment
from lms.selectors import learner_progress


def dashboard_context(user) -> dict:
    """The learning part of /dashboard/, in a fixed number of queries (asserted in tests). The
    project shell adds the panels of the apps downstream of lms (config/dashboard.py), giving
    them ``progress`` (every enrolment's CourseProgress) so that none computes it again."""
    from allauth.mfa.models import Authenticator

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
    # The profile, whether two-factor is on (allauth's is_mfa_enabled: any authenticator) and
    # whether the learner facilitates a cohort: one query, not three.
    User = get_user_model()
    facilitating = User.facilitated_cohorts.through.objects.filter(user_id=OuterRef("pk"))
    me = (
        User.objects.filter(pk=user.pk)
        .select_related("profile")
        .annotate(
            mfa_enabled=Exists(Authenticator.objects.filter(user_id=OuterRef("pk"))),
            facilitates=Exists(facilitating),
        )
        .get()
    )
    profile = getattr(me, "profile", None)
    if profile is None:
        profile = profile_for(user)
    else:
        user.profile = profile  # the account menu reads it too: no second query
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
        "mfa_enabled": me.mfa_enabled,
        # Only decides whether the "set up two-factor" reminder shows: the account menu's
        # per-process memo answers it, not two permission queries (the admin checks itself).
        "has_admin_access": admin_link_shown(user),
        "facilitates": me.facilitates or user.is_staff,
        "progress": progress,
        "in_progress": [p for p in progress if p.enrolment.status == Enrolment.Status.ACTIVE],
        "completed": [p for p in progress if p.enrolment.status == Enrolment.Status.COMPLETED],
    }
