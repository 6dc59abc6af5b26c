"""One migrate per `make test` on PostgreSQL, however many pytest-xdist workers.

pytest-django gives each xdist worker its own test database (test_<name>_gw0, …) and migrates
each one: tens of seconds of CPU apiece. Instead, the first worker to take the lock migrates
the plain test database (test_<name>, the "template"), once per run, and every worker clones
it with CREATE DATABASE … TEMPLATE (about a second). A later plain run with --reuse-db can use
the template itself: migrated minutes before.

With --reuse-db (`make test-fast`) a worker keeps its clone (pytest-django migrates it if new
migrations came). SQLite needs none of this: each process has its own file anyway.
"""

from __future__ import annotations

import fcntl
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

VAR = Path(__file__).resolve().parent.parent / "var"


def applies(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput") and connection.vendor == "postgresql"


def _exists(name: str) -> bool:
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


def prepare(config: pytest.Config) -> None:
    """After pytest-django named this worker's database (the _gwN suffix): make it a clone of
    a template migrated in this run (or keep it, with --reuse-db)."""
    worker = config.workerinput["workerid"]
    run = config.workerinput["testrunuid"]
    reuse = config.getvalue("reuse_db") and not config.getvalue("create_db")
    test = settings.DATABASES["default"]["TEST"]
    clone = test["NAME"]
    template = clone.removesuffix(f"_{worker}")
    VAR.mkdir(exist_ok=True)
    with open(VAR / f".{template}.lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if reuse and _exists(clone):
            return
        lock.seek(0)
        if lock.read() != run:
            _migrate(template, keepdb=reuse, verbosity=config.option.verbose)
            lock.seek(0)
            lock.truncate()
            lock.write(run)
            lock.flush()
        qn = connection.ops.quote_name
        with connection.creation._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {qn(clone)}")
            cursor.execute(f"CREATE DATABASE {qn(clone)} WITH TEMPLATE {qn(template)}")


def _migrate(template: str, *, keepdb: bool, verbosity: int) -> None:
    test = settings.DATABASES["default"]["TEST"]
    clone, original = test["NAME"], settings.DATABASES["default"]["NAME"]
    test["NAME"] = template
    try:
        connection.creation.create_test_db(
            verbosity=verbosity, autoclobber=True, serialize=False, keepdb=keepdb
        )
        # Only closes the connection (and names the original database again): the template
        # stays, with no session on it, as CREATE DATABASE … TEMPLATE needs.
        connection.creation.destroy_test_db(original, verbosity=0, keepdb=True)
    finally:
        test["NAME"] = clone


def drop_clone(config: pytest.Config) -> None:
    """At the end of a run without --reuse-db: the clone goes (the template stays, for a
    later --reuse-db run)."""
    if config.getvalue("reuse_db") and not config.getvalue("create_db"):
        return
    connection.close()
    qn = connection.ops.quote_name
    with connection.creation._nodb_cursor() as cursor:
        name = qn(connection.settings_dict["NAME"])
        cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
