"""Cohort URLs (applications); included by lms/urls.py."""

urlpatterns: list = []
