"""The only module other apps may import from lms (enforced by import-linter)."""

from lms.demo import demo_cohort_ensure, demo_graduate
from lms.models import Completion, Enrolment
from lms.selectors import learner_progress

__all__ = [
    "demo_cohort_ensure",
    "demo_graduate",
    "Completion",
    "Enrolment",
    "learner_progress",
]
