"""Server-rendered, accessible SVG charts of an ``impact.tables.Table`` (issue 17).

Shared by the public open-data page (``/impact/``) and the Wagtail dashboard. Three functions,
each returning a ``SafeString`` holding one ``<svg>`` to put straight into a template::

    bar_chart(table, *, label=None, series=None, sort=True, limit=None, chart_id=None,
              title=None, percent_scale=None) -> SafeString
        Ranked horizontal bars, one row per table row (e.g. 30 districts), one bar per series
        (1 to 4 series; the learners and graduates of ``by_district`` by default).
    funnel_chart(table, *, label=None, value=None, chart_id=None, title=None) -> SafeString
        Centred bars narrowing stage by stage, each labelled with its count and its share of
        the first stage (``funnel``: stage, people).
    month_chart(table, *, month=None, series=None, chart_id=None, title=None) -> SafeString
        Grouped horizontal bars, one group per month in table order (``by_month``,
        ``storefront_months``); months are printed as "Nov 2026" in the active language.

Arguments: ``label``/``month`` is the key of the column naming each row (default: the first
column of kind "label" or "month"); ``series``/``value`` are keys of numeric columns (default:
the count columns, at most two for ``bar_chart``, all of them for ``month_chart``); ``chart_id``
prefixes every id inside the SVG (default ``"chart-<table.key>"``: pass one when a page shows
the same table twice); ``title`` defaults to ``table.title``. Percent columns are drawn on a
0-100 scale. Render inside ``translation.override(...)`` for another language.

Accessibility and safety:

- ``role="img"`` with ``aria-labelledby`` naming its ``<title>`` and ``<desc>``; the description
  says what is drawn and that the table beside it holds every number (callers print that table).
- Every value is printed as text beside its bar, so the chart reads without colour; a second,
  third and fourth series are filled with hatching, dots and cross-hatching and named in a
  legend drawn with the same swatches, never told apart by colour alone.
- A suppressed cell (``None``) is drawn as the text "<5 (suppressed)", never as a zero bar.
- Scales with its container (``viewBox``, no width or height attributes): 400 user units wide,
  so text stays legible on a 360 px phone; ``static/css/impact-charts.css`` sets a maximum width.
- No ``style`` attribute and no script (the site's CSP has ``style-src 'self'``): look comes from
  classes styled by ``static/css/impact-charts.css``, with presentation attributes (``fill``) as a
  fallback so the SVG still reads without that file. Every label is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from impact.tables import Column, Table

WIDTH = 400  # user units; the SVG scales to its container
FONT = 16  # text, in user units (13 px on a 360 px phone)
VALUE_SPACE = 96  # right of the longest bar: room for its value label ("1,000,000 (100%)")
BAR = 18  # height of one bar
BAR_GAP = 4  # between the bars of one row
ROW_GAP = 12  # between rows
LABEL_LINE = 22  # the row's label, printed above its bars
LEGEND_LINE = 26
MAX_LABEL_CHARS = 42
INK = "#1a1a1a"  # 17.4:1 on white
BAR_FILL = "#0b5d3b"  # the site's green: 7.6:1 on white
# Series 0 solid, then patterns: told apart by shape, not by colour.
PATTERNS = ("solid", "hatch", "dots", "cross")


def _e(value: Any) -> str:
    return str(escape(str(value)))


def _shorten(text: str) -> str:
    return text if len(text) <= MAX_LABEL_CHARS else text[: MAX_LABEL_CHARS - 1].rstrip() + "…"


def _columns(table: Table) -> dict[str, Column]:
    return {column.key: column for column in table.columns}


def _default_label(table: Table) -> str:
    for column in table.columns:
        if column.kind in ("label", "month"):
            return column.key
    raise ValueError(f"table {table.key!r} has no label column")


def _default_series(table: Table, limit: int | None) -> list[str]:
    keys = [column.key for column in table.columns if column.kind == "count"]
    if not keys:
        keys = [c.key for c in table.columns if c.kind in ("percent", "days")]
    return keys[:limit] if limit else keys


def format_value(value: Any, kind: str = "count") -> str:
    """A cell as printed on a chart (and usable in tables): localised, "<5" when suppressed."""
    if value is None:
        return gettext("<5")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if kind == "percent":
        return gettext("%(number)s%%") % {"number": formats.number_format(round(value, 1), 1)}
    if kind == "days":
        return formats.number_format(round(value, 1), 1)
    if isinstance(value, float) and not value.is_integer():
        return formats.number_format(round(value, 1), 1, force_grouping=True)
    return formats.number_format(int(value), 0, force_grouping=True)


def format_month(value: Any) -> str:
    """'2026-11' → 'Nov 2026' in the active language (the raw value when it is not a month)."""
    try:
        year, month = (int(part) for part in str(value).split("-")[:2])
        day = date(year, month, 1)
    except (TypeError, ValueError):
        return str(value)
    return formats.date_format(day, "YEAR_MONTH_FORMAT") if month else str(value)


def _number(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return max(number, 0.0)


def _defs(chart_id: str, count: int) -> str:
    """Fill patterns for series 1.. (series 0 is solid)."""
    parts = []
    for index in range(1, count):
        kind = PATTERNS[index % len(PATTERNS)]
        pid = f"{chart_id}-p{index}"
        if kind == "hatch":
            body = (
                f'<rect width="6" height="6" fill="#fff"/>'
                f'<path class="chart-pattern" d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2" '
                f'stroke="{BAR_FILL}" stroke-width="1.6"/>'
            )
        elif kind == "dots":
            body = (
                f'<rect width="6" height="6" fill="#fff"/>'
                f'<circle class="chart-pattern-dot" cx="3" cy="3" r="1.4" fill="{BAR_FILL}"/>'
            )
        else:
            body = (
                f'<rect width="6" height="6" fill="#fff"/>'
                f'<path class="chart-pattern" d="M0,3 h6 M3,0 v6" '
                f'stroke="{BAR_FILL}" stroke-width="1.2"/>'
            )
        parts.append(
            f'<pattern id="{_e(pid)}" width="6" height="6" patternUnits="userSpaceOnUse">'
            f"{body}</pattern>"
        )
    return f"<defs>{''.join(parts)}</defs>" if parts else ""


def _fill(chart_id: str, index: int) -> str:
    return BAR_FILL if index == 0 else f"url(#{chart_id}-p{index})"


def _svg(chart_id: str, title: str, desc: str, height: float, body: str, kind: str) -> SafeString:
    cid = _e(chart_id)
    return mark_safe(  # noqa: S308 (every piece of text in it went through _e)
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{kind}" id="{cid}" '
        f'viewBox="0 0 {WIDTH} {height:g}" role="img" focusable="false" '
        f'aria-labelledby="{cid}-title {cid}-desc" font-size="{FONT}" '
        f'font-family="system-ui, sans-serif" fill="{INK}">'
        f'<title id="{cid}-title">{_e(title)}</title>'
        f'<desc id="{cid}-desc">{_e(desc)}</desc>'
        f"{body}</svg>"
    )


def _legend(chart_id: str, labels: list[str], y: float) -> tuple[str, float]:
    """Swatches with their series' names, wrapped onto as many lines as needed."""
    if len(labels) < 2:
        return "", y
    parts, x = [], 0.0
    for index, label in enumerate(labels):
        width = 20 + 9 * len(label) + 16
        if x and x + width > WIDTH:
            x, y = 0.0, y + LEGEND_LINE
        parts.append(
            f'<g class="chart-legend-item">'
            f'<rect class="chart-bar chart-series-{index}" x="{x:g}" y="{y:g}" width="16" '
            f'height="16" fill="{_fill(chart_id, index)}" stroke="{BAR_FILL}"/>'
            f'<text class="chart-legend-label" x="{x + 22:g}" y="{y + 14:g}">{_e(label)}</text>'
            f"</g>"
        )
        x += width
    return f'<g class="chart-legend">{"".join(parts)}</g>', y + LEGEND_LINE + 4


