"""Cohort URLs (applications and the cohort report); included by lms/urls.py under cohorts/."""

from django.urls import path

from lms import application_views, cohort_report_views

urlpatterns = [
    path("<uuid:public_id>/apply/", application_views.apply, name="lms_cohort_apply"),
    path(
        "<uuid:public_id>/applications/",
        application_views.applications,
        name="lms_cohort_applications",
    ),
    path(
        "<uuid:public_id>/applications/<int:application_id>/decide/",
        application_views.decide,
        name="lms_cohort_application_decide",
    ),
    path("<uuid:public_id>/report/", cohort_report_views.report, name="lms_cohort_report"),
    path(
        "<uuid:public_id>/report.csv",
        cohort_report_views.report_csv,
        name="lms_cohort_report_csv",
    ),
]
