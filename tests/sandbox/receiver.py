"""A tiny webhook receiver for the tests: checks each delivery's signature and records it."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .client import sign

PATH = "/marketplace/webhooks/"


class Receiver:
    def __init__(self, secret: str):
        self.secret = secret
        self.lock = threading.Lock()
        self.deliveries: list[dict] = []  # every POST, in arrival order
        self.fail_next = 0  # answer 500 to this many deliveries first
        self.delay = 0.0  # seconds each delivery takes to answer (it is recorded at the end)
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                started = time.monotonic()
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                timestamp = self.headers.get("X-Timestamp", "")
                expected = sign(receiver.secret, timestamp, "POST", self.path, body)
                valid = (
                    self.headers.get("X-Signature") == expected
                    and timestamp.isascii()
                    and timestamp.isdigit()
                    and abs(time.time() - int(timestamp)) <= 300
                )
                time.sleep(receiver.delay)
                with receiver.lock:
                    failing = receiver.fail_next > 0
                    receiver.fail_next -= failing
                    receiver.deliveries.append(
                        {
                            "event": json.loads(body),
                            "valid": valid,
                            "key_id": self.headers.get("X-Key-Id"),
                            "path": self.path,
                            "answered": 500 if failing else (204 if valid else 400),
                            "started": started,
                            "finished": time.monotonic(),
                        }
                    )
                self.send_response(500 if failing else (204 if valid else 400))
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}{PATH}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def clear(self) -> None:
        with self.lock:
            self.deliveries.clear()
            self.fail_next = 0
            self.delay = 0.0

    def events(self, *, acknowledged_only: bool = True) -> list[dict]:
        with self.lock:
            return [
                d["event"] for d in self.deliveries if not acknowledged_only or d["answered"] == 204
            ]

    def wait_for(self, predicate, timeout: float = 10.0) -> list[dict]:
        """Wait until ``predicate(events)`` is true; return the acknowledged events."""
        deadline = time.monotonic() + timeout
        while True:
            events = self.events()
            if predicate(events):
                return events
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out; events so far: {events}")
            time.sleep(0.02)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
