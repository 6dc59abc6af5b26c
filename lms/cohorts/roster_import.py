"""Bulk enrolment of a cohort from a CSV file (issue 5, item 3): check the whole file, then
import all of it in one transaction, or nothing.

- ``parse_csv`` and ``check_rows`` are pure: bytes (and what the database said about the
  addresses) in, a ``CheckResult`` out. Every bad row is reported with its row number, as a
  spreadsheet numbers it (the header is row 1).
- ``cohort_import_check`` asks the database what ``check_rows`` needs: which addresses have an
  account, who is in this cohort or in another cohort of the course, how many seats are left.
- ``cohort_import_csv`` checks again inside its transaction, with the cohort row locked, and
  imports only a clean file: new people get an account and an invitation with a set-password
  link, existing users are enrolled and told so. Everyone goes through ``cohort_enrol``. People
  already in the cohort are skipped, so uploading the same file again changes nothing.

E-mails go after commit, in batches, through a Celery task; the set-password token is made when
the e-mail is sent, so its validity (PASSWORD_RESET_TIMEOUT) starts then.
"""

from __future__ import annotations

import csv
import hashlib
import io
import logging
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.api import profile_for
from lms.cohorts.models import CohortImport
from lms.cohorts.services import cohort_enrol
from lms.csv_export import FORMULA_STARTS
from lms.errors import LmsError
from lms.models import Cohort, Enrolment
from lms.nudges import absolute_url, language_for

logger = logging.getLogger(__name__)

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


# ---------------------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------------------
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


# ---------------------------------------------------------------------------------------------
# Parsing and checking (pure)
# ---------------------------------------------------------------------------------------------
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
    unquoted and everything after it moved one column to the right (issue 13, A10). A cell we
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


# ---------------------------------------------------------------------------------------------
# What the database knows
# ---------------------------------------------------------------------------------------------
def _chunks(values: list, size: int) -> Iterator[list]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def existing_accounts(*, cohort: Cohort, emails: Iterable[str]) -> dict[str, Existing]:
    """Accounts for these (lower-case) addresses, with their place in the cohort's course.
    Two queries per 500 addresses."""
    found: dict[str, Existing] = {}
    users = get_user_model().objects.annotate(email_lower=Lower("email"))
    for chunk in _chunks(sorted(set(emails)), LOOKUP_CHUNK):
        for pk, email, active in users.filter(email_lower__in=chunk).values_list(
            "pk", "email_lower", "is_active"
        ):
            found[email] = Existing(user_id=pk, active=active)
    by_user = {entry.user_id: entry for entry in found.values()}
    for chunk in _chunks(sorted(by_user), LOOKUP_CHUNK):
        rows = (
            Enrolment.objects.filter(course_id=cohort.course_id, learner_id__in=chunk)
            .exclude(status=Enrolment.Status.WITHDRAWN)
            .exclude(cohort=None)
            .values_list("learner_id", "cohort_id", "cohort__name")
        )
        for learner_id, cohort_id, name in rows:
            if cohort_id == cohort.pk:
                by_user[learner_id].member = True
            else:
                by_user[learner_id].other_cohort = name
    return found


def cohort_import_check(*, cohort: Cohort, data: bytes) -> CheckResult:
    """Check a file against a cohort without changing anything."""
    parsed = parse_csv(data)
    if parsed.file_error is not None:
        return check_rows(parsed, existing={}, seats_left=cohort.seats_left)
    existing = existing_accounts(cohort=cohort, emails=[row.email for row in parsed.rows])
    return check_rows(parsed, existing=existing, seats_left=cohort.seats_left)


