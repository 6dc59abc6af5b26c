"""Reading and checking a roster file (pure): bytes, and what the database said about the
addresses, in; a ``CheckResult`` out. Every bad row is reported with its row number, as a
spreadsheet numbers it (the header is row 1)."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lms.cohorts.roster_import.results import (
    MAX_BYTES,
    MAX_ROWS,
    MAX_TEXT,
    CheckResult,
    Existing,
    FileError,
    ParsedFile,
    Row,
    RowError,
    too_big,
)
from lms.csv_export import FORMULA_STARTS

# Header names accepted, compared after lower-casing and squeezing spaces.
HEADER_ALIASES = {
    "email": "email",
    "e-mail": "email",
    "e_mail": "email",
    "email address": "email",
    "e-mail address": "email",
    "full_name": "full_name",
    "full name": "full_name",
    "fullname": "full_name",
    "name": "full_name",
    "organisation": "organisation",
    "organization": "organisation",
    "role": "role",
    "title": "role",
    "role/title": "role",
    "role / title": "role",
    "role_title": "role",
    "language": "language",
}
REQUIRED_COLUMNS = ("email", "full_name")


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def normalise_language(value: str) -> str | None:
    """A code of settings.LANGUAGES, or None. Blank means the site's default; "zh_Hans" and
    "zh-Hans" (how spreadsheets and Django's locale names write it) mean "zh-hans"."""
    code = value.strip().lower().replace("_", "-")
    if not code:
        return settings.LANGUAGE_CODE
    return code if code in language_codes() else None


def _email_ok(email: str) -> bool:
    if len(email) > 254 or any(char.isspace() for char in email):
        return False
    try:
        validate_email(email)
    except ValidationError:
        return False
    return True


def _delimiter(first_line: str) -> str:
    # Spreadsheets in French and other locales where the comma is the decimal mark save CSV with
    # semicolons; a header line tells which one this file uses.
    counts = {sep: first_line.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _layout(text: str) -> tuple[str, str]:
    """The file's separator, and its text from the header on. Blank lines before the header
    are skipped (they stay counted in row numbers), and so is the ``sep=;`` line Excel reads
    and writes to name the separator."""
    lines = text.split("\n")
    skipped = 0
    while skipped < len(lines) - 1 and not lines[skipped].strip():
        skipped += 1
    first = lines[skipped].strip()
    if first.lower().startswith("sep=") and len(first) == 5:
        return first[4], "\n" * (skipped + 1) + "\n".join(lines[skipped + 1 :])
    return _delimiter(first), text


def _header(cells: list[str]) -> tuple[dict[str, int], list[str], FileError | None]:
    columns: dict[str, int] = {}
    ignored: list[str] = []
    for index, cell in enumerate(cells):
        name = " ".join(cell.strip().lower().split())
        key = HEADER_ALIASES.get(name)
        if key is None:
            if cell.strip():
                ignored.append(cell.strip())
            continue
        if key in columns:
            message = _("The header names the same column twice: “%(name)s”.") % {
                "name": cell.strip()
            }
            return columns, ignored, FileError("no_header", message)
        columns[key] = index
    missing = [key for key in REQUIRED_COLUMNS if key not in columns]
    if missing:
        labels = {"email": _("e-mail"), "full_name": _("full name")}
        message = _(
            "The first row must be a header naming the columns. Missing: %(missing)s. Accepted "
            "names: email or e-mail; full name or name; organisation; role or title; language."
        ) % {"missing": ", ".join(str(labels[key]) for key in missing)}
        return columns, ignored, FileError("no_header", message)
    return columns, ignored, None


def _records(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    # One record is one spreadsheet row, even when a quoted cell spans several lines.
    yield from enumerate(reader, start=1)


def _unescape(value: str) -> str:
    """Take off the quote the exports put before a cell a spreadsheet would run as a formula
    (lms/csv_export.py), so that an exported roster reads back as it was typed."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def parse_csv(data: bytes, *, max_bytes: int = MAX_BYTES, max_rows: int = MAX_ROWS) -> ParsedFile:
    """Read and check a file on its own: encoding, header, limits, and each row's cells
    (e-mail address, duplicates within the file, full name, lengths, language)."""
    if len(data) > max_bytes:
        return too_big().parsed
    try:
        text = data.decode("utf-8-sig")  # a BOM is what Excel writes first in "CSV UTF-8"
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        message = _(
            "The file is not UTF-8 text (the first character that is not is on line "
            "%(line)s). In your spreadsheet, save it as “CSV UTF-8” and upload it again."
        ) % {"line": line}
        return ParsedFile(file_error=FileError("not_utf8", message))
    if not text.strip():
        return ParsedFile(file_error=FileError("empty", _("The file is empty.")))

    delimiter, text = _layout(text)
    header: list[str] | None = None
    records: list[tuple[int, list[str]]] = []
    number = 0
    try:
        for number, cells in _records(text, delimiter):
            if not any(cell.strip() for cell in cells):
                continue  # blank lines are left out, before the header too
            if header is None:
                header = cells
            else:
                records.append((number, cells))
    except csv.Error as error:
        message = _("The file is not valid CSV near row %(row)s: %(error)s") % {
            "row": number + 1,
            "error": error,
        }
        return ParsedFile(file_error=FileError("not_csv", message))

    columns, ignored, header_error = _header(header or [])
    if header_error is not None:
        return ParsedFile(file_error=header_error, ignored_columns=ignored)
    parsed = ParsedFile(total_rows=len(records), ignored_columns=ignored)
    if not records:
        parsed.file_error = FileError("empty", _("The file has a header but no rows under it."))
        return parsed
    if len(records) > max_rows:
        message = _(
            "The file has %(count)s rows; at most %(max)s can be imported at once. Split it "
            "into smaller files and upload them one after the other."
        ) % {"count": f"{len(records):,}", "max": f"{max_rows:,}"}
        parsed.file_error = FileError("too_many_rows", message)
        return parsed

    seen: dict[str, int] = {}  # lower-case address -> the row it is first on
    shape = Shape(columns=len(header), delimiter=delimiter)
    for number, cells in records:
        row, problems = _check_row(number, cells, columns, seen, shape)
        if row is not None:
            parsed.rows.append(row)
        parsed.errors.extend(problems)
    return parsed


@dataclass(frozen=True)
class Shape:
    columns: int  # cells in the header row
    delimiter: str


def _structure_problem(cells: list[str], used: list[str], shape: Shape) -> tuple[str, str] | None:
    """What makes a row unreadable as a whole, as (code, reason), or None.

    A row must have as many cells as the header: one more means a value held the separator
    unquoted and everything after it moved one column to the right. A cell we
    read must hold one line (a quote left open swallows the rows after it) and no control
    character (PostgreSQL refuses NUL in text; none belongs in a name)."""
    count = len(cells)
    if count != shape.columns:
        counts = {
            "cells": ngettext("%(n)s cell", "%(n)s cells", count) % {"n": count},
            "columns": ngettext("%(n)s column", "%(n)s columns", shape.columns)
            % {"n": shape.columns},
        }
        if count < shape.columns:
            reason = _("This row has %(cells)s but the header has %(columns)s: a cell is missing.")
            return "cells", reason % counts
        reason = _(
            "This row has %(cells)s but the header has %(columns)s. A value that contains "
            '%(separator)s must be in double quotes, like "Uwase%(char)s Amina".'
        )
        separator = _("a tab") if shape.delimiter == "\t" else f"“{shape.delimiter}”"
        return "cells", reason % {**counts, "separator": separator, "char": shape.delimiter}
    if any("\n" in value or "\r" in value for value in used):
        reason = _(
            'A cell on this row runs over several lines. Usually a double quote (") opens '
            "it and is never closed: remove it, or close it."
        )
        return "line_break", reason
    if any(unicodedata.category(char) == "Cc" for value in used for char in value):
        return "control", _("A cell on this row holds an invisible control character: retype it.")
    return None


def _check_row(
    number: int, cells: list[str], columns: dict[str, int], seen: dict[str, int], shape: Shape
) -> tuple[Row | None, list[RowError]]:
    """One data row: a Row if nothing is wrong with it, else its problems (all of them, so
    that one round of corrections is enough)."""

    def cell(key: str) -> str:
        index = columns.get(key)
        value = cells[index] if index is not None and index < len(cells) else ""
        return _unescape(value.strip()).strip()

    structure = _structure_problem(cells, [cell(key) for key in columns], shape)
    if structure is not None:
        # Which cell holds what is unknown: any other check would report nonsense.
        email = (cell("email").splitlines() or [""])[0]
        return None, [RowError(row=number, email=email, code=structure[0], reason=structure[1])]

    typed = cell("email")
    email = typed.lower()
    values = {key: cell(key) for key in ("full_name", "organisation", "role")}
    language = normalise_language(cell("language"))
    problems: list[RowError] = []

    def problem(code: str, reason: str) -> None:
        problems.append(RowError(row=number, email=typed, code=code, reason=reason))

    if not email:
        problem("email", _("The e-mail address is missing."))
    elif not _email_ok(email):
        problem("email", _("“%(email)s” is not a valid e-mail address.") % {"email": typed})
    elif email in seen:
        problem(
            "duplicate",
            _("Duplicate: the same e-mail address is on row %(row)s.") % {"row": seen[email]},
        )
    else:
        seen[email] = number
    if not values["full_name"]:
        problem("full_name", _("The full name is missing."))
    labels = {"full_name": _("full name"), "organisation": _("organisation"), "role": _("role")}
    for key, value in values.items():
        if len(value) > MAX_TEXT:
            problem(
                "too_long",
                _("The %(column)s is longer than %(max)s characters.")
                % {"column": labels[key], "max": MAX_TEXT},
            )
    if language is None:
        problem(
            "language",
            _("Unknown language “%(value)s”: use one of %(codes)s.")
            % {"value": cell("language"), "codes": ", ".join(language_codes())},
        )
    if problems:
        return None, problems
    return Row(number=number, email=email, language=language, **values), []


def check_rows(
    parsed: ParsedFile, *, existing: dict[str, Existing], seats_left: int
) -> CheckResult:
    """Sort the good rows into invite, enrol and already-in, given what the database knows
    about their addresses, and refuse the rows beyond the seats left. People already in the
    cohort need no seat; a row with any other problem takes none."""
    result = CheckResult(parsed=parsed, errors=list(parsed.errors), seats_left=seats_left)
    if parsed.file_error is not None:
        return result
    needing: list[tuple[Row, int | None]] = []
    for row in parsed.rows:
        found = existing.get(row.email)
        if found is None:
            needing.append((row, None))
        elif not found.active:
            result.errors.append(
                RowError(
                    row.number,
                    row.email,
                    "inactive",
                    _("The account with this e-mail address is closed."),
                )
            )
        elif found.member:
            result.already.append(row)
        elif found.other_cohort:
            result.errors.append(
                RowError(
                    row.number,
                    row.email,
                    "other_cohort",
                    _("Already in another cohort of this course: %(cohort)s.")
                    % {"cohort": found.other_cohort},
                )
            )
        else:
            needing.append((row, found.user_id))
    result.seats_needed = len(needing)
    for position, (row, user_id) in enumerate(needing):
        if position >= seats_left:
            reason = ngettext(
                "Over capacity: the cohort has %(left)s seat left and this file needs %(needed)s.",
                "Over capacity: the cohort has %(left)s seats left and this file needs %(needed)s.",
                seats_left,
            ) % {"left": seats_left, "needed": len(needing)}
            result.errors.append(RowError(row.number, row.email, "capacity", reason))
        elif user_id is None:
            result.to_invite.append(row)
        else:
            result.to_enrol.append((row, user_id))
    result.errors.sort(key=lambda error: error.row)
    return result
