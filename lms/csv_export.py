"""Shared by every CSV download (trainer report, cohort roster, cohort report)."""

from __future__ import annotations

from datetime import datetime, tzinfo

from django.utils import timezone

# A spreadsheet runs a cell starting with one of these as a formula (CSV injection). Names,
# e-mail addresses and titles are typed by people, so such a cell is prefixed with a quote.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"  # makes Excel read the file as UTF-8


class Echo:
    """csv.writer writes to this and gets back the line, ready to yield from a stream."""

    def write(self, value: str) -> str:
        return value


def safe_cell(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def local_time(value: datetime | None, zone: tzinfo) -> str:
    return timezone.localtime(value, zone).strftime("%Y-%m-%d %H:%M") if value else ""
