"""Wagtail hooks of impact: the "Programme" dashboard in the admin (impact/dashboard/)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from impact.dashboard import views
from impact.dashboard.access import user_may_see_programme


@hooks.register("register_admin_urls")
def register_programme_urls():
    return [
        path("programme/", views.dashboard, name="impact_dashboard"),
        path("programme/impact.xlsx", views.dashboard_xlsx, name="impact_dashboard_xlsx"),
        path("programme/<slug:key>.csv", views.dashboard_csv, name="impact_dashboard_csv"),
    ]


class ProgrammeMenuItem(MenuItem):
    def is_shown(self, request):
        return user_may_see_programme(request.user)


@hooks.register("register_admin_menu_item")
def register_programme_menu_item():
    return ProgrammeMenuItem(
        _("Programme"),
        reverse("impact_dashboard"),
        name="programme",
        icon_name="table",
        order=250,
    )
