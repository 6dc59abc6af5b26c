from wagtail import hooks

from lms.cohorts import wagtail_hooks as _cohort_hooks  # noqa: F401  (registers them)
from lms.page_state import before_serve


@hooks.register("before_serve_page")
def attach_learner_state(page, request, serve_args, serve_kwargs):
    return before_serve(page, request)


@hooks.register("before_serve_document")
def check_document_access(document, request):
    # A document follows the access of the lessons, pages and cohorts that show it.
    from lms.document_access import document_refusal

    return document_refusal(document, request)


# --- Trainer reports (lms/reports.py, lms/report_views.py) ---------------------------------

from django.urls import path, reverse  # noqa: E402
from django.utils.translation import gettext_lazy as _  # noqa: E402
from wagtail.admin.menu import MenuItem  # noqa: E402

from lms import report_views  # noqa: E402
from lms.reports import user_has_reports  # noqa: E402


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("learning-reports/", report_views.report_index, name="lms_reports"),
        path(
            "learning-reports/<int:course_id>/",
            report_views.course_report,
            name="lms_reports_course",
        ),
        path(
            "learning-reports/<int:course_id>/learners.csv",
            report_views.course_learners_csv,
            name="lms_reports_learners_csv",
        ),
    ]


class CourseReportsMenuItem(MenuItem):
    def is_shown(self, request):
        # Trainers with at least one course, reviewers, staff: the others would see an empty list.
        return user_has_reports(request.user)


@hooks.register("register_reports_menu_item")
def register_course_reports_menu_item():
    return CourseReportsMenuItem(
        _("Courses and learners"),
        reverse("lms_reports"),
        name="lms-course-reports",
        icon_name="table",
        order=100,
    )