def _empty(chart_id: str, title: str, kind: str) -> SafeString:
    message = gettext("No numbers yet.")
    body = f'<text class="chart-empty" x="0" y="{FONT + 4}">{_e(message)}</text>'
    return _svg(chart_id, title, message, FONT + 12, body, kind)


def _grouped_bars(
    table: Table,
    *,
    label: str,
    series: Sequence[str],
    rows: list[list[Any]],
    chart_id: str,
    row_label,
    percent_scale: bool | None,
) -> tuple[str, float, int]:
    columns = _columns(table)
    label_index = [c.key for c in table.columns].index(label)
    indexes = [[c.key for c in table.columns].index(key) for key in series]
    kinds = [columns[key].kind for key in series]
    if percent_scale is None:
        percent_scale = all(k == "percent" for k in kinds)
    values = [_number(row[i]) for row in rows for i in indexes]
    top = 100.0 if percent_scale else max([v for v in values if v is not None] or [0.0])
    span = WIDTH - VALUE_SPACE
    body, y = [_defs(chart_id, len(series))], 0.0
    legend, y = _legend(chart_id, [columns[key].label for key in series], y)
    body.append(legend)
    suppressed = 0
    for row in rows:
        name = row_label(row[label_index])
        y += FONT + 2
        parts = [f'<text class="chart-label" x="0" y="{y:g}">{_e(_shorten(name))}</text>']
        y += LABEL_LINE - FONT
        for position, (index, column_kind) in enumerate(zip(indexes, kinds, strict=True)):
            raw = row[index]
            number = _number(raw)
            series_label = columns[series[position]].label
            if raw is None:
                suppressed += 1
                hidden = gettext("<5 (suppressed)")
                if len(series) > 1:
                    hidden = gettext("%(series)s: %(value)s") % {
                        "series": series_label,
                        "value": hidden,
                    }
                parts.append(
                    f'<text class="chart-suppressed" x="2" y="{y + BAR - 4:g}">{_e(hidden)}</text>'
                )
            else:
                length = 0.0 if not top else span * min(number or 0.0, top) / top
                text = format_value(raw, column_kind)
                parts.append(
                    f'<rect class="chart-bar chart-series-{position}" x="0" y="{y:g}" '
                    f'width="{max(length, 1.0):.1f}" height="{BAR}" '
                    f'fill="{_fill(chart_id, position)}" stroke="{BAR_FILL}">'
                    f"<title>{_e(name)}, {_e(series_label)}: {_e(text)}</title></rect>"
                    f'<text class="chart-value" x="{length + 5:.1f}" y="{y + BAR - 4:g}">'
                    f"{_e(text)}</text>"
                )
            y += BAR + BAR_GAP
        y += ROW_GAP - BAR_GAP
        body.append(f'<g class="chart-row">{"".join(parts)}</g>')
    return "".join(body), y, suppressed


