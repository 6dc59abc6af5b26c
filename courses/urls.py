"""Wagtail's front-end URLs (wagtail.urls), with its serve view given the route that
courses.routing finds in one query. Same names and patterns, so ``{% url 'wagtail_serve' %}``,
``{% pageurl %}`` and Wagtail's password and login views work as before."""

from django.urls import re_path
from wagtail import urls as wagtail_urls

from courses.routing import serve

urlpatterns = [
    *[pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"],
    re_path(wagtail_urls.serve_pattern, serve, name="wagtail_serve"),
]
