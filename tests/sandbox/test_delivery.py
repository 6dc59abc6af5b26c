"""Webhook delivery threads: a reset stops what is queued, and one database error stops nothing."""

from __future__ import annotations

import random
import time

from marketplace_sandbox.config import Config
from marketplace_sandbox.db import Database
from marketplace_sandbox.faults import Faults
from marketplace_sandbox.routes import API_ENDPOINTS
from marketplace_sandbox.webhooks import Webhooks

from .conftest import STORE, wait_until
from .receiver import Receiver
from .server import SECRET


def test_reset_drops_queued_deliveries_and_waits_for_those_on_the_wire(api, sandbox, receiver):
    store_id = api("POST", "/v1/stores", STORE).body["id"]
    api("POST", f"/v1/stores/{store_id}/publish")
    receiver.wait_for(lambda ev: len(ev) == 2)  # IN_REVIEW, ACTIVE: the store takes orders
    receiver.delay = 0.3
    for _ in range(8):  # more than the 4 delivery threads: some wait in their queues
        sandbox.control("POST", "/_sandbox/orders", {"store_id": store_id})
    wait_until(lambda: sandbox.stats()["webhooks"]["attempts"] > 2)  # posts on the wire
    sandbox.reset()
    receiver.clear()
    time.sleep(0.5)  # long enough for a leftover to arrive
    assert receiver.deliveries == []


def test_a_database_error_does_not_stop_the_delivery_threads(tmp_path, caplog):
    receiver = Receiver(SECRET)
    db = Database(tmp_path / "sandbox.sqlite3")
    config = Config(
        webhook_url=receiver.url, webhook_key_id="k", webhook_secret=SECRET, webhook_workers=1
    )
    webhooks = Webhooks(db, Faults({}, random.Random(1), API_ENDPOINTS), config)
    webhooks.start()

    def emit(order_id: str) -> str:
        with db.transaction() as conn:
            return webhooks.emit(conn, "order.created", order_id, {"order_id": order_id})

    def sql(statement: str) -> None:
        with db.transaction() as conn:
            conn.execute(statement)

    def states() -> set[str]:
        with db.lock:
            return {row[0] for row in db.conn.execute("SELECT state FROM deliveries")}

    try:
        # The dispatcher's query fails while the table is away...
        sql("ALTER TABLE events RENAME TO events_away")
        wait_until(lambda: "webhook dispatch failed" in caplog.text)
        sql("ALTER TABLE events_away RENAME TO events")
        # ...and the worker's record of a delivery fails while this trigger exists.
        sql(
            "CREATE TRIGGER refuse BEFORE UPDATE ON deliveries "
            "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
        )
        first = emit("or_1")
        # Sent again: the worker lived on and released the unrecorded delivery for a retry.
        receiver.wait_for(lambda ev: [e["id"] for e in ev].count(first) >= 2, timeout=5)
        sql("DROP TRIGGER refuse")
        second = emit("or_2")
        receiver.wait_for(lambda ev: second in {e["id"] for e in ev}, timeout=5)
        wait_until(lambda: states() == {"delivered"})
    finally:
        webhooks.stop()
        receiver.close()
