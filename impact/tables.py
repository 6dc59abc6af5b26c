"""Numbers as tables: the one shape every view of programme impact reads (docs/impact.md).

The dashboard draws a chart from a table and prints the same table beside it as the chart's text
alternative; the CSV and XLSX exports, the public page's downloads and the read API serialise the
same tables. A table is plain data (JSON in the cache and the snapshot rows), so a view never
queries to show it.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Literal

Kind = Literal["label", "month", "count", "percent", "days"]

# A count under this many people is never published (the public page, its CSV and JSON, the
# API's aggregates): it is replaced by None and the table says so.
SUPPRESSION_THRESHOLD = 5


@dataclasses.dataclass(frozen=True)
class Column:
    key: str
    label: str  # already translated when the table was built (tables are built per language)
    kind: Kind = "count"


@dataclasses.dataclass
class Table:
    """``rows`` hold one list per row, in ``columns`` order. A suppressed cell is None."""

    key: str
    title: str
    columns: list[Column]
    rows: list[list[Any]]
    note: str = ""
    suppressed_cells: int = 0

    def column(self, key: str) -> list[Any]:
        index = [column.key for column in self.columns].index(key)
        return [row[index] for row in self.rows]

    def as_dicts(self) -> list[dict[str, Any]]:
        keys = [column.key for column in self.columns]
        return [dict(zip(keys, row, strict=True)) for row in self.rows]

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "columns": [dataclasses.asdict(column) for column in self.columns],
            "rows": self.rows,
            "note": self.note,
            "suppressed_cells": self.suppressed_cells,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Table:
        return cls(
            key=data["key"],
            title=data["title"],
            columns=[Column(**column) for column in data["columns"]],
            rows=[list(row) for row in data["rows"]],
            note=data.get("note", ""),
            suppressed_cells=data.get("suppressed_cells", 0),
        )
