"""Admin URLs for storefronts and their applications, mounted under the Wagtail admin by
wagtail_hooks.py (so Wagtail's admin-access check and login redirect wrap every one of them)."""

from django.urls import path

from marketplace_link import admin_views

app_name = "storefronts_admin"

urlpatterns = [
    path("", admin_views.storefront_index, name="index"),
    path("<int:storefront_id>/", admin_views.storefront_detail, name="storefront"),
    path("<int:storefront_id>/retry/", admin_views.storefront_retry_view, name="retry"),
    path("applications/", admin_views.application_index, name="applications"),
    path("applications/<int:application_id>/", admin_views.application_detail, name="application"),
    path(
        "applications/<int:application_id>/documents/<int:document_id>/",
        admin_views.document_download,
        name="document",
    ),
    path(
        "applications/<int:application_id>/approve/",
        admin_views.application_approve_view,
        name="approve",
    ),
    path(
        "applications/<int:application_id>/request-changes/",
        admin_views.application_request_changes_view,
        name="request_changes",
    ),
    path(
        "applications/<int:application_id>/reject/",
        admin_views.application_reject_view,
        name="reject",
    ),
]
