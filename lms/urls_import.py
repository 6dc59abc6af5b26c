"""Cohort URLs (import); included by lms/urls.py."""

urlpatterns: list = []
