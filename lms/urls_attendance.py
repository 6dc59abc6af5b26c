"""Cohort URLs (attendance); included by lms/urls.py."""

urlpatterns: list = []
