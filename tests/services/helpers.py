"""Small helpers for the service-bound tests."""

import time


def wait_for(predicate, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def broker_holds(queue: str) -> int:
    """Messages of a queue still in Redis: waiting in its list, or delivered to a worker and not
    yet acknowledged (kombu keeps those in its "unacked" hash until the ack, a retry's ETA
    message included). None means nothing more can reach a worker on that queue."""
    import json

    from config.celery import app

    with app.connection_for_write() as conn:
        channel = conn.default_channel
        client = channel.client
        # Each unacked entry is [message, exchange, routing key].
        unacked = [json.loads(value) for value in client.hvals(channel.unacked_key)]
        return client.llen(queue) + sum(1 for entry in unacked if entry[2] == queue)
