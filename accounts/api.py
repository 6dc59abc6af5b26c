"""The only module other apps may import from accounts (enforced by import-linter)."""

from accounts.admin_link import admin_link_generation, admin_link_shown
from accounts.demo import demo_groups_ensure, demo_user_ensure
from accounts.impact import (
    impact_bounds,
    impact_people_q,
    impact_period_q,
    impact_signups,
    month_key,
)
from accounts.low_data import wants_low_data
from accounts.models import Audience
from accounts.selectors import profile_for
from accounts.services import user_has_admin_access, user_needs_mfa_setup
from accounts.validators import normalise_phone, validate_e164

__all__ = [
    "admin_link_generation",
    "admin_link_shown",
    "demo_groups_ensure",
    "demo_user_ensure",
    "Audience",
    "impact_bounds",
    "impact_people_q",
    "impact_period_q",
    "impact_signups",
    "month_key",
    "normalise_phone",
    "profile_for",
    "user_has_admin_access",
    "user_needs_mfa_setup",
    "validate_e164",
    "wants_low_data",
]
