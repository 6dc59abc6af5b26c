"""What the learning side of lms may use of cohorts: the only lms.cohorts module it imports,
besides the wiring listed in .importlinter (the app's models module, apps.py, wagtail_hooks.py).

- ``cohort_seat_release``: a learner who withdraws from a course gives back their cohort seat.
- ``attendance_met``: completion of a cohort course needs enough attendance.
- ``upcoming_sessions`` and ``learner_time_zone``: the dashboard's "Upcoming sessions".
- ``cohort_enrol``: the demo seeds its cohort through the same door as everyone else.
"""

from lms.cohorts.selectors import attendance_met, learner_time_zone
from lms.cohorts.services import cohort_enrol, cohort_seat_release
from lms.cohorts.upcoming import UpcomingSession, upcoming_sessions

__all__ = [
    "UpcomingSession",
    "attendance_met",
    "cohort_enrol",
    "cohort_seat_release",
    "learner_time_zone",
    "upcoming_sessions",
]