# ---------------------------------------------------------------------------------------------
# The import
# ---------------------------------------------------------------------------------------------
def cohort_import_csv(*, cohort: Cohort, data: bytes, actor) -> ImportResult:
    """Import a clean file into the cohort in one transaction; import nothing from a file with
    any bad row (the result lists them). Safe to repeat: people already in the cohort are
    skipped, and a file that changes nothing leaves no record."""
    digest = hashlib.sha256(data).hexdigest()
    try:
        result = _import(cohort=cohort, data=data, actor=actor, digest=digest)
    except (LmsError, IntegrityError) as error:
        # Only a race gets here: the check ran inside the transaction with the cohort locked,
        # but an account can still be created (a signup) or an enrolment made in another
        # cohort of the course meanwhile. The transaction rolled back as a whole.
        logger.warning("cohort %s import rolled back: %r", cohort.pk, error)
        check = failed(
            "changed",
            _(
                "Something changed while the file was being imported (an account was created "
                "or a seat taken), so nothing was imported. Upload the file again."
            ),
        )
        result = ImportResult(check=check)
    previous = CohortImport.objects.filter(cohort=cohort, file_sha256=digest)
    if result.record is not None:
        previous = previous.exclude(pk=result.record.pk)
    result.previous = previous.order_by("-at").first()
    return result


@transaction.atomic(durable=True)
def _import(*, cohort: Cohort, data: bytes, actor, digest: str) -> ImportResult:
    # The lock keeps the seat count still between the check and the enrolments: cohort_enrol's
    # conditional UPDATE of this row waits for our commit.
    locked = Cohort.objects.select_for_update().get(pk=cohort.pk)
    check = cohort_import_check(cohort=locked, data=data)
    result = ImportResult(check=check, already=len(check.already))
    if not check.ok or not check.changes_anything:
        return result

    from allauth.account.models import EmailAddress

    users = get_user_model().objects
    roles: dict[str, str] = {}
    invited_ids: list[int] = []
    addresses = []
    for row in check.to_invite:
        user = users.create_user(email=row.email, password=None)
        profile = profile_for(user)
        profile.full_name = row.full_name
        profile.organisation = row.organisation
        profile.preferred_language = row.language
        profile.save()
        # Verified: nobody can sign in to this account without the set-password link, which
        # only goes to this address (or a reset link, ditto). Whoever uses it has shown they
        # read that mailbox, and a second "confirm your address" e-mail would stand between an
        # invited delegate and the course for nothing.
        addresses.append(EmailAddress(user=user, email=user.email, verified=True, primary=True))
        cohort_enrol(cohort=locked, learner=user, actor=actor)
        invited_ids.append(user.pk)
        if row.role:
            roles[str(user.public_id)] = row.role
    EmailAddress.objects.bulk_create(addresses)

    enrolled_ids: list[int] = []
    known = users.in_bulk([user_id for _row, user_id in check.to_enrol])
    for row, user_id in check.to_enrol:
        learner = known[user_id]
        cohort_enrol(cohort=locked, learner=learner, actor=actor)
        enrolled_ids.append(user_id)
        if row.role:
            roles[str(learner.public_id)] = row.role

    result.record = CohortImport.objects.create(
        cohort=locked,
        uploaded_by=actor,
        file_sha256=digest,
        rows=check.total_rows,
        invited=len(invited_ids),
        enrolled=len(enrolled_ids),
        skipped=len(check.already),
        roles=roles,
    )
    result.imported = True
    result.invited = len(invited_ids)
    result.enrolled = len(enrolled_ids)
    for batch in _chunks(
        [("invite", pk) for pk in invited_ids] + [("enrolled", pk) for pk in enrolled_ids],
        EMAIL_BATCH,
    ):
        from lms.tasks import cohort_import_emails_task

        cohort_import_emails_task.delay_on_commit(
            cohort_id=locked.pk,
            invited_ids=[pk for kind, pk in batch if kind == "invite"],
            enrolled_ids=[pk for kind, pk in batch if kind == "enrolled"],
        )
    logger.info(
        "cohort %s import by %s: %s invited, %s enrolled, %s already in",
        locked.pk,
        getattr(actor, "pk", None),
        result.invited,
        result.enrolled,
        result.already,
    )
    return result


