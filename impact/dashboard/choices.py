"""What the dashboard's filter offers: courses, cohorts, audiences, districts and sectors."""

from __future__ import annotations

from accounts.api import Audience
from core.rwanda import DISTRICTS, Sector
from courses.api import CoursePage
from impact.dashboard.forms import FilterChoices
from lms.api import cohort_choices


def filter_choices() -> FilterChoices:
    """Two queries: the courses and the cohorts."""
    courses = [
        (pk, f"{title} ({language})")
        for pk, title, language in CoursePage.objects.order_by(
            "title", "locale__language_code"
        ).values_list("pk", "title", "locale__language_code")
    ]
    return FilterChoices(
        courses=courses,
        cohorts=cohort_choices(),
        audiences=list(Audience.choices),
        districts=list(DISTRICTS),
        sectors=list(Sector.choices),
    )
