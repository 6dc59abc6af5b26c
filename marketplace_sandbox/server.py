"""The HTTP front: a ThreadingHTTPServer that turns requests into ``App.handle`` calls."""

from __future__ import annotations

import logging
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .app import App, Request, Response, error_response
from .validation import is_digits

log = logging.getLogger("marketplace_sandbox")
MAX_BODY = 1024 * 1024
# No scripts at all. Logos are the seller's own URLs (Isoko's media), so images come from anywhere.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src * data:"


class Handler(BaseHTTPRequestHandler):
    # HTTP/1.1 keep-alive: a provisioning run makes ~1,400 calls, and a new TCP connection for
    # each would cost more than the call itself on loopback.
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle on, the second waits for the client's
    # delayed ACK (40 ms on Linux). 1,400 calls from 8 keep-alive clients: 7.9 s with Nagle,
    # 0.74 s without.
    disable_nagle_algorithm = True
    server_version = "eWTPSandbox/1"

    def _handle(self) -> None:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            self.close_connection = True
            return self._send(error_response(411, "length_required", "Send Content-Length."))
        raw_length = (self.headers.get("Content-Length") or "0").strip()
        if not is_digits(raw_length):
            # Where the body ends is unknown: answer, and close rather than misread what follows.
            self.close_connection = True
            return self._send(error_response(400, "bad_request", "Bad Content-Length."))
        length = int(raw_length)
        if length > MAX_BODY:
            self.close_connection = True
            return self._send(error_response(413, "payload_too_large", "Body too large."))
        body = self.rfile.read(length) if length else b""
        request = Request(
            method=self.command,
            target=self.path,
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
            client_ip=self.client_address[0],
        )
        try:
            response = self.server.app.handle(request)
        except Exception:  # noqa: BLE001 - a bug must answer 500, not hang the client
            log.exception("unhandled error on %s %s", self.command, self.path)
            response = error_response(500, "internal_error", "Unexpected sandbox error.")
        self._send(response)

    do_GET = do_POST = do_PATCH = do_DELETE = do_PUT = _handle

    def _send(self, response: Response) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.send_header("Cache-Control", "no-store")
        if response.content_type.startswith("text/html"):
            self.send_header("Content-Security-Policy", CSP)
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(response.body)

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        sys.stderr.write(f"{self.address_string()} {format % args}\n")


class SandboxServer(ThreadingHTTPServer):
    daemon_threads = True
    # Many clients connect at once during a benchmark; the default backlog of 5 drops SYNs.
    request_queue_size = 128

    def __init__(self, address, app: App):
        super().__init__(address, Handler)
        self.app = app
