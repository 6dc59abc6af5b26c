"""The snapshot's tables as the dashboard shows them: sections, charts, readable cells.

Formatting is for the page only; the exports (impact/exports.py) write the raw numbers, with the
headline's measure keys replaced by the same labels as on the page.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from impact import charts
from impact.tables import Table

HEADLINE_LABELS = {
    "learners": gettext_lazy("Learners"),
    "graduates": gettext_lazy("Graduates"),
    "certificates": gettext_lazy("Certificates issued"),
    "storefronts_live": gettext_lazy("Storefronts live"),
    "orders": gettext_lazy("Orders"),
    "products_listed": gettext_lazy("Products listed"),
}

# (table key, chart kind, chart options, what the chart means): the page's order. Chart kinds
# are impact.charts' functions; None: the table alone.
SECTIONS: list[tuple[str, str | None, dict[str, Any], Any]] = [
    (
        "funnel",
        "funnel",
        {},
        gettext_lazy(
            "People who reached each stage in the period, from signing up to a storefront's "
            "first order. Each stage counts distinct people whose own event falls in the period."
        ),
    ),
    (
        "by_district",
        "bar",
        {},
        gettext_lazy(
            "Learners (at least one enrolment) and graduates (at least one completion) by the "
            "district in their profile, largest first."
        ),
    ),
    ("by_audience", "bar", {}, gettext_lazy("Learners and graduates by audience.")),
    ("by_sector", "bar", {}, gettext_lazy("Learners and graduates by sector.")),
    (
        "by_month",
        "month",
        {},
        gettext_lazy("Sign-ups, enrolments, completions and certificates in each month."),
    ),
    (
        "courses",
        "bar",
        {"series": ["completion_rate", "quiz_pass_rate"], "percent_scale": True},
        gettext_lazy(
            "Per course: enrolments, completions, the share of enrolments completed, the median "
            "days from enrolment to completion and the share of quiz attempts passed."
        ),
    ),
    (
        "cohorts",
        "bar",
        {"series": ["completion_rate", "attendance_rate"], "percent_scale": True},
        gettext_lazy("Per cohort: learners, the share who completed and the attendance rate."),
    ),
    (
        "cohort_sessions",
        None,
        {},
        gettext_lazy(
            "Per session: the learners expected, those marked present, and the attendance rate."
        ),
    ),
    (
        "storefronts",
        "bar",
        {},
        gettext_lazy("Storefronts by their status now: live, suspended, being set up."),
    ),
    (
        "storefront_months",
        "month",
        {},
        gettext_lazy("Storefronts that went live and orders received, per month."),
    ),
]


@dataclasses.dataclass
class Cell:
    text: str
    numeric: bool
    missing: bool = False


@dataclasses.dataclass
class Section:
    key: str
    title: str
    meaning: str
    table: Table
    header: list[str]
    rows: list[list[Cell]]
    chart: str = ""  # safe SVG markup, or "" for a table alone
    csv_url: str = ""


def month_text(value: Any) -> str:
    try:
        year, month = (int(part) for part in str(value).split("-")[:2])
        return formats.date_format(date(year, month, 1), "YEAR_MONTH_FORMAT")
    except (TypeError, ValueError):
        return str(value)


def cell_text(value: Any, kind: str) -> Cell:
    if value is None:
        return Cell("—", kind not in ("label", "month"), missing=True)
    if kind == "label":
        return Cell(str(value), False)
    if kind == "month":
        return Cell(month_text(value), False)
    if kind == "percent":
        return Cell(f"{formats.number_format(value, 1, use_l10n=True)} %", True)
    if kind == "days":
        return Cell(formats.number_format(value, 1, use_l10n=True), True)
    return Cell(formats.number_format(value, 0, use_l10n=True, force_grouping=True), True)


def export_label(table: Table, key: str, value: Any) -> Any:
    """For the exports: the headline's machine keys as the page's labels."""
    if table.key == "headline" and key == "measure":
        return str(HEADLINE_LABELS.get(value, value))
    return value


def headline(table: Table | None) -> list[tuple[str, Cell]]:
    if table is None:
        return []
    return [
        (str(HEADLINE_LABELS.get(measure, measure)), cell_text(value, "count"))
        for measure, value in table.rows
    ]


def _chart(table: Table, kind: str | None, options: dict[str, Any]) -> str:
    if kind is None or not table.rows:
        return ""
    chart_id = f"dashboard-{table.key}"
    if kind == "funnel":
        return charts.funnel_chart(table, chart_id=chart_id)
    if kind == "month":
        return charts.month_chart(table, chart_id=chart_id, **options)
    return charts.bar_chart(table, chart_id=chart_id, **options)


def sections(tables: dict[str, Table], *, with_charts: bool = True) -> list[Section]:
    out = []
    for key, kind, options, meaning in SECTIONS:
        table = tables.get(key)
        if table is None:
            continue
        kinds = [column.kind for column in table.columns]
        out.append(
            Section(
                key=key,
                title=table.title,
                meaning=str(meaning),
                table=table,
                header=[column.label for column in table.columns],
                rows=[
                    [cell_text(value, kind) for value, kind in zip(row, kinds, strict=True)]
                    for row in table.rows
                ],
                chart=_chart(table, kind, options) if with_charts else "",
            )
        )
    return out


def export_keys(tables: dict[str, Table]) -> list[str]:
    """Tables in the page's order, headline first: what the XLSX holds and the CSV links offer."""
    order = ["headline", *[key for key, *_rest in SECTIONS]]
    return [key for key in order if key in tables] + [key for key in tables if key not in order]


def no_data_text() -> str:
    return _("No numbers for this filter.")
