"""What a check or an import of a roster file reports, and the limits the upload page states."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from lms.cohorts.models import CohortImport

# Limits, stated on the upload page. 5,000 rows is the benchmark size; 1 MB holds them
# with room to spare (the benchmark's 5,000 rows with every column filled make about 0.4 MB).
MAX_BYTES = 1024 * 1024
MAX_ROWS = 5000
# Text columns go into Profile fields of 200 characters (full name, organisation).
MAX_TEXT = 200
# Addresses per query when looking up accounts (well under SQLite's bound-parameter limit).
LOOKUP_CHUNK = 500
# People per e-mail task: one SMTP connection each, and a failure retries only the rest.
EMAIL_BATCH = 100


@dataclass(frozen=True)
class FileError:
    """A problem with the file as a whole: nothing in it was read row by row."""

    code: str  # too_big | not_utf8 | not_csv | empty | no_header | too_many_rows | changed
    message: str


@dataclass(frozen=True)
class RowError:
    row: int  # as a spreadsheet numbers it: the header is row 1
    email: str  # as typed, to help find the row
    code: str  # cells | line_break | control | email | duplicate | full_name | too_long | ...
    reason: str


@dataclass(frozen=True)
class Row:
    """A row with nothing wrong in itself (the database may still object)."""

    number: int
    email: str  # lower-cased, as accounts stores it
    full_name: str
    organisation: str
    role: str
    language: str  # one of settings.LANGUAGES


@dataclass
class ParsedFile:
    rows: list[Row] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    file_error: FileError | None = None
    total_rows: int = 0  # data rows, blank lines left out
    ignored_columns: list[str] = field(default_factory=list)


@dataclass
class Existing:
    """What the database knows about an address that has an account."""

    user_id: int
    active: bool = True
    member: bool = False  # in this cohort, not withdrawn
    other_cohort: str = ""  # the name of another cohort of the course they are in


@dataclass
class CheckResult:
    parsed: ParsedFile
    errors: list[RowError] = field(default_factory=list)  # the file's and the database's
    to_invite: list[Row] = field(default_factory=list)
    to_enrol: list[tuple[Row, int]] = field(default_factory=list)  # (row, user id)
    already: list[Row] = field(default_factory=list)
    seats_left: int = 0
    seats_needed: int = 0

    @property
    def file_error(self) -> FileError | None:
        return self.parsed.file_error

    @property
    def total_rows(self) -> int:
        return self.parsed.total_rows

    @property
    def ok(self) -> bool:
        return self.file_error is None and not self.errors

    @property
    def error_rows(self) -> int:
        return len({error.row for error in self.errors})

    @property
    def changes_anything(self) -> bool:
        return bool(self.to_invite or self.to_enrol)


@dataclass
class ImportResult:
    check: CheckResult
    imported: bool = False
    invited: int = 0
    enrolled: int = 0
    already: int = 0
    record: CohortImport | None = None
    # The last earlier import of this same file into this cohort, if any.
    previous: CohortImport | None = None


def failed(code: str, message: str) -> CheckResult:
    return CheckResult(parsed=ParsedFile(file_error=FileError(code, message)))


def too_big() -> CheckResult:
    return failed(
        "too_big",
        _(
            "The file is larger than 1 MB. Split it into smaller files of at most "
            "%(rows)s rows each and upload them one after the other."
        )
        % {"rows": f"{MAX_ROWS:,}"},
    )
