"""The only module other apps may import from lms (enforced by import-linter)."""

from lms.dashboard import dashboard_context
from lms.demo import demo_cohort_ensure, demo_graduate
from lms.nudges import absolute_url, language_for
from lms.ratelimit import allow as rate_limit_allow
from lms.responses import varies_on
from lms.selectors import CompletionFacts, completion_facts, completion_ids, course_progress
from lms.signals import course_completed

__all__ = [
    "CompletionFacts",
    "demo_cohort_ensure",
    "demo_graduate",
    "absolute_url",
    "completion_facts",
    "completion_ids",
    "course_completed",
    "course_progress",
    "dashboard_context",
    "language_for",
    "rate_limit_allow",
    "varies_on",
]
