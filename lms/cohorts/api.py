"""What the learning side of lms may use of cohorts: the only lms.cohorts module it imports,
besides the wiring listed in .importlinter (the app's models module, apps.py, wagtail_hooks.py).

- ``cohort_seat_release``: a learner who withdraws from a course gives back their cohort seat.
- ``attendance_met``: completion of a cohort course needs enough attendance.
- ``upcoming_sessions`` and ``learner_time_zone``: the dashboard's "Upcoming sessions".
- ``cohorts_taking_applications``: the course page's "Apply" links (lms/page_state.py).
- ``cohorts_handing_out`` and ``facilitates_any``: who may download a document a session hands
  out (lms/document_access.py).
- ``cohort_choices``: the programme dashboard's cohort filter (through lms/api.py).
- ``impact_cohorts``: the programme-impact numbers of cohorts (lms/impact.py re-exports it).
- ``cohort_enrol``: the demo seeds its cohort through the same door as everyone else.
- ``cohort_public_pages_connect``: lms's ready() connects the page-cache purge of cohort course
  pages (lms/cohorts/public_pages.py).
"""

from lms.cohorts.impact import impact_cohorts
from lms.cohorts.public_pages import connect as cohort_public_pages_connect
from lms.cohorts.selectors import (
    attendance_met,
    cohort_choices,
    cohorts_handing_out,
    cohorts_taking_applications,
    facilitates_any,
    learner_time_zone,
)
from lms.cohorts.services import cohort_enrol, cohort_seat_release
from lms.cohorts.upcoming import UpcomingSession, upcoming_sessions

__all__ = [
    "UpcomingSession",
    "attendance_met",
    "cohort_choices",
    "cohort_enrol",
    "cohort_public_pages_connect",
    "cohort_seat_release",
    "cohorts_handing_out",
    "cohorts_taking_applications",
    "facilitates_any",
    "impact_cohorts",
    "learner_time_zone",
    "upcoming_sessions",
]
