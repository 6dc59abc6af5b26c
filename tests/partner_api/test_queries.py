"""Query counts stay flat as rows grow (N vs N+2, per page and per endpoint)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.courses import factories as course_factories
from tests.partner_api import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("limits")]


def _queries(client, url, **headers) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **headers)
    assert response.status_code == 200, response.content
    return len(captured)


@pytest.mark.parametrize("path", ["enrolments", "completions", "certificates"])
def test_feeds_are_flat(client, api_courses, path, django_assert_max_num_queries):
    course = api_courses["first"]
    headers = factories.bearer(factories.token())
    factories.learner_records(course, count=3, completed=3, certified=3)
    _queries(client, f"/api/v1/{path}", **headers)  # warm the per-minute use row
    before = _queries(client, f"/api/v1/{path}", **headers)
    factories.learner_records(course, count=2, completed=2, certified=2)
    with django_assert_max_num_queries(before):
        response = client.get(f"/api/v1/{path}", **headers)
    assert len(response.json()["results"]) == 5
    # A token check (1), the minute's use row (1), the page (1).
    assert before <= 3


def test_catalogue_is_flat(client, site, api_courses, django_assert_max_num_queries):
    before = _queries(client, "/api/v1/courses")
    catalog = course_factories.catalog(site)
    for title in ("Third", "Fourth"):
        course_factories.lesson(course_factories.module(course_factories.course(catalog, title)))
    with django_assert_max_num_queries(before):
        response = client.get("/api/v1/courses")
    assert len(response.json()["results"]) == 4
