"""Cursor pagination: every row exactly once while rows are added; cursors cannot be forged."""

import pytest

from tests.partner_api import factories
from tests.partner_api.conftest import assert_problem

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("limits")]


def test_walk_sees_every_row_exactly_once_while_rows_are_added(client, api_courses):
    course = api_courses["first"]
    factories.learner_records(course, count=7)
    headers = factories.bearer(factories.token())
    seen, url, added = [], "/api/v1/enrolments?limit=3", 0
    while url:
        page = client.get(url, **headers)
        assert page.status_code == 200, page.content
        body = page.json()
        seen += [row["id"] for row in body["results"]]
        if added < 2:  # a learner enrols between two pages, twice
            factories.learner_records(course, count=1)
            added += 1
        url = body["next"]
    from lms.models import Enrolment

    assert len(seen) == len(set(seen)) == Enrolment.objects.count() == 9
    assert seen == sorted(seen)


def test_next_link_keeps_the_filters(client, api_courses):
    course = api_courses["first"]
    factories.learner_records(course, count=3)
    headers = factories.bearer(factories.token())
    first = client.get(f"/api/v1/enrolments?limit=2&course={course.pk}", **headers).json()
    assert f"course={course.pk}" in first["next"]
    second = client.get(first["next"], **headers).json()
    assert len(second["results"]) == 1 and second["next"] is None


@pytest.mark.parametrize(
    "cursor",
    ["garbage", "", "a" * 400, "eyJhIjoxfQ:abc:def", "%00", "1", "Wy0xXQ:x"],
)
def test_bad_cursor_is_400(client, api_courses, cursor):
    factories.learner_records(api_courses["first"], count=1)
    response = client.get(
        "/api/v1/enrolments", {"cursor": cursor}, **factories.bearer(factories.token())
    )
    if cursor == "":
        assert response.status_code == 200  # empty: the first page
    else:
        body = assert_problem(response, 400)
        assert body["type"].endswith("invalid-cursor") or "errors" in body


def test_tampered_or_borrowed_cursor_is_400(client, api_courses):
    course = api_courses["first"]
    factories.learner_records(course, count=3)
    headers = factories.bearer(factories.token())
    cursor = client.get("/api/v1/enrolments?limit=1", **headers).json()["next_cursor"]
    tampered = cursor[:-2] + ("AA" if not cursor.endswith("AA") else "BB")
    assert_problem(client.get(f"/api/v1/enrolments?cursor={tampered}", **headers), 400)
    # A cursor of one list is not one of another, nor of other filters.
    assert_problem(client.get(f"/api/v1/completions?cursor={cursor}", **headers), 400)
    assert_problem(
        client.get(f"/api/v1/enrolments?cursor={cursor}&course={course.pk}", **headers), 400
    )


def test_page_size_has_a_maximum(client, settings, api_courses):
    settings.ISOKO_API_MAX_PAGE_SIZE = 2
    body = assert_problem(client.get("/api/v1/courses?limit=3"), 400)
    assert body["errors"][0]["parameter"] == "limit"
    assert len(client.get("/api/v1/courses?limit=2").json()["results"]) == 2
