"""The only module other apps may import from lms (enforced by import-linter)."""

from lms.cohorts.api import cohort_choices
from lms.dashboard import dashboard_context
from lms.demo import demo_cohort_ensure, demo_graduate
from lms.impact import (
    course_title,
    impact_cohorts,
    impact_courses,
    impact_learning,
    impact_member_ids,
)
from lms.selectors import CompletionFacts, completion_facts, completion_ids, course_progress
from lms.signals import course_completed

__all__ = [
    "CompletionFacts",
    "cohort_choices",
    "demo_cohort_ensure",
    "demo_graduate",
    "completion_facts",
    "course_title",
    "completion_ids",
    "course_completed",
    "course_progress",
    "dashboard_context",
    "impact_cohorts",
    "impact_courses",
    "impact_learning",
    "impact_member_ids",
]
