"""Cohort URLs (attendance); included by lms/urls.py under /learn/cohorts/."""

from django.urls import path

from lms import attendance_views as views

SESSION = "<uuid:public_id>/sessions/<int:session_id>/"

urlpatterns = [
    path("mine/", views.mine, name="lms_cohort_mine"),
    path(f"{SESSION}roster/", views.roster, name="lms_cohort_roster"),
    path(f"{SESSION}code/", views.checkin_code, name="lms_cohort_checkin_code"),
    path(f"{SESSION}check-in/", views.check_in, name="lms_cohort_checkin"),
]