def _describe(kind_text: str, table: Table, series: Sequence[str], rows: int, suppressed: int):
    columns = _columns(table)
    names = ", ".join(columns[key].label for key in series)
    desc = kind_text % {"series": names, "count": rows}
    if len(series) > 1:
        desc += " " + gettext(
            "The first series is drawn solid, the others hatched or dotted, as in the legend."
        )
    if suppressed:
        desc += " " + ngettext(
            "%(count)s number is under 5 people and not published (<5).",
            "%(count)s numbers are under 5 people and not published (<5).",
            suppressed,
        ) % {"count": suppressed}
    return desc + " " + gettext("Every number is printed on the chart and in the table with it.")


def bar_chart(
    table: Table,
    *,
    label: str | None = None,
    series: Sequence[str] | None = None,
    sort: bool = True,
    limit: int | None = None,
    chart_id: str | None = None,
    title: str | None = None,
    percent_scale: bool | None = None,
) -> SafeString:
    """Ranked horizontal bars (largest first when ``sort``; suppressed rows last)."""
    chart_id = chart_id or f"chart-{table.key}"
    title = title if title is not None else table.title
    label = label or _default_label(table)
    series = list(series or _default_series(table, 2))
    if not 1 <= len(series) <= len(PATTERNS):
        raise ValueError("bar_chart draws 1 to 4 series")
    rows = list(table.rows)
    if not rows:
        return _empty(chart_id, title, "bar")
    if sort:
        first = [c.key for c in table.columns].index(series[0])
        rows.sort(key=lambda row: (row[first] is None, -(_number(row[first]) or 0.0)))
    if limit:
        rows = rows[:limit]
    body, height, suppressed = _grouped_bars(
        table,
        label=label,
        series=series,
        rows=rows,
        chart_id=chart_id,
        row_label=str,
        percent_scale=percent_scale,
    )
    text = (
        ngettext(
            "Horizontal bar chart of %(series)s for %(count)s row, largest first.",
            "Horizontal bar chart of %(series)s for %(count)s rows, largest first.",
            len(rows),
        )
        if sort
        else ngettext(
            "Horizontal bar chart of %(series)s for %(count)s row.",
            "Horizontal bar chart of %(series)s for %(count)s rows.",
            len(rows),
        )
    )
    desc = _describe(text, table, series, len(rows), suppressed)
    return _svg(chart_id, title, desc, height, body, "bar")


