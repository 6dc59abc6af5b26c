"""Cohort URLs (sessions); included by lms/urls.py."""

urlpatterns: list = []
