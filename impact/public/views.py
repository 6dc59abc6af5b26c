"""/impact/: the public open-data page, its CSV files and the whole data set as JSON (issue 17).

Everything comes from ``impact.snapshot.public_snapshot(language=...)``: the unfiltered numbers,
public tables only, every count under ``SUPPRESSION_THRESHOLD`` people already suppressed (None)
by impact-data, refreshed by the beat task. These views only read that cached snapshot (no query
of their own) and, as a second line of defence, refuse to publish any count cell under the
threshold that reached them (``_guarded``), so a regression upstream never leaks a small number.

- ``index``: the page (cacheable: no cookie; served from the full-page cache for anonymous
  visitors, ``config/settings/impactpublic.py``; purged when the numbers are refreshed,
  ``impact/signals.py``).
- ``table_csv``: one table as CSV, first row the column keys (stable in every language), then
  one line per row; a suppressed cell is ``<5``. The licence is in a ``Link: rel="license"``
  header and on the page.
- ``data_json``: every public table, with ``licence``, ``attribution``, ``refreshed_at`` and
  the suppression rule; a suppressed cell is ``null``.
"""

from __future__ import annotations

import copy
import csv
import hashlib
import io
import json
import logging

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from impact import charts
from impact.tables import SUPPRESSION_THRESHOLD, Table

try:
    from impact.snapshot import public_snapshot
except ImportError:  # until impact-data's functions land (IMPACT_CONTRACT.md); tests patch it
    public_snapshot = None

logger = logging.getLogger(__name__)

LICENCE = {
    "name": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "id": "CC-BY-4.0",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}
SUPPRESSED_TEXT = "<5"

HEADLINE_LABELS = {
    "learners": _("Learners"),
    "graduates": _("Graduates"),
    "certificates": _("Certificates issued"),
    "storefronts_live": _("Storefronts live"),
    "orders": _("Orders"),
    "products_listed": _("Products listed"),
}
HEADLINE_HELP = {
    "learners": _("People who started at least one course."),
    "graduates": _("People who completed at least one course."),
    "certificates": _("Certificates issued and not revoked."),
    "storefronts_live": _("Graduates' online stores open on the marketplace."),
    "orders": _("Orders received by those stores."),
    "products_listed": _("Products for sale in those stores."),
}

# The order of the page's sections, and how each table is drawn.
SECTIONS = (
    ("funnel", "funnel"),
    ("by_district", "bar"),
    ("by_audience", "bar"),
    ("by_sector", "bar"),
    ("by_month", "month"),
    ("courses", "courses"),
)


def _snapshot():
    if public_snapshot is None:
        raise Http404("The programme's numbers are not available yet.")
    return public_snapshot(language=get_language())


def _guarded(table: Table) -> Table:
    """The table with any count under the threshold replaced by None (and counted): impact-data
    suppresses them already; this makes sure no upstream slip is ever published."""
    counts = [i for i, column in enumerate(table.columns) if column.kind == "count"]
    leaks = [
        (r, i)
        for r, row in enumerate(table.rows)
        for i in counts
        if isinstance(row[i], int | float) and row[i] < SUPPRESSION_THRESHOLD
    ]
    if not leaks:
        return table
    logger.warning(
        "impact public: %d cell(s) under %d in table %s reached the page; suppressed here",
        len(leaks),
        SUPPRESSION_THRESHOLD,
        table.key,
    )
    table = copy.deepcopy(table)
    for r, i in leaks:
        table.rows[r][i] = None
    table.suppressed_cells += len(leaks)
    return table


def _tables(snap) -> dict[str, Table]:
    return {key: _guarded(table) for key, table in snap.tables.items()}


def _has_numbers(tables: dict[str, Table]) -> bool:
    return any(
        any(value not in (None, 0) for row in table.rows for value in row[1:])
        for table in tables.values()
    )


def _chart(table: Table, how: str):
    if how == "funnel":
        return charts.funnel_chart(table)
    if how == "month":
        return charts.month_chart(table)
    if how == "courses":
        return charts.bar_chart(table, series=["enrolments", "completions"])
    return charts.bar_chart(table)


def _cells(table: Table) -> list[list[tuple[str, str]]]:
    """Each row's cells as (text, column kind), formatted as on the chart."""
    kinds = [column.kind for column in table.columns]
    out = []
    for row in table.rows:
        cells = []
        for value, kind in zip(row, kinds, strict=True):
            if kind == "month":
                text = charts.format_month(value)
            elif kind == "label":
                text = str(value)
            else:
                text = charts.format_value(value, kind)
            cells.append((text, kind))
        out.append(cells)
    return out


