"""The asynchronous review: a thread that applies due steps from the ``reviews`` table.

The queue lives in the database, not in memory, so a review survives a sandbox restart and a
``/_sandbox/reset`` cancels it with everything else.
"""

from __future__ import annotations

import logging
import threading
import time

from .db import Database
from .resources import Resources

log = logging.getLogger("marketplace_sandbox.review")


class Reviewer:
    def __init__(self, db: Database, resources: Resources):
        self.db = db
        self.resources = resources
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="reviewer", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                wait = self.run_due()
            except Exception:  # noqa: BLE001 - keep reviewing; the error is logged
                log.exception("review step failed")
                wait = 0.5
            self._stop.wait(wait)

    def run_due(self) -> float:
        """Apply every due step; return how long to sleep before the next one (at most 50 ms,
        so a step scheduled meanwhile by a request is picked up promptly)."""
        now = time.time()
        with self.db.transaction() as conn:
            due = conn.execute(
                "SELECT object_id, kind, step FROM reviews WHERE due_at <= ? ORDER BY due_at",
                (now,),
            ).fetchall()
            for row in due:
                conn.execute("DELETE FROM reviews WHERE object_id = ?", (row["object_id"],))
                self.resources.review_step(conn, row["kind"], row["object_id"], row["step"])
            nxt = conn.execute("SELECT MIN(due_at) FROM reviews").fetchone()[0]
        if nxt is None:
            return 0.05
        return max(0.005, min(nxt - time.time(), 0.05))
