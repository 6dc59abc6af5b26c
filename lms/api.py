"""The only module other apps may import from lms (enforced by import-linter)."""

from lms.demo import demo_cohort_ensure, demo_graduate
from lms.models import Completion, Enrolment
from lms.nudges import absolute_url, language_for
from lms.ratelimit import allow as rate_limit_allow
from lms.responses import varies_on
from lms.selectors import learner_progress

__all__ = [
    "demo_cohort_ensure",
    "demo_graduate",
    "Completion",
    "Enrolment",
    "absolute_url",
    "language_for",
    "learner_progress",
    "rate_limit_allow",
    "varies_on",
]