def month_chart(
    table: Table,
    *,
    month: str | None = None,
    series: Sequence[str] | None = None,
    chart_id: str | None = None,
    title: str | None = None,
) -> SafeString:
    """Grouped horizontal bars, one group per month in the table's (chronological) order."""
    chart_id = chart_id or f"chart-{table.key}"
    title = title if title is not None else table.title
    month = month or _default_label(table)
    series = list(series or _default_series(table, len(PATTERNS)))
    if not 1 <= len(series) <= len(PATTERNS):
        raise ValueError("month_chart draws 1 to 4 series")
    rows = list(table.rows)
    if not rows:
        return _empty(chart_id, title, "month")
    body, height, suppressed = _grouped_bars(
        table,
        label=month,
        series=series,
        rows=rows,
        chart_id=chart_id,
        row_label=format_month,
        percent_scale=None,
    )
    text = ngettext(
        "Bar chart of %(series)s for each of %(count)s month, oldest first.",
        "Bar chart of %(series)s for each of %(count)s months, oldest first.",
        len(rows),
    )
    desc = _describe(text, table, series, len(rows), suppressed)
    return _svg(chart_id, title, desc, height, body, "month")


def funnel_chart(
    table: Table,
    *,
    label: str | None = None,
    value: str | None = None,
    chart_id: str | None = None,
    title: str | None = None,
) -> SafeString:
    """Centred bars narrowing stage by stage: each stage's count and its share of the first."""
    chart_id = chart_id or f"chart-{table.key}"
    title = title if title is not None else table.title
    label = label or _default_label(table)
    value = value or _default_series(table, 1)[0]
    keys = [c.key for c in table.columns]
    label_index, value_index = keys.index(label), keys.index(value)
    rows = list(table.rows)
    if not rows:
        return _empty(chart_id, title, "funnel")
    first = _number(rows[0][value_index])
    top = max([_number(row[value_index]) or 0.0 for row in rows] or [0.0])
    note = gettext("Percentages are shares of the first stage.")
    parts, y, suppressed = (
        [f'<text class="chart-note" x="0" y="{FONT:g}" font-size="14">{_e(note)}</text>'],
        FONT + 10.0,
        0,
    )
    for row in rows:
        name, raw = str(row[label_index]), row[value_index]
        number = _number(raw)
        y += FONT + 2
        if raw is None:
            suppressed += 1
            text = gettext("<5 (suppressed)")
        elif first and row is not rows[0]:
            share = formats.number_format(round(100.0 * (number or 0.0) / first), 0)
            text = gettext("%(count)s (%(share)s%%)") % {"count": format_value(raw), "share": share}
        else:
            text = format_value(raw)
        row_parts = [
            f'<text class="chart-label" x="0" y="{y:g}">{_e(_shorten(name))}</text>',
        ]
        value_class = "chart-suppressed" if raw is None else "chart-value"
        row_parts.append(
            f'<text class="{value_class}" x="{WIDTH}" y="{y:g}" text-anchor="end">{_e(text)}</text>'
        )
        y += 6
        if raw is not None:
            length = 0.0 if not top else WIDTH * (number or 0.0) / top
            length = max(length, 1.0)
            row_parts.append(
                f'<rect class="chart-bar chart-series-0" x="{(WIDTH - length) / 2:.1f}" '
                f'y="{y:g}" width="{length:.1f}" height="{BAR + 4}" fill="{BAR_FILL}">'
                f"<title>{_e(name)}: {_e(text)}</title></rect>"
            )
        else:
            row_parts.append(
                f'<rect class="chart-bar-missing" x="0" y="{y:g}" width="{WIDTH}" '
                f'height="{BAR + 4}" fill="none" stroke="{INK}" stroke-dasharray="4 4"/>'
            )
        y += BAR + 4 + ROW_GAP
        parts.append(f'<g class="chart-row">{"".join(row_parts)}</g>')
    desc = ngettext(
        "Funnel of %(count)s stage: each bar is the people who reached it, with its share of the "
        "first stage.",
        "Funnel of %(count)s stages: each bar is the people who reached it, with its share of the "
        "first stage.",
        len(rows),
    ) % {"count": len(rows)}
    if suppressed:
        desc += " " + ngettext(
            "%(count)s number is under 5 people and not published (<5).",
            "%(count)s numbers are under 5 people and not published (<5).",
            suppressed,
        ) % {"count": suppressed}
    desc += " " + gettext("Every number is printed on the chart and in the table with it.")
    return _svg(chart_id, title, desc, y, "".join(parts), "funnel")


__all__ = ["bar_chart", "format_month", "format_value", "funnel_chart", "month_chart"]
