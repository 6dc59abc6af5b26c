"""The embedded default's SQLite: WAL, a busy timeout, and transactions that take
the write lock at BEGIN. tests/concurrency shows they hold under bursts of requests; this pins
them on the settings `make run` uses, whatever database the test run itself points at."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connections, transaction
from django.db.utils import ConnectionHandler, load_backend

ROOT = Path(__file__).resolve().parents[2]
PRINT_OPTIONS = (
    "import json; from django.conf import settings; "
    "print(json.dumps(settings.DATABASES['default']))"
)


@pytest.fixture(scope="module")
def make_run_database() -> dict:
    """DATABASES["default"] as `make run` sees it: dev settings, no DATABASE_URL."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    done = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", PRINT_OPTIONS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(done.stdout.splitlines()[-1])


@pytest.fixture
def demo(make_run_database, tmp_path, django_db_blocker):
    """A connection configured as `make run`'s, on a file of its own, under the alias "demo"."""
    database = make_run_database
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"].endswith("var/db.sqlite3")
    path = tmp_path / "db.sqlite3"
    configured = ConnectionHandler({"default": {**database, "NAME": str(path)}}).settings
    connection = load_backend(database["ENGINE"]).DatabaseWrapper(configured["default"], "demo")
    connection.path = path
    connections["demo"] = connection
    with django_db_blocker.unblock():
        yield connection
        connection.close()
    del connections["demo"]


def pragma(connection, name: str):
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA {name}")
        return cursor.fetchone()[0]


def test_wal_and_a_busy_timeout(demo):
    assert pragma(demo, "journal_mode") == "wal"
    assert pragma(demo, "busy_timeout") == 20_000  # milliseconds
    assert pragma(demo, "synchronous") == 1  # NORMAL


def test_a_transaction_holds_the_write_lock_from_its_start(demo):
    """Before its first statement: so it never has to upgrade a read lock, which SQLite
    refuses at once ("database is locked") when another writer got there first."""
    other = sqlite3.connect(demo.path, timeout=0, isolation_level=None)
    try:
        with transaction.atomic(using="demo"):
            with pytest.raises(sqlite3.OperationalError, match="database is locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # released at commit
        other.execute("ROLLBACK")
    finally:
        other.close()
