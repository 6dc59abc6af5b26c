"""/api/v1/impact against impact-data's real public snapshot (not the sample)."""

import pytest

from impact.api import PUBLIC_TABLES
from tests.partner_api import factories
from tests.partner_api.contract import assert_matches

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("limits")]


def test_real_public_snapshot_is_served_suppressed(client, openapi, api_courses):
    factories.learner_records(api_courses["first"], count=7, completed=6, certified=2)
    factories.learner_records(api_courses["second"], count=2, completed=1)
    response = client.get("/api/v1/impact")
    assert response.status_code == 200, response.content[:500]
    assert_matches(openapi, "/api/v1/impact", response)
    body = response.json()
    tables = {table["key"]: table for table in body["tables"]}
    assert set(tables) == set(PUBLIC_TABLES)
    nulls = 0
    for table in tables.values():
        kinds = {column["key"]: column["kind"] for column in table["columns"]}
        table_nulls = 0
        for row in table["rows"]:
            for key, value in row.items():
                if kinds[key] == "count":
                    assert value is None or value >= 5, (table["key"], row)
                table_nulls += value is None
        assert table_nulls >= table["suppressed_cells"], table["key"]
        nulls += table_nulls
    headline = {row["measure"]: row["value"] for row in tables["headline"]["rows"]}
    assert headline["learners"] == 9 and headline["graduates"] == 7
    assert headline["certificates"] is None  # 2 people: suppressed
    assert nulls > 0
