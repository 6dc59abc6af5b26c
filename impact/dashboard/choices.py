"""What the dashboard's filter offers: courses, cohorts, audiences, districts and sectors."""

from __future__ import annotations

from accounts.api import Audience
from courses.api import CoursePage
from impact.dashboard.forms import FilterChoices
from lms.api import cohort_choices


def _places() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    try:  # core/rwanda.py comes with helper impact-data's branch (issue 17)
        from core import rwanda
    except ImportError:
        return [], []
    return list(rwanda.DISTRICT_CHOICES), list(rwanda.SECTOR_CHOICES)


def filter_choices() -> FilterChoices:
    """Two queries: the courses and the cohorts."""
    courses = [
        (pk, f"{title} ({language})")
        for pk, title, language in CoursePage.objects.order_by(
            "title", "locale__language_code"
        ).values_list("pk", "title", "locale__language_code")
    ]
    districts, sectors = _places()
    return FilterChoices(
        courses=courses,
        cohorts=cohort_choices(),
        audiences=list(Audience.choices),
        districts=districts,
        sectors=sectors,
    )
