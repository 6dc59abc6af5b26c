"""/impact/ on the real numbers: impact-data's seeded programme (tests/impact/factories.py), with
groups of 2, 3 and 4 people, through ``public_snapshot()``, the page, the CSV files and the JSON.
No count under 5 gets out anywhere, and what the files say is what the snapshot says."""

from __future__ import annotations

import json
import re

import pytest
from django.conf import settings
from django.utils import timezone

from impact.snapshot import PUBLIC_TABLES, public_snapshot, snapshot_refresh
from impact.tables import SUPPRESSION_THRESHOLD
from tests.impact.factories import at, enrol, grow, people, seed_programme
from tests.impact.test_public import Cells, numbers_in, page_cache_on, parse_csv  # noqa: F401
from tests.shared_data import shared

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]


@shared(needs=("site",))
def public_programme(site):
    return seed_programme(site)


def path(language: str, rest: str = "") -> str:
    return ("" if language == settings.LANGUAGE_CODE else f"/{language}") + "/impact/" + rest


def small(values) -> list:
    return [v for v in values if v is not None and v < SUPPRESSION_THRESHOLD]


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_count_under_5_on_the_page(client, public_programme, language):
    response = client.get(path(language))
    assert response.status_code == 200
    html = response.content.decode()
    parser = Cells()
    parser.feed(html)
    assert len(parser.count_cells) > 20
    # Musanze (3 learners), the live stores (4) and first orders (3) are withheld.
    assert "<5" in parser.count_cells
    assert any("<5" in value for value in parser.chart_values)
    shown = [n for cell in parser.count_cells + parser.chart_values for n in numbers_in(cell)]
    assert small(shown) == []
    # The page's numbers are the snapshot's: Gasabo's 12 learners, 29 learners in all.
    snap = public_snapshot(language=language)
    assert dict(snap.tables["headline"].rows)["learners"] == 29
    assert re.search(r'impact-card-value">29<', html)
    assert f'<time datetime="{timezone.localtime(snap.refreshed_at).isoformat()}">' in html


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_csv_files_and_json_are_the_suppressed_snapshot(client, public_programme, language):
    snap = public_snapshot(language=language)
    for key in PUBLIC_TABLES:
        table = snap.tables[key]
        response = client.get(path(language, f"{key}.csv"))
        assert response.status_code == 200
        header, rows = parse_csv(response.content)
        assert header == [column.key for column in table.columns]
        assert rows == table.rows, key
        counts = [i for i, c in enumerate(table.columns) if c.kind == "count"]
        assert small([row[i] for row in rows for i in counts]) == [], key
    data = json.loads(client.get(path(language, "data.json")).content)
    assert data["tables"] == {key: table.to_json() for key, table in snap.tables.items()}
    assert data["refreshed_at"] == snap.refreshed_at.isoformat()
    assert data["suppression"]["suppressed_cells"] == sum(
        t.suppressed_cells for t in snap.tables.values()
    )
    assert data["suppression"]["suppressed_cells"] > 0
    for table in data["tables"].values():
        counts = [i for i, c in enumerate(table["columns"]) if c["kind"] == "count"]
        assert small([row[i] for row in table["rows"] for i in counts]) == []


def test_the_page_costs_the_same_few_queries_as_the_programme_grows(
    client, public_programme, site, django_assert_max_num_queries
):
    snapshot_refresh()
    client.get("/impact/")  # warm: the site memo and the cached snapshot
    with django_assert_max_num_queries(1) as small_programme:
        assert client.get("/impact/").status_code == 200
    grow(site, copies=2)
    snapshot_refresh()
    client.get("/impact/")
    with django_assert_max_num_queries(1) as bigger:
        assert client.get("/impact/").status_code == 200
    assert len(bigger.captured_queries) == len(small_programme.captured_queries)


def test_a_real_refresh_purges_the_cached_page(
    client,
    public_programme,  # noqa: F811
    site,
    page_cache_on,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        snapshot_refresh()
    assert client.get("/impact/")["X-Page-Cache"] == "miss"
    assert client.get("/impact/")["X-Page-Cache"] == "hit"
    # Six more learners (no page is published, which would purge the cache by itself).
    enrol(people(6, district="rubavu", joined=at(8, 3)), public_programme.course_a, on=at(8, 5))
    with django_capture_on_commit_callbacks(execute=True):
        snapshot_refresh()
    fresh = client.get("/impact/")
    assert fresh["X-Page-Cache"] == "miss"
    assert 'impact-card-value">35<' in fresh.content.decode()
