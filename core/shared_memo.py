"""Process-local memos that every web node drops within a second of a change anywhere.

Some reads are made on every request and change a few times a year: which Site answers a host,
the Locale of a language, the home page of each language, whether a user may open the admin.
Reading them from PostgreSQL on each request cost 12 of the 21 queries of a preview lesson, and
the ORM building those queries was most of its time (issue 15). Reading them from Redis would
still cost a round trip each. So they are kept in a dict in each process, and a *generation
token* in the shared cache (Redis in production) says when they went stale:

- ``invalidate()`` (called by the receivers of the signals that change the data) drops this
  process's dict at once and writes a new token; it writes another after the transaction
  commits, so a process that re-read the old rows meanwhile drops them too.
- every process compares its token with the shared one at most once per
  ``ISOKO_SHARED_MEMO_RECHECK`` seconds (1 s; 0 in tests), and drops its dict when it differs.
  A memo also expires after ``ISOKO_SHARED_MEMO_MAX_AGE`` seconds (300), in case the cache is
  not shared (the embedded default's local-memory cache) or lost a token.

So one node serves a stale value for at most a second after another node changed it. Keep only
small values here, and never data whose staleness could grant access: a memo may answer which
page a path names, never who may read it.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Hashable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

_NEVER = float("-inf")


class SharedMemo:
    def __init__(self, name: str, max_entries: int | None = None):
        self.name = name
        # A bound for memos of values that are not small (rendered HTML): past it, the dict
        # starts again empty rather than grow with every page ever read.
        self.max_entries = max_entries
        self.key = f"shared-memo:{name}"
        self._data: dict[Hashable, Any] = {}
        self._token: str | None = None
        self._checked = _NEVER
        self._born = _NEVER
        self._lock = threading.Lock()

    def _current(self) -> dict[Hashable, Any]:
        now = time.monotonic()
        recheck = getattr(settings, "ISOKO_SHARED_MEMO_RECHECK", 1.0)
        max_age = getattr(settings, "ISOKO_SHARED_MEMO_MAX_AGE", 300.0)
        if now - self._checked < recheck and now - self._born < max_age:
            return self._data
        with self._lock:
            token = cache.get(self.key)
            if token is None:
                # First use, or the cache was cleared: start a generation (add: another process
                # may be doing the same; then theirs wins and both read it back).
                cache.add(self.key, uuid.uuid4().hex, timeout=None)
                token = cache.get(self.key)
            if token != self._token or now - self._born >= max_age:
                self._data = {}
                self._token = token
                self._born = now
            self._checked = now
            return self._data

    def generation(self) -> str | None:
        """The current generation's token: it changes whenever the memo is dropped anywhere, so
        a value cached elsewhere (the shared cache) may be stamped with it."""
        self._current()
        return self._token

    def holds(self, key: Hashable) -> bool:
        """Whether ``key`` is in the current generation here (never computes it)."""
        return key in self._current()

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        data = self._current()
        try:
            return data[key]
        except KeyError:
            value = compute()
            if self.max_entries is not None and len(data) >= self.max_entries:
                data.clear()
            data[key] = value
            return value

    def invalidate(self) -> None:
        """Drop this memo here now, in other processes within the recheck interval, and again
        once the current transaction commits."""
        self._drop_local()
        cache.set(self.key, uuid.uuid4().hex, timeout=None)
        transaction.on_commit(self._after_commit)

    def _after_commit(self) -> None:
        self._drop_local()
        cache.set(self.key, uuid.uuid4().hex, timeout=None)

    def _drop_local(self) -> None:
        with self._lock:
            self._data = {}
            self._token = None
            self._checked = _NEVER
