"""The dashboard's exports, read back: each table as CSV (csv module), the whole view as XLSX
(openpyxl), filters kept, and no cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from impact.dashboard import views
from impact.exports import BOM, safe_cell, snapshot_xlsx, table_csv
from impact.tables import Column, Table
from tests.impact.sample import sample_snapshot
from tests.impact.test_dashboard import URL, calls, manager_client  # noqa: F401  (fixtures)

EVIL = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR", "Plain"]


def evil_table() -> Table:
    return Table(
        key="courses",
        title="=Courses",
        columns=[Column("course", "Course", "label"), Column("enrolments", "Enrolments")],
        rows=[[name, -5 if i == 0 else i] for i, name in enumerate(EVIL)] + [["None", None]],
    )


def sheet_values(sheet) -> list[list]:
    """Each row's values, without the empty cells openpyxl pads short rows with."""
    out = []
    for row in sheet.iter_rows(values_only=True):
        row = list(row)
        while row and row[-1] is None:
            row.pop()
        out.append(row)
    return out


def read_csv(text: str) -> list[list[str]]:
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[len(BOM) :])))


def test_safe_cell_defuses_every_formula_start_and_leaves_the_rest():
    for value in EVIL[:-1]:
        assert safe_cell(value) == "'" + value
    assert safe_cell("Plain") == "Plain"
    assert safe_cell(-5) == -5 and safe_cell(None) is None and safe_cell(12.5) == 12.5


def test_csv_of_a_table_reads_back_defused():
    rows = read_csv(table_csv(evil_table()))
    assert rows[0] == ["Course", "Enrolments"]
    assert [row[0] for row in rows[1:-1]] == ["'" + v for v in EVIL[:-1]] + ["Plain"]
    assert rows[1][1] == "-5"  # a negative number stays a number
    assert rows[-1] == ["None", ""]  # an unknown number is an empty cell


def test_xlsx_reads_back_with_a_first_sheet_and_no_formula():
    from datetime import UTC, datetime

    content = snapshot_xlsx(
        [evil_table()],
        title="Isoko",
        about=[("Course", "=evil()"), ("From", "2026-09-01")],
        refreshed_at=datetime(2026, 12, 1, 6, 0, tzinfo=UTC),
        refreshed_label="Numbers as of",
    )
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["about", "courses"]
    about = sheet_values(book["about"])
    assert about[1] == ["Numbers as of", "2026-12-01T06:00:00+00:00"]
    assert ["Course", "'=evil()"] in about
    sheet = book["courses"]
    values = sheet_values(sheet)
    assert values[0] == ["'=Courses"]
    assert values[1] == ["Course", "Enrolments"]
    assert values[2] == ["'" + EVIL[0], -5]
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate


# --- Through the views ---------------------------------------------------------------------


def test_every_table_downloads_as_csv_with_the_snapshots_numbers(manager_client, calls):  # noqa: F811
    snap = sample_snapshot()
    for key, table in snap.tables.items():
        response = manager_client.get(f"{URL}{key}.csv")
        assert response.status_code == 200, key
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert "attachment" in response["Content-Disposition"]
        assert f"isoko-programme-{key}-" in response["Content-Disposition"]
        rows = read_csv(response.content.decode())
        assert rows[0] == [column.label for column in table.columns]
        assert len(rows) == len(table.rows) + 1
        if key == "headline":
            assert rows[1] == ["Learners", "380"]
            assert ["Storefronts live", "33"] in rows
        else:
            expected = [["" if v is None else str(v) for v in row] for row in table.rows]
            assert rows[1:] == expected, key


def test_the_csv_keeps_the_filter(manager_client, calls):  # noqa: F811
    response = manager_client.get(f"{URL}by_district.csv", {"start": "2026-10-01"})
    assert response.status_code == 200
    assert str(calls[-1][0].start) == "2026-10-01"


def test_the_xlsx_holds_every_table_and_the_filter(manager_client, calls):  # noqa: F811
    response = manager_client.get(
        f"{URL}impact.xlsx", {"start": "2026-09-01", "audience": "entrepreneur"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    snap = sample_snapshot()
    assert book.sheetnames[0] == "about"
    assert set(book.sheetnames[1:]) == set(snap.tables)
    about = sheet_values(book["about"])
    assert about[0] == ["Isoko programme impact"]
    assert about[1][0] == "Numbers as of" and about[1][1].startswith("2026-12-01T08:00:00")
    assert ["From", "2026-09-01"] in about
    assert ["Audience", "Entrepreneur"] in about
    for key, table in snap.tables.items():
        values = sheet_values(book[key])
        assert values[0] == [table.title]
        assert values[1] == [column.label for column in table.columns]
        if key != "headline":
            assert values[2:] == table.rows, key


def test_the_unfiltered_xlsx_says_so(manager_client, calls):  # noqa: F811
    response = manager_client.get(f"{URL}impact.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    about = sheet_values(book["about"])
    assert ["Filter", "None: the whole programme"] in about


@pytest.fixture
def evil_snapshot(monkeypatch):
    def fake(filters=None, *, language=None):
        snap = sample_snapshot(filters)
        snap.tables["courses"] = evil_table()
        return snap

    monkeypatch.setattr(views, "snapshot", fake)


def test_downloads_defuse_formulas_from_course_titles(manager_client, evil_snapshot):  # noqa: F811
    rows = read_csv(manager_client.get(f"{URL}courses.csv").content.decode())
    assert all(not row[0].startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows)
    book = load_workbook(io.BytesIO(manager_client.get(f"{URL}impact.xlsx").content))
    for row in book["courses"].iter_rows():
        for cell in row:
            assert cell.data_type != "f"
            if isinstance(cell.value, str):
                assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r"))