# ---------------------------------------------------------------------------------------------
# E-mails
# ---------------------------------------------------------------------------------------------
class EmailsInterrupted(Exception):
    """The mail server failed part-way through a batch: these people got nothing yet."""

    def __init__(self, error: Exception, invited_ids: list[int], enrolled_ids: list[int]):
        super().__init__(str(error))
        self.error = error
        self.invited_ids = invited_ids
        self.enrolled_ids = enrolled_ids


def set_password_url(user, *, language: str) -> str:
    """The invitation's "Set your password" link for this user, in their language
    (lms/cohorts/views/invitation.py). Its key is allauth's reset key: allauth checks it with its
    own token generator (Django's, plus the account's addresses in the hash), so the key must
    come from that one too: a token from Django's default_token_generator fails."""
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    with translation.override(language):
        path = reverse(
            "lms_cohort_welcome",
            kwargs={
                "uidb36": user_pk_to_url_str(user),
                "key": default_token_generator.make_token(user),
            },
        )
    return absolute_url(path)


def _message(*, template: str, context: dict, user, language: str) -> EmailMultiAlternatives:
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    return EmailMultiAlternatives(
        subject,
        body,
        to=[user.email],
        headers={"Content-Language": language, "Auto-Submitted": "auto-generated"},
    )


def _context(*, cohort: Cohort, user, language: str) -> dict:
    profile = getattr(user, "profile", None)
    with translation.override(language):
        return {
            "name": (profile.full_name if profile else "") or user.email.split("@")[0],
            "email": user.email,
            "cohort_name": cohort.name,
            "course_title": cohort.course.title,
            "starts_on": date_format(cohort.starts_on, "DATE_FORMAT"),
            "ends_on": date_format(cohort.ends_on, "DATE_FORMAT"),
            "dashboard_url": absolute_url(reverse("dashboard")),
            "reset_url": absolute_url(reverse("account_reset_password")),
        }


def cohort_import_emails_send(
    *, cohort_id: int, invited_ids: list[int], enrolled_ids: list[int]
) -> int:
    """Send the invitations and "you are enrolled" notices of one batch, in each person's
    language, over one connection. Returns how many went out.

    Checked again at send time: an invitation only to an account that still has no password
    and has never signed in (so a redelivered task does not invite someone who has already
    joined), a notice only to someone still in the cohort."""
    cohort = Cohort.objects.select_related("course").filter(pk=cohort_id).first()
    if cohort is None:
        return 0
    users = get_user_model().objects.select_related("profile")
    invitees = users.filter(pk__in=invited_ids, is_active=True, last_login=None).order_by("pk")
    members = set(
        Enrolment.objects.filter(cohort=cohort, learner_id__in=enrolled_ids)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .values_list("learner_id", flat=True)
    )
    enrollees = users.filter(pk__in=members, is_active=True).order_by("pk")
    pending_invites = [user.pk for user in invitees]
    pending_notices = [user.pk for user in enrollees]
    sent = 0
    with get_connection() as connection:
        for user in invitees:
            if user.has_usable_password():
                pending_invites.remove(user.pk)
                continue
            language = language_for(user=user)
            context = _context(cohort=cohort, user=user, language=language)
            context["set_password_url"] = set_password_url(user, language=language)
            context["valid_days"] = max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)
            message = _message(
                template="lms/email/cohort_invitation",
                context=context,
                user=user,
                language=language,
            )
            _send(message, connection, pending_invites, pending_notices)
            pending_invites.remove(user.pk)
            sent += 1
        for user in enrollees:
            language = language_for(user=user)
            message = _message(
                template="lms/email/cohort_enrolled",
                context=_context(cohort=cohort, user=user, language=language),
                user=user,
                language=language,
            )
            _send(message, connection, pending_invites, pending_notices)
            pending_notices.remove(user.pk)
            sent += 1
    logger.info("cohort %s import e-mails: %s sent", cohort_id, sent)
    return sent


def _send(message, connection, pending_invites: list[int], pending_notices: list[int]) -> None:
    message.connection = connection
    try:
        message.send()
    except OSError as error:  # SMTP errors are OSErrors
        raise EmailsInterrupted(error, list(pending_invites), list(pending_notices)) from error
