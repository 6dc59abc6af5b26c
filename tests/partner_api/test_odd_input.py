"""Odd input in every parameter: a 4xx problem document, never a 5xx."""

import pytest

from tests.partner_api import factories
from tests.partner_api.conftest import assert_problem

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("limits")]

ODD = [
    "-1",
    "0",
    "abc",
    "1.5",
    "99999999999999999999999",
    "\x00",
    "💥",
    "' OR 1=1 --",
    "x" * 2000,
    "2026-13-45T99:99:99Z",
    "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59-14:00",
    "1e9",
    "null",
]
FEED_PARAMS = ("updated_since", "course", "cursor", "limit")


def _check(response):
    assert response.status_code < 500, response.content[:300]
    if response.status_code >= 400:
        assert_problem(response, response.status_code)


@pytest.mark.parametrize("value", ODD)
@pytest.mark.parametrize(
    "path", ["/api/v1/enrolments", "/api/v1/completions", "/api/v1/certificates"]
)
def test_feed_parameters(client, value, path):
    headers = factories.bearer(factories.token())
    for name in FEED_PARAMS:
        _check(client.get(path, {name: value}, **headers))


@pytest.mark.parametrize("value", ODD)
def test_public_parameters(client, value):
    for name in ("language", "cursor", "limit"):
        _check(client.get("/api/v1/courses", {name: value}))
    _check(client.get("/api/v1/impact", {"language": value}))


@pytest.mark.parametrize("value", ["0", "-1", "abc", "99999999999999999999", "1.5", "%00", "💥"])
def test_course_id_in_the_path(client, value):
    response = client.get(f"/api/v1/courses/{value}")
    assert response.status_code in (400, 404)
    assert_problem(response, response.status_code)


def test_repeated_parameters_and_odd_timezones(client, api_courses):
    headers = factories.bearer(factories.token())
    _check(client.get("/api/v1/enrolments?limit=1&limit=2&course=1&course=x", **headers))
    for since in ("2026-11-01", "2026-11-01T00:00:00", "2026-11-01T00:00:00+02:00"):
        assert (
            client.get("/api/v1/enrolments", {"updated_since": since}, **headers).status_code == 200
        )  # noqa: E501


def test_unknown_path_and_wrong_method_are_problems(client):
    assert_problem(client.get("/api/v1/nothing-here"), 404)
    assert_problem(client.get("/api/v1/"), 404)
    response = client.post("/api/v1/courses", data={})
    assert_problem(response, 405)
    assert "GET" in response["Allow"]
    assert_problem(client.delete("/api/v1/enrolments"), 405)


def test_an_unexpected_error_is_a_500_problem(client, monkeypatch):
    from partner_api import endpoints

    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(endpoints, "catalogue_feed", broken)
    client.raise_request_exception = False
    body = assert_problem(client.get("/api/v1/courses"), 500)
    assert "boom" not in body["detail"]
