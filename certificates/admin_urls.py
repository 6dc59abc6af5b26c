"""Admin URLs for certificates, mounted under the Wagtail admin by wagtail_hooks.py (so Wagtail's
admin-access check and login redirect wrap every one of them)."""

from django.urls import path

from certificates import admin_views

app_name = "certificates_admin"

urlpatterns = [
    path("", admin_views.certificate_index, name="index"),
    path("<int:certificate_id>/", admin_views.certificate_detail, name="detail"),
    path("<int:certificate_id>/certificate.pdf", admin_views.certificate_pdf, name="pdf"),
    path("<int:certificate_id>/revoke/", admin_views.certificate_revoke_view, name="revoke"),
    path("<int:certificate_id>/reissue/", admin_views.certificate_reissue_view, name="reissue"),
    path("<int:certificate_id>/retry/", admin_views.certificate_retry_view, name="retry"),
]
