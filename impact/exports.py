"""The dashboard's numbers as files: one table as CSV, the whole view as XLSX (openpyxl).

Both read the snapshot's tables, the very numbers the page shows. Labels come from people (course
and cohort titles, session names), so a text cell that a spreadsheet would run as a formula
(starting with = + - @, a tab or a carriage return) gets a leading apostrophe, and in the XLSX is
also stored as plain text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from impact.tables import Table

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"  # makes Excel read the CSV as UTF-8
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Labeller = Callable[[Table, str, Any], Any]


def safe_cell(value: Any) -> Any:
    """Text a spreadsheet would run as a formula, defused; numbers and None as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def _plain(table: Table, key: str, value: Any) -> Any:
    return value


def _rows(table: Table, labeller: Labeller) -> Iterable[list[Any]]:
    keys = [column.key for column in table.columns]
    for row in table.rows:
        yield [safe_cell(labeller(table, key, value)) for key, value in zip(keys, row, strict=True)]


def table_csv(table: Table, *, labeller: Labeller = _plain) -> str:
    """The table as CSV text: a header of column labels, then the rows; an empty cell is a
    number not known (a rate of nothing, or a suppressed count)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([safe_cell(column.label) for column in table.columns])
    for row in _rows(table, labeller):
        writer.writerow(["" if value is None else value for value in row])
    return BOM + out.getvalue()


def _sheet_title(key: str, taken: set[str]) -> str:
    # Excel: at most 31 characters, none of []:*?/\ ; table keys are already plain.
    title = "".join(ch for ch in key if ch not in "[]:*?/\\")[:31] or "table"
    base, n = title, 2
    while title.lower() in taken:
        suffix = f"_{n}"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.lower())
    return title


def _text_cell(sheet, value: Any, *, bold: bool = False) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=safe_cell(value))
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text
    if bold:
        cell.font = Font(bold=True)
    return cell


def snapshot_xlsx(
    tables: Iterable[Table],
    *,
    title: str,
    about: list[tuple[str, str]],
    refreshed_at: datetime,
    refreshed_label: str,
    labeller: Labeller = _plain,
) -> bytes:
    """A workbook: a first sheet with the title, the filters (``about``: label, value) and the
    refresh time, then one sheet per table named by its key, the title in the first row, the
    column labels in the second, then the rows."""
    book = Workbook(write_only=True)
    taken: set[str] = set()
    cover = book.create_sheet(_sheet_title("about", taken))
    cover.append([_text_cell(cover, title, bold=True)])
    cover.append([_text_cell(cover, refreshed_label), _text_cell(cover, refreshed_at.isoformat())])
    for label, value in about:
        cover.append([_text_cell(cover, label), _text_cell(cover, value)])
    for table in tables:
        sheet = book.create_sheet(_sheet_title(table.key, taken))
        sheet.append([_text_cell(sheet, table.title, bold=True)])
        sheet.append([_text_cell(sheet, column.label, bold=True) for column in table.columns])
        for row in _rows(table, labeller):
            sheet.append([_text_cell(sheet, value) for value in row])
        if table.note:
            sheet.append([_text_cell(sheet, table.note)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
