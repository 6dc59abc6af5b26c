"""Who may manage a cohort: its roster, check-in codes, imports, applications and report."""

from __future__ import annotations

from lms.cohorts.models import Cohort

# People staff may choose as facilitators (with staff), and who see "My cohorts" before being
# given a cohort. accounts/demo.py makes the group.
FACILITATORS_GROUP = "Facilitators"


def user_may_manage_cohort(*, user, cohort: Cohort) -> bool:
    """Staff (and superusers) manage every cohort; a facilitator only the cohorts they lead.
    Memoised per user object and cohort, which live for one request."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_staff or user.is_superuser:
        return True
    cache = getattr(user, "_lms_cohorts_led", None)
    if cache is None:
        cache = user._lms_cohorts_led = {}
    if cohort.pk not in cache:
        cache[cohort.pk] = cohort.facilitators.filter(pk=user.pk).exists()
    return cache[cohort.pk]
