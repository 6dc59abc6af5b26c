"""Every table of a snapshot against answers worked out by hand (tests/impact/factories.py),
with each filter, in two languages, with query counts that do not grow with the data. Run on
SQLite and on PostgreSQL (docs/impact.md)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.impact import ImpactFilter
from impact.aggregates.numbers import impact_numbers
from impact.snapshot import snapshot
from marketplace_link.models import Storefront
from tests.impact.factories import KNOWN, grow, seed_programme
from tests.impact.sample import sample_tables
from tests.shared_data import shared

pytestmark = pytest.mark.django_db


@shared(needs=("site",))
def impact_programme(site):
    return seed_programme(site)


@pytest.fixture
def programme(impact_programme):
    return impact_programme


def rows(snap, key):
    return snap.tables[key].rows


def funnel(snap) -> list:
    return [people for _stage, people in rows(snap, "funnel")]


def test_tables_and_columns_are_the_contracts(programme):
    tables = snapshot().tables
    sample = sample_tables()
    assert list(tables) == list(sample)
    for key, table in sample.items():
        assert [c.key for c in tables[key].columns] == [c.key for c in table.columns], key
        assert [c.kind for c in tables[key].columns] == [c.kind for c in table.columns], key


def test_the_whole_programme(programme):
    snap = snapshot()
    assert funnel(snap) == list(KNOWN["funnel"].values())
    assert dict(rows(snap, "headline")) == KNOWN["headline"]
    assert rows(snap, "by_district") == [
        ["Gasabo", 12, 8],
        ["Nyarugenge", 7, 4],
        ["Huye", 7, 3],
        ["Musanze", 3, 0],
    ]
    assert rows(snap, "by_audience") == [
        ["Entrepreneur", 19, 11],
        ["Policymaker", 7, 4],
        ["Academic", 3, 0],
    ]
    assert rows(snap, "by_sector") == [
        ["Coffee", 12, 8],
        ["Tea", 7, 3],
        ["Handicrafts", 3, 0],
        ["Not stated", 7, 4],
    ]
    assert rows(snap, "by_month") == [
        ["2026-09", 19, 19, 0, 0],
        ["2026-10", 7, 7, 8, 8],
        ["2026-11", 5, 3, 7, 6],
    ]
    # A: 22 enrolments (staff left out), 11 complete; medians: 8 × 20 d and 3 × 40 d → 20;
    # B: 2 × 37 d and 2 × 41 d → 39; quiz: 12 of 19 graded attempts passed (the open one
    # is not graded).
    assert rows(snap, "courses") == [
        ["Selling coffee online", 22, 11, 50.0, 20.0, 63.2],
        ["Digital trade policy", 7, 4, 57.1, 39.0, None],
    ]
    # Members: 6 (one withdrew). Sessions: 5 of 6; 4 of 5 (one excused, one missed); the
    # cancelled one left out; the coming one counts its marks only. 10 of 12 overall.
    assert rows(snap, "cohorts") == [["Policy 2026 A", "Digital trade policy", 6, 66.7, 83.3]]
    sessions = [row[:2] + row[3:] for row in rows(snap, "cohort_sessions")]
    assert sessions == [
        ["Policy 2026 A", "Opening", 6, 5, 83.3],
        ["Policy 2026 A", "Payments", 5, 4, 80.0],
        ["Policy 2026 A", "Coming up", 1, 1, 100.0],
    ]
    assert rows(snap, "cohort_sessions")[0][2] == "2026-10-05 09:00"  # Kigali time
    assert rows(snap, "storefronts") == [
        ["Live", 3],
        ["Suspended", 1],
        ["Being set up", 1],
        ["In review at the marketplace", 0],
        ["Needs attention", 0],
        ["Rejected by the marketplace", 0],
    ]
    assert rows(snap, "storefront_months") == [["2026-10", 3, 2], ["2026-11", 1, 4]]


def test_the_numbers_add_up_as_defined(programme):
    """Each person is in one district, audience, sector and first month: the rows add up to
    the funnel. Orders are the same rows that raised the stores' order counts."""
    snap = snapshot()
    known = KNOWN["funnel"]
    for key in ("by_district", "by_audience", "by_sector"):
        table = snap.tables[key]
        assert sum(table.column("learners")) == known["enrolled"]
        assert sum(table.column("graduates")) == known["completed"]
    months = snap.tables["by_month"]
    for stage in ("signed_up", "enrolled", "completed", "certified"):
        assert sum(months.column(stage)) == known[stage]
    people = list(programme.stores.values())
    assert (
        sum(s.order_count for s in Storefront.objects.filter(pk__in=[p.pk for p in people]))
        == (KNOWN["headline"]["orders"])
    )


def test_a_date_range_bounds_each_stage_by_its_own_event(programme):
    snap = snapshot(ImpactFilter(start=date(2026, 10, 1), end=date(2026, 10, 31)))
    # Sign-ups: G2; enrolled: G2; completed and certified: G1's 8; applied 6, approved 5 (G1);
    # live: the three stores that went live in October; first order: two stores (the third's
    # first order came in November).
    assert funnel(snap) == [7, 7, 8, 8, 6, 5, 3, 2]
    assert rows(snap, "by_district") == [["Huye", 7, 0], ["Gasabo", 0, 8]]
    assert rows(snap, "by_month") == [["2026-10", 7, 7, 8, 8]]
    # A: G2's 7 enrolled in October, 3 of them completed since; G1's 8 completed in
    # October (20 d); the quiz attempts of October: 9 of 12. B has nothing in October.
    assert rows(snap, "courses") == [["Selling coffee online", 7, 8, 42.9, 20.0, 75.0]]
    assert rows(snap, "storefront_months") == [["2026-10", 3, 2]]
    assert dict(rows(snap, "headline"))["orders"] == 2
    # The cohort runs through October.
    assert [row[0] for row in rows(snap, "cohorts")] == ["Policy 2026 A"]


