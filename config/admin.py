from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class SuperuserAdminSite(admin.AdminSite):
    """Django's admin is a back door for superusers only; everyone else works in Wagtail."""

    site_header = "Isoko — Django admin"
    site_title = "Isoko Django admin"

    def has_permission(self, request) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)


class SuperuserAdminConfig(AdminConfig):
    default_site = "config.admin.SuperuserAdminSite"
