"""The only module other apps may import from lms (enforced by import-linter)."""

from lms.dashboard import dashboard_context
from lms.demo import seed_demo_cohort, seed_demo_graduates
from lms.models import Completion, Enrolment
from lms.nudges import absolute_url, language_for
from lms.ratelimit import allow as rate_limit_allow
from lms.responses import varies_on
from lms.selectors import learner_progress
from lms.signals import course_completed

__all__ = [
    "Completion",
    "Enrolment",
    "absolute_url",
    "course_completed",
    "dashboard_context",
    "language_for",
    "learner_progress",
    "rate_limit_allow",
    "seed_demo_cohort",
    "seed_demo_graduates",
    "varies_on",
]
