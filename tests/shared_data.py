"""Test data built once and shared by consecutive tests, as Django's ``TestCase.setUpTestData``.

Building a Wagtail page tree is the dearest part of most tests here: every page is saved, given a
revision and published (about 0.1 s of CPU each), and the demo Site alone takes 0.2 s. A fixture
declared with :func:`shared` builds its rows once for a run of consecutive tests of one module
that ask for the same shared fixtures:

- before the first test of the run, the rows are built in a transaction of their own;
- every test of the run then works in a savepoint inside that transaction (pytest-django's ``db``
  nests in an open transaction), so whatever a test changes is rolled back before the next one,
  and each test gets its own deep copy of the Python objects (as ``setUpTestData`` gives);
- after the last test of the run, the transaction is rolled back.

A test therefore sees the shared rows it asked for (with those they are built from) and no
others, exactly as if it had built them itself. Transactional tests (``transactional_db``,
``live_server``, ``django_db(transaction=True)``) flush tables and read from other connections:
they build the data inside the test, as does the first test of a session, which runs before the
test database exists.

A builder takes only other shared values (by name, listed in ``needs``), never per-test fixtures
such as ``settings`` or ``tmp_path``: it runs before any of the test's own fixtures.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest


@dataclass(frozen=True)
class Builder:
    name: str
    build: Callable[..., Any]
    needs: tuple[str, ...]


BUILDERS: dict[str, Builder] = {}


def shared(*, needs: tuple[str, ...] = ()):
    """Declare a fixture whose data is built once per run of tests (see the module docstring).

    The fixture's name is the builder's and must be unique in the suite; `needs` names other
    shared fixtures, whose values the builder receives as keyword arguments.
    """

    def decorate(build: Callable[..., Any]):
        name = build.__name__
        if name in BUILDERS and BUILDERS[name].build.__module__ != build.__module__:
            raise ValueError(f"two shared fixtures are called {name!r}")
        unknown = [need for need in needs if need not in BUILDERS]
        if unknown:
            raise ValueError(f"{name} needs {unknown}, which are not (yet) shared fixtures")
        BUILDERS[name] = Builder(name, build, tuple(needs))

        @pytest.fixture(name=name)
        def fixture(request, db, django_db_blocker):
            _state.blocker = django_db_blocker  # the test database exists from now on
            if name in _state.values:
                return copy.deepcopy(_state.values[name])
            return build(**{need: request.getfixturevalue(need) for need in needs})

        fixture.__doc__ = build.__doc__
        return fixture

    return decorate


@dataclass
class _State:
    blocker: Any = None  # pytest-django's DjangoDbBlocker, once a test has set up the database
    key: tuple | None = None  # (module, shared names) of the open transaction
    atomic: Any = None
    values: dict[str, Any] = field(default_factory=dict)

    def open(self, key: tuple, names: list[str]) -> None:
        from django.db import transaction

        with self.blocker.unblock():
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
            self.key = key
            try:
                for name in names:
                    builder = BUILDERS[name]
                    self.values[name] = builder.build(
                        **{need: self.values[need] for need in builder.needs}
                    )
            except BaseException:
                self.close()
                raise

    def close(self) -> None:
        if self.atomic is None:
            return
        from django.db import transaction

        with self.blocker.unblock():
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)
        self.atomic, self.key = None, None
        self.values.clear()


_state = _State()


def _wanted(item: pytest.Item) -> list[str]:
    """The shared fixtures `item` uses, with those they need, each after its needs."""
    order: list[str] = []

    def add(name: str) -> None:
        if name not in order:
            for need in BUILDERS[name].needs:
                add(need)
            order.append(name)

    for name in getattr(item, "fixturenames", ()):
        if name in BUILDERS and _is_shared(item, name):
            add(name)
    return order


def _is_shared(item: pytest.Item, name: str) -> bool:
    """Whether ``name`` is, for this test, the shared fixture: a module's own plain fixture of
    the same name (a ``programme`` fixture beside another module's shared ``programme``) is not,
    and building the shared one for it would put a second copy of its rows in the database."""
    info = getattr(item, "_fixtureinfo", None)
    definitions = info.name2fixturedefs.get(name) if info is not None else None
    if not definitions:
        return True
    return definitions[-1].func.__module__ == __name__


def _transactional(item: pytest.Item) -> bool:
    names = getattr(item, "fixturenames", ())
    if "transactional_db" in names or "live_server" in names:
        return True
    marker = item.get_closest_marker("django_db")
    if marker is None:
        return False
    flags = dict(zip(("transaction", "reset_sequences"), marker.args, strict=False))
    flags.update(marker.kwargs)
    return bool(flags.get("transaction") or flags.get("reset_sequences"))


def _key(item: pytest.Item | None) -> tuple | None:
    if item is None or _transactional(item):
        return None
    wanted = _wanted(item)
    if not wanted:
        return None
    return (item.nodeid.split("::")[0], tuple(wanted))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Within each module or class, run the tests that share the same data one after the other
    (otherwise in their order), so their data is built once. pytest-django has already put the
    transactional tests last; this keeps that order, as it only moves tests within a consecutive
    run of one module or class."""
    start = 0
    while start < len(items):
        end = start
        while end < len(items) and items[end].parent is items[start].parent:
            end += 1
        first_seen: dict[tuple | None, int] = {}
        for item in items[start:end]:
            first_seen.setdefault(_key(item), len(first_seen))
        items[start:end] = sorted(items[start:end], key=lambda item: first_seen[_key(item)])
        start = end


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    key = _key(item)
    if _state.key != key:
        _state.close()
    if key is not None and _state.key is None and _state.blocker is not None:
        _state.open(key, list(key[1]))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    result = yield  # the test's own fixtures (and its savepoint) are gone now
    if _state.key is not None and (item.session.shouldstop or _key(nextitem) != _state.key):
        _state.close()
    return result


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    _state.close()  # before the test database is destroyed
