"""Bulk enrolment of a cohort from a CSV file (a CSV roster): check the whole file, then
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

The package, by concern: ``results`` (what a check or an import reports, and the limits),
``parsing`` (reading and checking the file: pure), ``applying`` (what the database knows, and the
import itself), ``emails`` (the invitations and notices, sent by a task after commit).
"""

from lms.cohorts.roster_import.applying import (
    cohort_import_check,
    cohort_import_csv,
    existing_accounts,
)
from lms.cohorts.roster_import.emails import (
    EmailsInterrupted,
    cohort_import_emails_send,
    set_password_url,
)
from lms.cohorts.roster_import.parsing import (
    check_rows,
    language_codes,
    normalise_language,
    parse_csv,
)
from lms.cohorts.roster_import.results import (
    EMAIL_BATCH,
    LOOKUP_CHUNK,
    MAX_BYTES,
    MAX_ROWS,
    MAX_TEXT,
    CheckResult,
    Existing,
    FileError,
    ImportResult,
    ParsedFile,
    Row,
    RowError,
    failed,
    too_big,
)

__all__ = [
    "EMAIL_BATCH",
    "LOOKUP_CHUNK",
    "MAX_BYTES",
    "MAX_ROWS",
    "MAX_TEXT",
    "CheckResult",
    "EmailsInterrupted",
    "Existing",
    "FileError",
    "ImportResult",
    "ParsedFile",
    "Row",
    "RowError",
    "check_rows",
    "cohort_import_check",
    "cohort_import_csv",
    "cohort_import_emails_send",
    "existing_accounts",
    "failed",
    "language_codes",
    "normalise_language",
    "parse_csv",
    "set_password_url",
    "too_big",
]
