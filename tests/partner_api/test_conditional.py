"""The public endpoints answer a repeat question with 304: a partner polling the catalogue or
the impact numbers downloads them again only when they changed. Per-learner feeds are never
stored or validated by anyone between."""

import pytest

from tests.partner_api import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("limits")]


@pytest.mark.parametrize("path", ["/api/v1/courses", "first", "/api/v1/impact"])
def test_a_public_answer_has_a_validator_and_a_repeat_gets_304(client, api_courses, path):
    if path == "first":
        path = f"/api/v1/courses/{api_courses['first'].pk}"
    first = client.get(path)
    assert first.status_code == 200
    etag = first["ETag"]
    again = client.get(path, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag
    # A stale validator gets the whole answer.
    assert client.get(path, HTTP_IF_NONE_MATCH='"stale"').status_code == 200


def test_a_changed_catalogue_changes_the_validator(client, api_courses):
    etag = client.get("/api/v1/courses")["ETag"]
    course = api_courses["first"]
    course.title = "Selling coffee online, second edition"
    course.save_revision().publish()
    changed = client.get("/api/v1/courses", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert "second edition" in changed.content.decode()


def test_a_learner_feed_has_no_validator_and_is_never_stored(client, api_courses):
    headers = factories.bearer(factories.token())
    response = client.get("/api/v1/enrolments", **headers)
    assert response.status_code == 200
    assert "ETag" not in response
    assert "no-store" in response["Cache-Control"]
