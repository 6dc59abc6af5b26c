"""The test database's baseline: the rows `migrate` leaves (Wagtail's root page, default locale and
root collection, the groups and permissions its data migrations make), kept through
transactional tests, and a fast end to those tests.

A transactional test (``transaction=True``, ``live_server``: every browser and services test,
the concurrency bursts) ends, in Django, with ``flush``: TRUNCATE of every table (seconds on
PostgreSQL: each table gets new files) and post_migrate, which makes content types and
permissions again but not what data migrations made, so the next test in the same process, or
the next ``--reuse-db`` run, would find no root page. Instead, ``install()`` makes such a test
end with ``reset()``: DELETE from every table (milliseconds when they hold a test's few rows)
and the baseline put back from tables of its own (``_baseline_<table>``: no model owns them, so
nothing empties them, and they persist with a reused database).
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connection, transaction
from django.test import TransactionTestCase

PREFIX = "_baseline_"
# table -> its saved columns, once this session's test database is set up (ensure()).
_saved: dict[str, list[str]] | None = None


def _intact() -> bool:
    from wagtail.models import Collection, Locale, Page

    return (
        Page.objects.filter(depth=1).exists()
        and Locale.objects.exists()
        and Collection.objects.filter(depth=1).exists()
    )


def _model_tables() -> dict[str, type]:
    return {
        model._meta.db_table: model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


def _saved_tables() -> dict[str, list[str]]:
    introspection = connection.introspection
    with connection.cursor() as cursor:
        return {
            name[len(PREFIX) :]: [
                column.name for column in introspection.get_table_description(cursor, name)
            ]
            for name in sorted(introspection.table_names(cursor))
            if name.startswith(PREFIX)
        }


def save() -> None:
    """Copy every non-empty model table into its baseline table (replacing an older copy)."""
    qn = connection.ops.quote_name
    existing = set(connection.introspection.table_names())
    with transaction.atomic(), connection.cursor() as cursor:
        for table in _saved_tables():
            cursor.execute(f"DROP TABLE {qn(PREFIX + table)}")
        for table in _model_tables():
            if table not in existing:
                continue
            cursor.execute(f"SELECT 1 FROM {qn(table)} LIMIT 1")
            if cursor.fetchone():
                cursor.execute(f"CREATE TABLE {qn(PREFIX + table)} AS SELECT * FROM {qn(table)}")


def restore(tables: dict[str, list[str]] | None = None) -> None:
    """Put the baseline back: its tables emptied (a flush's post_migrate refills some of them,
    with other primary keys) and refilled, their sequences moved past the restored rows."""
    qn = connection.ops.quote_name
    tables = tables if tables is not None else _saved
    if tables is None:
        return  # no test database set up in this process: never touch another database
    models = _model_tables()
    with transaction.atomic(), connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DELETE FROM {qn(table)}")
        for table, columns in tables.items():
            names = ", ".join(qn(column) for column in columns)
            cursor.execute(
                f"INSERT INTO {qn(table)} ({names}) SELECT {names} FROM {qn(PREFIX + table)}"
            )
        sequences = connection.ops.sequence_reset_sql(
            no_style(), [models[table] for table in tables if table in models]
        )
        for sql in sequences:
            cursor.execute(sql)


def ensure() -> None:
    """At the start of a session, once the test database is set up: the baseline saved, or (a
    reused database that an interrupted run left flushed) put back."""
    global _saved
    require_test_database()
    if _intact():
        save()
        _saved = _saved_tables()
    elif saved := _saved_tables():
        restore(saved)
        _saved = saved
    else:
        pytest.exit(
            "The reused test database has lost what migrations put in it (a run interrupted "
            "during a transactional test?): run once with --create-db.",
            returncode=3,
        )


def forget() -> None:
    """The test database is about to go: restore() must not touch whatever database the
    connection points at next."""
    global _saved
    _saved = None


def require_test_database() -> None:
    """Fail unless the connection is on a test database. pytest-django sets one up only when some
    collected test asks for it (db, transactional_db, live_server or a django_db mark); a module
    whose fixtures write through django_db_blocker (the crawl's demo, the two nodes' data) and
    that runs alone would otherwise write to, and reset() would then empty, the developer's own
    database (var/db.sqlite3 or DATABASE_URL's)."""
    name, test_name = connection.settings_dict["NAME"], connection.settings_dict["TEST"]["NAME"]
    if name != test_name and not str(name).startswith("test_"):
        pytest.fail(f"{name} is not a test database: no collected test asked for one")


def reset() -> None:
    """Every model table emptied, then the baseline put back: the database as migrate left it."""
    require_test_database()
    if _saved is None:  # no baseline saved in this process: as Django would
        call_command("flush", interactive=False, verbosity=0)
        return
    qn = connection.ops.quote_name
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    deletes = [f"DELETE FROM {qn(table)}" for table in tables]
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("; ".join(deletes))  # one round trip
        else:
            for sql in deletes:
                cursor.execute(sql)
        restore()


def install() -> None:
    """Transactional tests end with reset() instead of Django's flush (see the module's doc)."""
    flush = TransactionTestCase._fixture_teardown
    if getattr(flush, "resets_to_baseline", False):
        return

    def _fixture_teardown(self):
        if _saved is None or set(self._databases_names(include_mirrors=False)) != {
            DEFAULT_DB_ALIAS
        }:
            return flush(self)
        reset()

    _fixture_teardown.resets_to_baseline = True
    TransactionTestCase._fixture_teardown = _fixture_teardown
