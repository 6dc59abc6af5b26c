"""Every cohort URL, included by lms/urls.py under /learn/cohorts/. The paths are in learners'
e-mails and calendars: they never change."""

from django.urls import path, re_path

from lms.cohorts.views import applications, attendance, invitation, report, roster_import, sessions

SESSION = "<uuid:public_id>/sessions/<int:session_id>/"

urlpatterns = [
    # Sessions: the timetable and its calendar files.
    path("<uuid:public_id>/", sessions.timetable, name="lms_cohort_timetable"),
    path(
        "<uuid:public_id>/calendar.ics",
        sessions.cohort_calendar,
        name="lms_cohort_calendar",
    ),
    path(
        "<uuid:public_id>/sessions/<int:session_id>.ics",
        sessions.session_calendar,
        name="lms_cohort_session_ics",
    ),
    # CSV bulk enrolment and the roster export.
    path("<uuid:public_id>/import/", roster_import.cohort_import, name="lms_cohort_import"),
    path(
        "<uuid:public_id>/roster.csv",
        roster_import.cohort_roster_csv,
        name="lms_cohort_roster_csv",
    ),
    # The invitation's set-password link; the key is allauth's, so its pattern is too.
    re_path(
        r"^welcome/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        invitation.invitation_set_password,
        name="lms_cohort_welcome",
    ),
    # Attendance.
    path("mine/", attendance.mine, name="lms_cohort_mine"),
    path(f"{SESSION}roster/", attendance.roster, name="lms_cohort_roster"),
    path(f"{SESSION}code/", attendance.checkin_code, name="lms_cohort_checkin_code"),
    path(f"{SESSION}check-in/", attendance.check_in, name="lms_cohort_checkin"),
    # Applications and the cohort report.
    path("<uuid:public_id>/apply/", applications.apply, name="lms_cohort_apply"),
    path(
        "<uuid:public_id>/applications/",
        applications.applications,
        name="lms_cohort_applications",
    ),
    path(
        "<uuid:public_id>/applications/<int:application_id>/decide/",
        applications.decide,
        name="lms_cohort_application_decide",
    ),
    path("<uuid:public_id>/report/", report.report, name="lms_cohort_report"),
    path("<uuid:public_id>/report.csv", report.report_csv, name="lms_cohort_report_csv"),
]