def test_the_days_are_inclusive_in_kigali_time(programme):
    # G1 joined 2026-09-10 12:00 Kigali: the 10th alone holds them, the 9th and 11th do not.
    assert funnel(snapshot(ImpactFilter(start=date(2026, 9, 10), end=date(2026, 9, 10))))[0] == 12
    assert funnel(snapshot(ImpactFilter(end=date(2026, 9, 9))))[0] == 0
    assert funnel(snapshot(ImpactFilter(start=date(2026, 9, 11), end=date(2026, 9, 19))))[0] == 0
    # A cohort wholly before the period is left out.
    assert rows(snapshot(ImpactFilter(end=date(2026, 9, 1))), "cohorts") == []


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("district", "huye", [7, 7, 3, 2, 0, 0, 0, 0]),
        ("district", "rubavu", [0, 0, 0, 0, 0, 0, 0, 0]),
        ("audience", "policymaker", [7, 7, 4, 4, 0, 0, 0, 0]),
        ("audience", "entrepreneur", [19, 19, 11, 10, 6, 5, 4, 3]),
        ("sector", "coffee", [12, 12, 8, 8, 6, 5, 4, 3]),
        ("sector", "tea", [7, 7, 3, 2, 0, 0, 0, 0]),
    ],
)
def test_people_filters(programme, field, value, expected):
    snap = snapshot(ImpactFilter(**{field: value}))
    assert funnel(snap) == expected
    headline = dict(rows(snap, "headline"))
    assert headline["learners"] == expected[1]
    assert headline["graduates"] == expected[2]


def test_a_course_filter_narrows_people_and_learning_to_that_course(programme):
    snap = snapshot(ImpactFilter(course_id=programme.course_a.pk))
    # The people enrolled in A: G1, G2 and G4 (22); G2's revoked certificate does not count.
    assert funnel(snap) == [22, 22, 11, 10, 6, 5, 4, 3]
    assert [row[0] for row in rows(snap, "courses")] == ["Selling coffee online"]
    assert rows(snap, "cohorts") == []
    snap = snapshot(ImpactFilter(course_id=programme.course_b.pk))
    assert funnel(snap) == [7, 7, 4, 4, 0, 0, 0, 0]
    assert rows(snap, "courses") == [["Digital trade policy", 7, 4, 57.1, 39.0, None]]
    assert dict(rows(snap, "headline"))["certificates"] == 4


def test_a_cohort_filter(programme):
    snap = snapshot(ImpactFilter(cohort_id=programme.cohort.pk))
    assert funnel(snap) == [7, 7, 4, 4, 0, 0, 0, 0]
    assert [row[0] for row in rows(snap, "cohorts")] == ["Policy 2026 A"]
    assert len(rows(snap, "cohort_sessions")) == 3
    assert rows(snapshot(ImpactFilter(cohort_id=programme.cohort.pk + 999)), "cohorts") == []


def test_filters_combine(programme):
    snap = snapshot(ImpactFilter(course_id=programme.course_a.pk, district="gasabo"))
    assert funnel(snap) == [12, 12, 8, 8, 6, 5, 4, 3]
    snap = snapshot(ImpactFilter(sector="coffee", start=date(2026, 11, 1), end=date(2026, 11, 30)))
    # Coffee people in November: the store that went live on 2 November, its first order.
    assert funnel(snap) == [0, 0, 0, 0, 0, 0, 1, 1]


def test_tables_are_labelled_in_the_language_asked_for(programme):
    english = snapshot(language="en")
    french = snapshot(language="fr")
    assert rows(french, "by_sector")[0] == ["Café", 12, 8]
    assert rows(french, "storefronts")[0] == ["En ligne", 3]
    assert rows(english, "storefronts")[0] == ["Live", 3]
    # The numbers are the same.
    assert funnel(french) == funnel(english)
    assert french.language == "fr"
    # An unknown language falls back to the default.
    assert snapshot(language="xx").language == "en"


def _queries(filters: ImpactFilter) -> int:
    with CaptureQueriesContext(connection) as captured:
        impact_numbers(filters)
    return len(captured)


FILTERS = [
    ImpactFilter(),
    ImpactFilter(start=date(2026, 10, 1), end=date(2026, 11, 30), district="gasabo"),
    ImpactFilter(course_id=1, audience="entrepreneur", sector="coffee"),
    ImpactFilter(cohort_id=1),
]


def test_query_counts_stay_flat_as_data_grows(programme, site, django_assert_max_num_queries):
    before = [_queries(f) for f in FILTERS]
    grow(site, copies=2)  # two more pairs of courses, cohorts with sessions, stores, orders
    after = [_queries(f) for f in FILTERS]
    assert after == before
    with django_assert_max_num_queries(18):
        impact_numbers(ImpactFilter())
    # And the tables really did grow.
    assert len(rows(snapshot(), "courses")) == 6
    assert len(rows(snapshot(), "cohorts")) == 3
