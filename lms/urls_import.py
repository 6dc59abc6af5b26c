"""Cohort URLs (CSV bulk enrolment and the roster export); included by lms/urls.py under
/learn/cohorts/."""

from django.urls import path

from lms import cohort_import_views as views

urlpatterns = [
    path("<uuid:public_id>/import/", views.cohort_import, name="lms_cohort_import"),
    path("<uuid:public_id>/roster.csv", views.cohort_roster_csv, name="lms_cohort_roster_csv"),
]
