"""With debug off (as `make run` and production serve), every error a visitor can meet is one of
the site's own pages: no Django debug page, no bare "403 Forbidden", nothing of its insides.
tests/run/test_make_run.py checks the same over HTTP against the real `make run`."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.views.defaults import permission_denied

pytestmark = pytest.mark.django_db


def test_an_unknown_host_gets_a_plain_400_without_a_traceback(client):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    html = response.content.decode()
    assert "This request could not be understood" in html
    for leak in ("Traceback", "DisallowedHost", "ALLOWED_HOSTS", "evil.example"):
        assert leak not in html


def test_a_refusal_is_the_sites_own_403_page_with_its_reason(site):
    request = RequestFactory().get("/learn/cohorts/x/")
    request.user = AnonymousUser()
    response = permission_denied(request, PermissionDenied("You do not lead this cohort."))
    assert response.status_code == 403
    html = response.content.decode()
    assert "You cannot open this page" in html and "You do not lead this cohort." in html
    assert 'href="/"' in html  # the site's header and a way on


def test_a_failed_csrf_check_is_the_sites_own_page(site):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"login": "a@example.com", "password": "x"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "This form has expired" in html
    assert "DEBUG" not in html and "CSRF verification failed" not in html
