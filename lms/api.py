"""The only module other apps may import from lms (enforced by import-linter)."""

from lms.demo import seed_demo_cohort

__all__ = ["seed_demo_cohort"]
