"""One date format and one date-time format per language, used everywhere: pages, e-mails,
PDFs and the admin. Formats live in config/formats/<locale>/formats.py; templates and code
name them (DATE_FORMAT, DATETIME_FORMAT, TIME_FORMAT) instead of spelling a format out."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import formats, translation

ROOT = Path(__file__).resolve().parents[2]
NAMED = {"DATE_FORMAT", "DATETIME_FORMAT", "TIME_FORMAT"}
# Formats for machines, not people: <time datetime="…">, comparisons of two dates.
MACHINE = {"c", "Ymd", "U", "Y-m-d"}
DAY = date(2026, 12, 6)
MOMENT = datetime(2027, 3, 1, 9, 0, tzinfo=ZoneInfo("Africa/Kigali"))
EXPECTED = {
    "en": ("6 December 2026", "1 March 2027, 09:00"),
    "fr": ("6 décembre 2026", "1 mars 2027, 09:00"),
    "zh-hans": ("2026年12月6日", "2027年3月1日 09:00"),
}


@pytest.mark.parametrize("language", [code for code, _ in settings.LANGUAGES])
def test_each_language_has_one_date_and_one_date_time_format(language):
    with translation.override(language):
        day = formats.date_format(DAY, "DATE_FORMAT")
        moment = formats.date_format(MOMENT, "DATETIME_FORMAT")
        assert formats.date_format(DAY, "SHORT_DATE_FORMAT") == day
        assert formats.date_format(MOMENT, "SHORT_DATETIME_FORMAT") == moment
        assert formats.time_format(MOMENT, "TIME_FORMAT") == "09:00"
    if language in EXPECTED:
        assert (day, moment) == EXPECTED[language]
    assert "2026" in day and "09:00" in moment


def _spelled_out_formats() -> list[str]:
    found = []
    pattern = re.compile(r"""\|(?:date|time):\s*["']([^"']*)["']""")
    for path in sorted((ROOT / "templates").rglob("*")):
        if path.suffix not in (".html", ".txt"):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for spelled in pattern.findall(line):
                if spelled not in NAMED | MACHINE:
                    found.append(f"{path.relative_to(ROOT)}:{number}: {spelled!r}")
    code = re.compile(r"""(?:date_format|time_format)\([^)]*?["']([^"']+)["']""")
    for app in ("accounts", "courses", "lms", "certificates", "marketplace_link", "config"):
        for path in sorted((ROOT / app).rglob("*.py")):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                for spelled in code.findall(line):
                    if spelled not in NAMED | MACHINE:
                        found.append(f"{path.relative_to(ROOT)}:{number}: {spelled!r}")
    return found


def test_templates_and_code_name_the_format_instead_of_spelling_one_out():
    assert _spelled_out_formats() == []
