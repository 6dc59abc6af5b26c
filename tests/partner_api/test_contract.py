"""Each endpoint's answers, checked against the served OpenAPI document's schemas."""

import pytest

from tests.impact.sample import sample_snapshot
from tests.partner_api import factories
from tests.partner_api.conftest import assert_problem
from tests.partner_api.contract import assert_matches

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("limits")]


def test_catalogue_lists_live_public_courses_with_counts(client, openapi, api_courses):
    response = client.get("/api/v1/courses")
    assert response.status_code == 200
    assert_matches(openapi, "/api/v1/courses", response)
    body = response.json()
    by_title = {course["title"]: course for course in body["results"]}
    assert set(by_title) == {"Selling coffee online", "Payments and logistics"}
    coffee = by_title["Selling coffee online"]
    assert (coffee["module_count"], coffee["lesson_count"]) == (2, 4)
    assert (
        by_title["Payments and logistics"]["module_count"],
        by_title["Payments and logistics"]["lesson_count"],
    ) == (1, 1)  # noqa: E501
    assert coffee["language"] == "en"
    assert coffee["url"].startswith("http") and coffee["url"].endswith("/selling-coffee-online/")
    assert body["next"] is None and body["next_cursor"] is None


def test_catalogue_filters_by_language(client, openapi, api_courses):
    response = client.get("/api/v1/courses?language=fr")
    assert_matches(openapi, "/api/v1/courses", response)
    assert response.json()["results"] == []


def test_course_detail_and_its_404(client, openapi, api_courses):
    course = api_courses["first"]
    response = client.get(f"/api/v1/courses/{course.pk}")
    assert response.status_code == 200
    assert_matches(openapi, "/api/v1/courses/{course_id}", response)
    assert response.json()["summary"] == course.summary
    for hidden in (api_courses["draft"], api_courses["private"]):
        missing = client.get(f"/api/v1/courses/{hidden.pk}")
        assert_problem(missing, 404)
        assert_matches(openapi, "/api/v1/courses/{course_id}", missing)


def test_learner_feeds(client, openapi, api_courses):
    course = api_courses["first"]
    learners = factories.learner_records(course, count=3, completed=2, certified=1)
    headers = factories.bearer(factories.token())
    for path, expected in (("enrolments", 3), ("completions", 2), ("certificates", 1)):
        response = client.get(f"/api/v1/{path}", **headers)
        assert response.status_code == 200, response.content
        assert_matches(openapi, f"/api/v1/{path}", response)
        rows = response.json()["results"]
        assert len(rows) == expected, path
        assert {row["course_id"] for row in rows} == {course.pk}
        assert {row["learner_id"] for row in rows} <= {str(user.public_id) for user in learners}
    certificate = client.get("/api/v1/certificates", **headers).json()["results"][0]
    assert certificate["status"] == "valid"


def test_learner_feeds_share_no_personal_data_beyond_the_pseudonymous_id(client, api_courses):
    [learner] = factories.learner_records(api_courses["first"], count=1, completed=1, certified=1)
    headers = factories.bearer(factories.token())
    for path in ("enrolments", "completions", "certificates"):
        text = client.get(f"/api/v1/{path}", **headers).content.decode()
        assert learner.email not in text and "Learner 0" not in text, path


def test_staff_are_not_learners_of_the_programme(client, api_courses):
    from lms.services.enrolment import enrolment_create
    from tests.accounts.factories import StaffFactory

    enrolment_create(learner=StaffFactory(), course=api_courses["first"])
    response = client.get("/api/v1/enrolments", **factories.bearer(factories.token()))
    assert response.json()["results"] == []


def test_updated_since_and_course_filters(client, api_courses):
    from datetime import timedelta

    from django.utils import timezone

    from lms.models import EnrolmentEvent

    first, second = api_courses["first"], api_courses["second"]
    factories.learner_records(first, count=2)
    factories.learner_records(second, count=1)
    old = timezone.now() - timedelta(days=30)
    EnrolmentEvent.objects.filter(enrolment__course=first).update(at=old)
    from lms.models import Enrolment

    Enrolment.objects.filter(course=first).update(enrolled_at=old)
    headers = factories.bearer(factories.token())
    since = (timezone.now() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    recent = client.get(f"/api/v1/enrolments?updated_since={since}", **headers).json()
    assert [row["course_id"] for row in recent["results"]] == [second.pk]
    only_first = client.get(f"/api/v1/enrolments?course={first.pk}", **headers).json()
    assert {row["course_id"] for row in only_first["results"]} == {first.pk}
    assert len(only_first["results"]) == 2


def _public(snapshot):
    """The sample as public_snapshot gives it: public tables only, each table saying so."""
    from impact.snapshot import PUBLIC_TABLES

    snapshot.tables = {key: t for key, t in snapshot.tables.items() if key in PUBLIC_TABLES}
    snapshot.public = True
    return snapshot


@pytest.fixture
def sample_impact(monkeypatch):
    from partner_api import endpoints

    calls = []

    def fake_public_snapshot(*, language=None):
        calls.append(language)
        return _public(sample_snapshot(public=True))

    monkeypatch.setattr(endpoints, "public_snapshot", fake_public_snapshot)
    return calls


def test_impact_numbers_are_the_public_snapshot(client, openapi, sample_impact):
    response = client.get("/api/v1/impact?language=fr")
    assert response.status_code == 200
    assert_matches(openapi, "/api/v1/impact", response)
    assert sample_impact == ["fr"]
    body = response.json()
    tables = {table["key"]: table for table in body["tables"]}
    assert "cohorts" not in tables and "storefronts" not in tables  # not public tables
    headline = {row["measure"]: row["value"] for row in tables["headline"]["rows"]}
    assert headline["learners"] == 380
    assert body["suppression_threshold"] == 5


def test_no_count_under_five_leaves_through_the_api(client, sample_impact):
    """The sample has Rubavu with 3 learners and 1 graduate, unsuppressed: the API's own guard
    nulls them (impact-data's public_snapshot suppresses them, and their complements, first)."""
    body = client.get("/api/v1/impact").json()
    for table in body["tables"]:
        kinds = {column["key"]: column["kind"] for column in table["columns"]}
        for row in table["rows"]:
            for key, value in row.items():
                if kinds[key] == "count" and value is not None:
                    assert value >= 5, (table["key"], row)
    district = {
        row["by_district"]: row
        for row in next(t for t in body["tables"] if t["key"] == "by_district")["rows"]
    }
    assert district["Rubavu"]["learners"] is None and district["Gasabo"]["learners"] == 120
