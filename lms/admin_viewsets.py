"""Cohorts and sessions in the Wagtail admin, for staff (Django model permissions decide who).

Facilitators do not need the admin: their cohorts, rosters and check-in codes live under
/learn/cohorts/ and show only the cohorts they facilitate."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from lms.models import Cohort, CohortSession


class CohortViewSet(ModelViewSet):
    model = Cohort
    icon = "group"
    menu_label = _("Cohorts")
    add_to_admin_menu = False
    list_display = ["name", "course", "starts_on", "ends_on", "status", "seats_taken", "capacity"]
    list_filter = ["status", "enrolment_mode"]
    search_fields = ["name"]
    panels = [
        FieldPanel("course"),
        FieldPanel("name"),
        MultiFieldPanel(
            [FieldPanel("starts_on"), FieldPanel("ends_on"), FieldPanel("status")],
            heading=_("Dates"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("capacity"),
                FieldPanel("enrolment_mode"),
                FieldPanel("attendance_threshold"),
            ],
            heading=_("Enrolment"),
        ),
        FieldPanel("facilitators"),
    ]


class CohortSessionViewSet(ModelViewSet):
    model = CohortSession
    icon = "date"
    menu_label = _("Sessions")
    add_to_admin_menu = False
    list_display = ["title", "cohort", "starts_at", "ends_at", "cancelled"]
    list_filter = ["cohort", "cancelled"]
    search_fields = ["title"]
    panels = [
        FieldPanel("cohort"),
        FieldPanel("title"),
        FieldPanel("agenda"),
        MultiFieldPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading=_("Time")),
        MultiFieldPanel([FieldPanel("venue"), FieldPanel("meeting_url")], heading=_("Place")),
        MultiFieldPanel([FieldPanel("lessons"), FieldPanel("documents")], heading=_("Materials")),
        FieldPanel("cancelled"),
    ]


class CohortsGroup(ViewSetGroup):
    menu_label = _("Cohorts")
    menu_icon = "group"
    menu_order = 210
    items = (CohortViewSet, CohortSessionViewSet)
