"""The public numbers never show a count under 5, nor a cell one could be worked out from
(impact/aggregates/suppress.py; docs/impact.md, "Suppression")."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from impact.aggregates.suppress import complementary, suppress
from impact.snapshot import PUBLIC_TABLES, public_snapshot
from impact.tables import SUPPRESSION_THRESHOLD, Column, Table
from tests.impact.factories import seed_programme
from tests.shared_data import shared


@shared(needs=("site",))
def impact_public_programme(site):
    return seed_programme(site)


def small_counts(snapshot) -> list:
    found = []
    for table in snapshot.tables.values():
        for row in table.rows:
            for column, value in zip(table.columns, row, strict=True):
                if column.kind == "count" and value is not None and value < SUPPRESSION_THRESHOLD:
                    found.append((table.key, column.key, row))
    return found


@pytest.mark.django_db
def test_the_public_snapshot_of_the_programme(impact_public_programme):
    snap = public_snapshot(language="en")
    assert snap.public
    assert tuple(snap.tables) == PUBLIC_TABLES
    assert small_counts(snap) == []
    rows = {key: table.rows for key, table in snap.tables.items()}
    # Live (4) and first order (3) are under 5; so is storefronts_live (3).
    assert [people for _stage, people in rows["funnel"]] == [31, 29, 15, 14, 6, 5, None, None]
    assert dict(rows["headline"])["storefronts_live"] is None
    assert dict(rows["headline"])["learners"] == 29
    # Learners: Musanze's 3 hidden, and Huye's 7 with it (29 - the rest would give it away);
    # graduates: Huye 3 and Musanze 0, and Nyarugenge's 4 is under 5 too: only Gasabo's 8 shows.
    # Hidden rows come last, in name order, whatever their true size.
    assert rows["by_district"] == [
        ["Gasabo", 12, 8],
        ["Nyarugenge", 7, None],
        ["Huye", None, None],
        ["Musanze", None, None],
    ]
    # Graduates: Academic 0 and Policymaker 4 hidden hold 4 together, under 5: Entrepreneur's
    # 11 is hidden too, although the total (15) is published.
    assert rows["by_audience"] == [
        ["Entrepreneur", 19, None],
        ["Policymaker", None, None],
        ["Academic", None, None],
    ]
    assert rows["by_sector"] == [
        ["Coffee", 12, 8],
        ["Tea", 7, None],
        ["Handicrafts", None, None],
        ["Not stated", None, None],
    ]
    assert rows["by_month"] == [
        ["2026-09", 19, 19, None, None],
        ["2026-10", 7, None, 8, 8],
        ["2026-11", 5, None, None, None],
    ]
    # B: 4 completions hidden, and its completion rate (4 of 7) and median with them.
    assert rows["courses"] == [
        ["Selling coffee online", 22, 11, 50.0, 20.0, 63.2],
        ["Digital trade policy", 7, None, None, None, None],
    ]
    by_key = snap.tables
    assert by_key["by_district"].suppressed_cells == 5
    assert by_key["courses"].suppressed_cells == 3  # B's rate of none (no quiz) was None already
    for table in by_key.values():
        assert "fewer than 5" in table.note
    # What the JSON download and the API serialise: the same, no small count.
    data = json.loads(json.dumps(snap.to_json()))
    for table in data["tables"].values():
        kinds = [column["kind"] for column in table["columns"]]
        for row in table["rows"]:
            for kind, value in zip(kinds, row, strict=True):
                assert kind != "count" or value is None or value >= SUPPRESSION_THRESHOLD


@pytest.mark.django_db
def test_an_empty_programme_publishes_nothing_small(site):
    snap = public_snapshot()
    assert small_counts(snap) == []
    assert [people for _stage, people in snap.tables["funnel"].rows] == [None] * 8


def test_complementary_examples():
    # One small cell beside a published total: the next smallest goes too.
    assert complementary([12, 7, 7, 3], {3}, True) == {2, 3}
    # Two small cells holding under 5 together: another goes.
    assert complementary([8, 4, 3, 0], {1, 2, 3}, True) == {1, 2, 3}
    assert complementary([8, 4, 0], {1, 2}, True) == {0, 1, 2}
    # Nothing hidden, or the total itself hidden: nothing more to do.
    assert complementary([8, 9], set(), True) == set()
    assert complementary([1, 2], {0, 1}, False) == {0, 1}


def _district_table(learners: list[int], graduates: list[int]) -> Table:
    return Table(
        key="by_district",
        title="",
        columns=[
            Column("by_district", "District", "label"),
            Column("learners", "Learners"),
            Column("graduates", "Graduates"),
        ],
        rows=[
            [f"D{i:02d}", a, b] for i, (a, b) in enumerate(zip(learners, graduates, strict=True))
        ],
    )


columns = st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(data=st.data(), learners=columns)
def test_no_small_count_survives_and_none_can_be_worked_out(data, learners):
    graduates = [data.draw(st.integers(min_value=0, max_value=n)) for n in learners]
    table = _district_table(learners, graduates)
    funnel = {"enrolled": sum(learners), "completed": sum(graduates)}
    public = suppress({"by_district": table}, {"funnel": funnel, "courses": []})["by_district"]
    for name, truth in (("learners", learners), ("graduates", graduates)):
        shown = dict(zip((row[0] for row in public.rows), public.column(name), strict=True))
        # 1. No count under the threshold is published.
        assert all(v is None or v >= SUPPRESSION_THRESHOLD for v in shown.values())
        # 2. Published values are the true ones.
        by_label = {f"D{i:02d}": v for i, v in enumerate(truth)}
        assert all(v is None or v == by_label[k] for k, v in shown.items())
        hidden = [by_label[k] for k, v in shown.items() if v is None]
        total = sum(truth)
        if hidden and total >= SUPPRESSION_THRESHOLD:
            # 3. The published total minus the shown cells gives only the hidden cells' sum:
            # never one cell alone, and never a sum under the threshold.
            assert len(hidden) >= 2
            assert sum(hidden) >= SUPPRESSION_THRESHOLD
    # The rows are the same rows, the hidden ones after the shown ones.
    assert sorted(row[0] for row in public.rows) == sorted(row[0] for row in table.rows)
    assert public.suppressed_cells == sum(
        1 for row in public.rows for value in row[1:] if value is None
    )


@settings(max_examples=200, deadline=None)
@given(
    enrolments=st.integers(0, 30),
    done=st.integers(0, 30),
    graded=st.integers(0, 30),
    passed=st.integers(0, 30),
)
def test_rates_of_few_people_are_suppressed(enrolments, done, graded, passed):
    done, passed = min(done, enrolments), min(passed, graded)
    table = Table(
        key="courses",
        title="",
        columns=[
            Column("course", "Course", "label"),
            Column("enrolments", "Enrolments"),
            Column("completions", "Completions"),
            Column("completion_rate", "Completion rate", "percent"),
            Column("median_days", "Median", "days"),
            Column("quiz_pass_rate", "Quiz pass rate", "percent"),
        ],
        rows=[["C", enrolments, done, 50.0, 12.0, 60.0]],
    )
    facts = {
        "funnel": {},
        "courses": [
            {
                "enrolments": enrolments,
                "enrolled_completed": done,
                "completions": done,
                "quiz_graded": graded,
                "quiz_passed": passed,
            }
        ],
    }
    (row,) = suppress({"courses": table}, facts)["courses"].rows
    small = SUPPRESSION_THRESHOLD
    assert (row[3] is None) == (enrolments < small or done < small)
    assert (row[4] is None) == (done < small)
    assert (row[5] is None) == (graded < small or passed < small)