@require_safe
def index(request):
    snap = _snapshot()
    tables = _tables(snap)
    headline = tables.get("headline")
    cards = []
    if headline is not None:
        for measure, value in headline.rows:
            cards.append(
                {
                    "measure": measure,
                    "label": HEADLINE_LABELS.get(measure, measure),
                    "help": HEADLINE_HELP.get(measure, ""),
                    "value": charts.format_value(value),
                    "suppressed": value is None,
                }
            )
    sections = []
    for key, how in SECTIONS:
        table = tables.get(key)
        if table is None:
            continue
        sections.append(
            {
                "key": key,
                "table": table,
                "chart": _chart(table, how) if table.rows else "",
                "cells": _cells(table),
                "csv_url": reverse("impact:table_csv", args=[key]),
            }
        )
    downloads = [
        {"key": key, "title": table.title, "url": reverse("impact:table_csv", args=[key])}
        for key, table in tables.items()
    ]
    context = {
        "snapshot": snap,
        "cards": cards,
        "sections": sections,
        "downloads": downloads,
        "has_numbers": _has_numbers(tables),
        "suppressed_total": sum(table.suppressed_cells for table in tables.values()),
        "threshold": SUPPRESSION_THRESHOLD,
        "suppressed_text": SUPPRESSED_TEXT,
        "licence": LICENCE,
        "json_url": reverse("impact:data_json"),
    }
    return render(request, "impact/public/index.html", context)


def _filename(snap, stem: str, extension: str) -> str:
    day = timezone.localtime(snap.refreshed_at).strftime("%Y-%m-%d")
    return f"isoko-impact-{stem}-{snap.language}-{day}.{extension}".replace("_", "-")


def _download(request, snap, body: bytes, content_type: str, filename: str) -> HttpResponse:
    """A download with a validator pair, public caching and the licence in a Link header."""
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    last_modified = int(snap.refreshed_at.timestamp())
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    response = not_modified or HttpResponse(
        b"" if request.method == "HEAD" else body, content_type=content_type
    )
    if not_modified is None:
        response["Content-Length"] = str(len(body))
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    page = request.build_absolute_uri(reverse("impact:index"))
    response["Link"] = f'<{LICENCE["url"]}>; rel="license", <{page}>; rel="describedby"'
    patch_cache_control(
        response,
        public=True,
        max_age=settings.ISOKO_PAGE_CACHE_MAX_AGE,
        s_maxage=settings.ISOKO_PAGE_CACHE_S_MAXAGE,
    )
    return response


@require_safe
def table_csv(request, key: str):
    snap = _snapshot()
    table = snap.tables.get(key)
    if table is None:
        raise Http404("No such table.")
    table = _guarded(table)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([column.key for column in table.columns])
    for row in table.rows:
        writer.writerow([SUPPRESSED_TEXT if value is None else value for value in row])
    return _download(
        request,
        snap,
        out.getvalue().encode(),
        "text/csv; charset=utf-8; header=present",
        _filename(snap, key, "csv"),
    )


@require_safe
def data_json(request):
    snap = _snapshot()
    tables = _tables(snap)
    page = request.build_absolute_uri(reverse("impact:index"))
    data = {
        "title": gettext("Isoko programme impact: open data"),
        "source": page,
        "licence": LICENCE,
        "attribution": gettext("Isoko programme, %(url)s") % {"url": page},
        "language": snap.language,
        "refreshed_at": snap.refreshed_at.isoformat(),
        "suppression": {
            "threshold": SUPPRESSION_THRESHOLD,
            "rule": gettext(
                "Any number under %(threshold)s people is not published: it is null here and "
                "“<5” on the page and in the CSV files. Where a total would reveal it, another "
                "number is withheld too."
            )
            % {"threshold": SUPPRESSION_THRESHOLD},
            "suppressed_cells": sum(table.suppressed_cells for table in tables.values()),
        },
        "tables": {key: table.to_json() for key, table in tables.items()},
    }
    body = json.dumps(data, ensure_ascii=False, indent=1).encode()
    return _download(
        request,
        snap,
        body,
        "application/json; charset=utf-8",
        _filename(snap, "data", "json"),
    )
