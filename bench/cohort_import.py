"""CSV bulk enrolment at the issue's size: a generated 5,000-row file into a cohort of 6,000 seats.

A throw-away SQLite database (dev settings, DEBUG off) is migrated and seeded with seed_demo, a
cohort of the demo policy course is made with room for everyone, and then, in `manage.py shell`:
- baseline: csv.reader over the same bytes (the floor: reading the file, nothing checked);
- validation: cohort_import_check, the whole file checked against the cohort, nothing written;
- import: cohort_import_csv, which checks again inside its transaction (cohort row locked) and
  then creates the accounts, profiles and addresses and enrols everyone through cohort_enrol.
  The e-mail tasks it queues after commit are collected, not run, so this is the database work;
- e-mails: those batches rendered and handed to Django's in-memory mail backend (the set-password
  token for each invitee included), as a worker would, minus the SMTP round trips;
- re-upload: the same file again, which finds everyone already in and changes nothing.
Two of the rows are demo users who have accounts already; the rest are new people.

    .venv/bin/python bench/cohort_import.py [--rows 5000] [--capacity 6000]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from _support import ROOT

SHELL = r"""
import csv, io, os, random, statistics, time
from datetime import timedelta
from unittest import mock

from django.core import mail
from django.db import connection, transaction
from django.test.utils import override_settings
from django.utils import timezone

from courses.api import CoursePage
from lms.cohorts import roster_import as cohort_import
from lms.cohorts.tasks import cohort_import_emails_task
from lms.models import Cohort, Enrolment

ROWS = int(os.environ["ISOKO_BENCH_ROWS"])
CAPACITY = int(os.environ["ISOKO_BENCH_CAPACITY"])
LANGUAGES = ["en", "fr", "rw", "sw", "zh_Hans"]
EXISTING = ["entrepreneur@example.com", "academic@example.com"]

course = CoursePage.objects.filter(format="cohort", locale__language_code="en").first()
start = timezone.localdate() + timedelta(days=30)
cohort = Cohort.objects.create(
    course=course, name="Bench intake", starts_on=start, ends_on=start + timedelta(days=60),
    capacity=CAPACITY,
)
facilitator = cohort.facilitators.model.objects.get(email="facilitator@example.com")
cohort.facilitators.add(facilitator)

random.seed(5)
out = io.StringIO()
writer = csv.writer(out, lineterminator="\r\n")
writer.writerow(["email", "full name", "organisation", "role", "language"])
for n in range(ROWS):
    email = EXISTING[n] if n < len(EXISTING) else f"delegate{n:05d}@gov.example.rw"
    writer.writerow([
        email, f"Delegate {n:05d} Uwimana", random.choice(["MINICOM", "RRA", "RDB", "BNR"]),
        "Trade policy officer", LANGUAGES[n % len(LANGUAGES)],
    ])
data = out.getvalue().encode("utf-8")


class Counter:
    # Counts statements (CaptureQueriesContext keeps only the last 9,000).

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

    def __enter__(self):
        self.wrapper = connection.execute_wrapper(self)
        self.wrapper.__enter__()
        return self

    def __exit__(self, *exc):
        self.wrapper.__exit__(*exc)

    def __len__(self):
        return self.count


def timed(function, repeat=1):
    best = None
    for _ in range(repeat):
        started = time.perf_counter()
        value = function()
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    return best, value


baseline, _rows = timed(lambda: sum(1 for _ in csv.reader(io.StringIO(data.decode()))), 3)
with Counter() as validation_queries:
    validation, check = timed(lambda: cohort_import.cohort_import_check(cohort=cohort, data=data))
assert check.ok, check.errors[:5] or check.file_error

batches = []


def collect(**kwargs):
    transaction.on_commit(lambda: batches.append(kwargs))


with mock.patch.object(cohort_import_emails_task, "delay_on_commit", collect):
    with Counter() as import_queries:
        importing, result = timed(
            lambda: cohort_import.cohort_import_csv(cohort=cohort, data=data, actor=facilitator)
        )
assert result.imported, result.check.file_error
assert Enrolment.objects.filter(cohort=cohort).count() == ROWS

with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
    mail.outbox = []
    emailing, sent = timed(
        lambda: sum(cohort_import.cohort_import_emails_send(**batch) for batch in batches)
    )
    assert sent == len(mail.outbox) == ROWS

with mock.patch.object(cohort_import_emails_task, "delay_on_commit", collect):
    again, repeat = timed(
        lambda: cohort_import.cohort_import_csv(cohort=cohort, data=data, actor=facilitator)
    )
assert not repeat.imported and repeat.already == ROWS

print(f"file: {ROWS:,} rows, {len(data) / 1024:,.0f} KiB; {result.invited:,} invited, "
      f"{result.enrolled:,} existing users enrolled; {len(batches)} e-mail batches")
print(f"{'step':<30}{'seconds':>10}{'rows/s':>12}{'queries':>10}")
for name, seconds, queries in [
    ("baseline: csv.reader", baseline, ""),
    ("validation (check only)", validation, len(validation_queries)),
    ("import (check + write)", importing, len(import_queries)),
    ("validation + import", validation + importing, ""),
    ("e-mails rendered (locmem)", emailing, ""),
    ("re-upload (changes nothing)", again, ""),
]:
    print(f"{name:<30}{seconds:>10.3f}{ROWS / seconds:>12,.0f}{queries:>10}")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--capacity", type=int, default=6000)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="isoko-bench-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "DEBUG": "false",
        "PYTHONWARNINGS": "ignore",
        "LOG_LEVEL": "WARNING",
        "ISOKO_BENCH_ROWS": str(args.rows),
        "ISOKO_BENCH_CAPACITY": str(args.capacity),
    }
    env.pop("REDIS_URL", None)
    manage = [sys.executable, "manage.py"]
    quiet = {"cwd": ROOT, "env": env, "check": True, "stdout": subprocess.DEVNULL}
    try:
        subprocess.run([*manage, "migrate", "-v", "0"], **quiet)
        subprocess.run([*manage, "seed_demo", "--force"], **quiet)
        print(f"SQLite at {workdir}, dev settings, DEBUG off")
        subprocess.run([*manage, "shell", "-v", "0", "-c", SHELL], cwd=ROOT, env=env, check=True)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
