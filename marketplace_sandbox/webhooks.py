"""Webhooks out: an outbox in the sandbox's database and a small pool of delivery threads.

An event is written in the same transaction as the change it reports, so a crash never loses one
and never sends one for a change that was rolled back. Deliveries are retried with exponential
backoff until the receiver answers 2xx, up to ``webhook_max_attempts``, then parked as failed.

Events about one object are sent in order (each object is pinned to one delivery thread), but
they do not always arrive in order: a delivery the receiver failed is retried later, after newer
events about the object may have been acknowledged. The faults can also duplicate a delivery (the
second copy goes out from another thread, at the same time as the first), or hold deliveries for
a short window and send them in shuffled order. Receivers must be ready for all of it.
"""

from __future__ import annotations

import json
import logging
import queue
import secrets
import sqlite3
import threading
import time
import urllib.error
import urllib.request
import zlib
from collections import Counter
from datetime import UTC, datetime
from urllib.parse import urlsplit

from .db import Database
from .faults import Faults
from .signing import signature

log = logging.getLogger("marketplace_sandbox.webhooks")
RETRY_CAP_SECONDS = 30.0


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def next_sequence(conn: sqlite3.Connection, object_id: str) -> int:
    conn.execute(
        "INSERT INTO sequences (object_id, value) VALUES (?, 1) "
        "ON CONFLICT (object_id) DO UPDATE SET value = value + 1",
        (object_id,),
    )
    return conn.execute("SELECT value FROM sequences WHERE object_id = ?", (object_id,)).fetchone()[
        0
    ]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is not an acknowledgement: urllib would replay the POST as a GET."""

    def redirect_request(self, *args, **kwargs):
        return None


class Webhooks:
    def __init__(self, db: Database, faults: Faults, config):
        self.db = db
        self.faults = faults
        self.config = config
        self.url = config.webhook_url
        self.stats: Counter = Counter()
        self._stats_lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._inflight: set[int] = set()  # queued or being posted; guarded by the db lock
        self._posting: set[int] = set()  # being posted right now
        self._posted = threading.Condition()  # guards _posting, notified as each post ends
        self._queues = [queue.Queue() for _ in range(config.webhook_workers)]
        # No proxies (a loopback receiver must not go through $http_proxy) and no redirects.
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect)
        self._threads = [threading.Thread(target=self._dispatch, name="webhook-dispatch")] + [
            threading.Thread(target=self._work, args=(q,), name=f"webhook-{i}")
            for i, q in enumerate(self._queues)
        ]

    # -- writing events (inside the caller's transaction) ------------------------------------

    def emit(self, conn: sqlite3.Connection, event_type: str, object_id: str, data: dict) -> str:
        event = {
            "id": "ev_" + secrets.token_hex(12),
            "type": event_type,
            "created_at": now_iso(),
            "sequence": next_sequence(conn, object_id),
            "data": data,
        }
        conn.execute(
            "INSERT INTO events (id, type, object_id, body) VALUES (?, ?, ?, ?)",
            (event["id"], event_type, object_id, json.dumps(event).encode()),
        )
        due = time.time()
        if self.faults["webhook_shuffle"]:
            # Hold deliveries for a window so that several are due together and can be shuffled.
            due += self.faults["webhook_shuffle_window_ms"] / 1000
        copies = 2 if self.faults.random() < self.faults["webhook_duplicates"] else 1
        for _ in range(copies):
            conn.execute(
                "INSERT INTO deliveries (event_id, object_id, next_at) VALUES (?, ?, ?)",
                (event["id"], object_id, due),
            )
        if copies > 1:
            self.count("duplicated")
        self._wake.set()
        return event["id"]

    # -- delivering ---------------------------------------------------------------------------

    def start(self) -> None:
        for thread in self._threads:
            thread.daemon = True
            thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        for q in self._queues:
            q.put(None)

    def set_url(self, url: str) -> None:
        self.url = url
        self._wake.set()

    def count(self, name: str, n: int = 1) -> None:
        with self._stats_lock:
            self.stats[name] += n

    def reset_counts(self) -> None:
        with self._stats_lock:
            self.stats.clear()

    def counts(self) -> dict:
        with self._stats_lock:
            return dict(self.stats)

    def posting(self) -> set[int]:
        with self._posted:
            return set(self._posting)

    def wait_until_posted(self, delivery_ids: set[int]) -> None:
        """Wait (at most one webhook timeout) for these posts to end."""
        with self._posted:
            self._posted.wait_for(
                lambda: not (delivery_ids & self._posting), self.config.webhook_timeout + 1
            )

    def _dispatch(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(0.05)
            self._wake.clear()
            if not self.url:
                continue
            # One database error must not end the thread: no webhook would ever go out again.
            try:
                self._dispatch_due()
            except Exception:  # noqa: BLE001 - logged; the next round tries again
                log.exception("webhook dispatch failed")

    def _dispatch_due(self) -> None:
        now = time.time()
        shuffle = self.faults["webhook_shuffle"]
        # Shuffling: once one delivery is due, take those due within the next window too,
        # so that events emitted close together are sent together, in shuffled order.
        horizon = now + (self.faults["webhook_shuffle_window_ms"] / 1000 if shuffle else 0)
        with self.db.transaction() as conn:
            rows = conn.execute(
                "SELECT d.id, d.event_id, d.object_id, d.next_at, e.body FROM deliveries d "
                "JOIN events e ON e.id = d.event_id "
                "WHERE d.state = 'pending' AND d.next_at <= ? ORDER BY d.id LIMIT 500",
                (horizon,),
            ).fetchall()
            if not any(r["next_at"] <= now for r in rows):
                rows = []
            # Under the database lock, like the workers' discard, so that a row delivered
            # between this SELECT and this filter is never sent twice.
            rows = [r for r in rows if r["id"] not in self._inflight]
            self._inflight.update(r["id"] for r in rows)
        if shuffle and len(rows) > 1:
            shuffled = list(rows)
            self.faults.shuffle(shuffled)
            if shuffled == rows:  # a shuffle that changed nothing would hide the fault
                shuffled.reverse()
            for row in shuffled:  # one thread, so the shuffled order is the order sent
                self._queues[0].put(row)
            return
        copies: set[str] = set()
        for row in rows:
            index = zlib.crc32(row["object_id"].encode()) % len(self._queues)
            if row["event_id"] in copies:
                # The second copy of a duplicated event goes to the next thread, so both copies
                # can be at the receiver at once: its concurrent dedupe path is exercised too.
                index = (index + 1) % len(self._queues)
            copies.add(row["event_id"])
            self._queues[index].put(row)

    def _work(self, q: queue.Queue) -> None:
        while True:
            row = q.get()
            if row is None:
                return
            try:
                self._deliver(row)
            except Exception:  # noqa: BLE001 - logged; the thread must keep delivering
                log.exception("webhook delivery %s failed", row["id"])

    def _deliver(self, row) -> None:
        delivery_id = row["id"]
        try:
            if not self._claim(delivery_id):
                return
            try:
                status, error = self._post(row["body"])
            except Exception as exc:  # noqa: BLE001 - any failure is a failed delivery
                status, error = None, repr(exc)
            finally:
                with self._posted:
                    self._posting.discard(delivery_id)
                    self._posted.notify_all()
            self._record(delivery_id, status, error)
        finally:
            # After the commit (or the rollback: the row is still pending, so it is retried),
            # never before, or the dispatcher could queue a delivered row again.
            with self.db.lock:
                self._inflight.discard(delivery_id)

    def _claim(self, delivery_id: int) -> bool:
        """Mark it as being posted if it is still pending: /_sandbox/reset may have wiped it
        since it was queued, and a leftover event must not reach the next test's receiver."""
        with self.db.lock:
            live = self.db.conn.execute(
                "SELECT 1 FROM deliveries WHERE id = ? AND state = 'pending'", (delivery_id,)
            ).fetchone()
            if live is not None:
                with self._posted:
                    self._posting.add(delivery_id)
        return live is not None

    def _post(self, body: bytes) -> tuple[int | None, str]:
        url = self.url
        parts = urlsplit(url)
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        timestamp = str(int(time.time()))
        request = urllib.request.Request(
            url,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "User-Agent": "isoko-marketplace-sandbox/1",
                "X-Key-Id": self.config.webhook_key_id,
                "X-Timestamp": timestamp,
                "X-Signature": signature(self.config.webhook_secret, timestamp, "POST", path, body),
            },
        )
        self.count("attempts")
        try:
            with self._opener.open(request, timeout=self.config.webhook_timeout) as response:
                response.read()
                return response.status, ""
        except urllib.error.HTTPError as exc:
            return exc.code, f"HTTP {exc.code}"
        except (urllib.error.URLError, OSError) as exc:
            return None, str(getattr(exc, "reason", exc))

    def _record(self, delivery_id: int, status: int | None, error: str) -> None:
        with self.db.transaction() as conn:
            row = conn.execute(
                "SELECT attempts FROM deliveries WHERE id = ?", (delivery_id,)
            ).fetchone()
            if row is None:  # wiped by /_sandbox/reset while in flight
                return
            attempts = row["attempts"] + 1
            if status is not None and 200 <= status < 300:
                conn.execute(
                    "UPDATE deliveries SET state = 'delivered', attempts = ?, last_status = ?, "
                    "last_error = '' WHERE id = ?",
                    (attempts, status, delivery_id),
                )
                return
            give_up = attempts >= self.config.webhook_max_attempts
            delay = min(self.config.webhook_retry_base * 2 ** (attempts - 1), RETRY_CAP_SECONDS)
            conn.execute(
                "UPDATE deliveries SET state = ?, attempts = ?, next_at = ?, last_status = ?, "
                "last_error = ? WHERE id = ?",
                (
                    "failed" if give_up else "pending",
                    attempts,
                    time.time() + delay * (0.5 + self.faults.random() / 2),
                    status,
                    error[:500],
                    delivery_id,
                ),
            )
            self.count("given_up" if give_up else "retried")
            log.info("webhook delivery %s failed (%s), attempt %s", delivery_id, error, attempts)
