"""Cohort URLs (CSV bulk enrolment and the roster export); included by lms/urls.py under
/learn/cohorts/."""

from django.urls import path, re_path

from lms import cohort_import_views as views
from lms import cohort_invitation_views

urlpatterns = [
    path("<uuid:public_id>/import/", views.cohort_import, name="lms_cohort_import"),
    path("<uuid:public_id>/roster.csv", views.cohort_roster_csv, name="lms_cohort_roster_csv"),
    # The invitation's set-password link; the key is allauth's, so its pattern is too.
    re_path(
        r"^welcome/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        cohort_invitation_views.invitation_set_password,
        name="lms_cohort_welcome",
    ),
]
