"""Cohort URLs (sessions): the timetable and its calendar files; included by lms/urls.py."""

from django.urls import path

from lms import session_views

urlpatterns = [
    path("<uuid:public_id>/", session_views.timetable, name="lms_cohort_timetable"),
    path(
        "<uuid:public_id>/calendar.ics",
        session_views.cohort_calendar,
        name="lms_cohort_calendar",
    ),
    path(
        "<uuid:public_id>/sessions/<int:session_id>.ics",
        session_views.session_calendar,
        name="lms_cohort_session_ics",
    ),
]
