"""The only module other apps may import from lms (enforced by import-linter)."""

from lms.demo import seed_demo_cohort, seed_demo_graduates
from lms.models import Completion, Enrolment
from lms.selectors import learner_progress

__all__ = [
    "Completion",
    "Enrolment",
    "learner_progress",
    "seed_demo_cohort",
    "seed_demo_graduates",
]
