"""Deliver the marketplace outbox in this process, in a loop: the embedded demo's stand-in for
the worker and beat (Procfile.embedded). There, tasks run eagerly inside the request: a countdown
is ignored, so a debounced product edit is not due yet when its task runs, and a message that
failed once waits for a retry nobody would send. This loop delivers whatever is due, directly,
without a broker. Running it beside real workers is harmless: a message is claimed once."""

from __future__ import annotations

import logging
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from marketplace_link.outbox.delivery import outbox_deliver_due

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Deliver due marketplace outbox messages in-process, every --interval seconds."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=5.0, help="seconds between sweeps")
        parser.add_argument("--once", action="store_true", help="one sweep, then exit")

    def handle(self, *args, interval: float, once: bool, **options):
        while True:
            try:
                results = outbox_deliver_due()
            except Exception:  # noqa: BLE001  (a locked SQLite file, a bug: the loop goes on)
                if once:
                    raise
                logger.exception("marketplace outbox sweep failed")
            else:
                if results:
                    summary = ", ".join(f"{n} {result}" for result, n in sorted(results.items()))
                    self.stdout.write(f"marketplace outbox: {summary}")
            if once:
                return
            time.sleep(interval)
            # A long-lived loop: drop a connection the database closed meanwhile. (Not before a
            # --once sweep: in a test's transaction that would close the test's connection.)
            close_old_connections()
