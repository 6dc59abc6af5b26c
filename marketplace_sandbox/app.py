"""The sandbox application: one request in, one response out, independent of the HTTP server.

The order of the checks on an API call is: count it, add latency, refuse if "down", verify the
signature (401), then the forced 429, then a random failure either before the change or after it,
then the call itself as one transaction together with its idempotency record.
"""

from __future__ import annotations

import hashlib
import json
import logging
import random
import threading
import time
from collections import Counter

from . import pages, signing
from .config import Config
from .control import Control
from .db import Database
from .exchange import Request, Response, error_response, json_response
from .faults import Decision, Faults
from .resources import Resources
from .routes import API_ENDPOINTS, Route, match
from .store_review import Reviewer
from .validation import ApiError
from .webhooks import Webhooks

log = logging.getLogger("marketplace_sandbox")
MUTATING = {"POST", "PATCH", "DELETE"}
MAX_IDEMPOTENCY_KEY = 200
FAILURE_CODES = {500: "internal_error", 502: "bad_gateway", 503: "unavailable"}


class App(Control):
    def __init__(self, config: Config):
        self.config = config
        self.base_url = config.public_url or "http://127.0.0.1"
        self.db = Database(config.db_path)
        self.faults = Faults(config.faults, random.Random(config.seed), API_ENDPOINTS)
        self.webhooks = Webhooks(self.db, self.faults, config)
        self.resources = Resources(
            self.webhooks, review_delay=config.review_delay, public_url=lambda: self.base_url
        )
        self.reviewer = Reviewer(self.db, self.resources)
        self._stats_lock = threading.Lock()
        self._stats: dict[str, Counter] = {}
        self._reset_stats()

    def start(self) -> None:
        self.reviewer.start()
        self.webhooks.start()

    def stop(self) -> None:
        self.reviewer.stop()
        self.webhooks.stop()

    # -- stats --------------------------------------------------------------------------------

    def _reset_stats(self) -> None:
        with self._stats_lock:
            self._stats = {
                "calls": Counter(),
                "responses": Counter(),
                "faults": Counter(),
                "other": Counter(),
            }
        self.webhooks.reset_counts()

    def _count(self, group: str, key: str, n: int = 1) -> None:
        with self._stats_lock:
            self._stats[group][key] += n

    # -- entry point --------------------------------------------------------------------------

    def handle(self, request: Request) -> Response:
        route, params, allowed = match(request.method, request.path)
        if route is None:
            if allowed:
                return error_response(
                    405, "method_not_allowed", "Method not allowed.", Allow=", ".join(allowed)
                )
            if request.path.startswith(("/v1/", "/_sandbox/")):
                return error_response(404, "not_found", "No such endpoint.")
            return Response(404, pages.not_found(), "text/html; charset=utf-8")
        if route.template.startswith("/_sandbox/"):
            response = self._sandbox(route, request)
        else:
            response = self._public(route, request, params)
            self._count("responses", str(response.status))
        return response

    def _public(self, route: Route, request: Request, params: dict) -> Response:
        self._count("calls", route.endpoint)
        is_api = route.template.startswith("/v1/")
        latency = self.faults["latency_ms"] if is_api else 0
        if latency:
            self._count("faults", "latency")
            time.sleep(latency / 1000)
        if self.faults["down"]:
            self._count("faults", "down")
            return error_response(
                503,
                "unavailable",
                "The marketplace is down (sandbox fault).",
                **{"Retry-After": "1"},
            )
        if not is_api:
            return self._page(route, params)

        problem = signing.check(
            keys=self.config.keys,
            key_id=request.headers.get("x-key-id"),
            timestamp=request.headers.get("x-timestamp"),
            given=request.headers.get("x-signature"),
            method=request.method,
            path=request.target,
            body=request.body,
            now=time.time(),
        )
        if problem:
            self._count("other", "unauthorized")
            message = {
                "bad_signature": "Missing or bad signature, or unknown key id.",
                "stale_timestamp": "X-Timestamp is more than 300 s away from the server's clock.",
            }[problem]
            return error_response(401, problem, message)

        decision = self.faults.decide(route.endpoint)
        if decision.kind == "rate_limited":
            self._count("faults", "rate_limited")
            return error_response(
                429,
                "rate_limited",
                "Too many requests (sandbox fault).",
                **{"Retry-After": str(decision.retry_after)},
            )
        if decision.kind == "before":
            self._count("faults", "failure_before")
            return self._failure(decision)
        response = self._call(route, request, params, request.headers["x-key-id"])
        if decision.kind == "after":
            self._count("faults", "failure_after")
            return self._failure(decision)
        return response

    @staticmethod
    def _failure(decision: Decision) -> Response:
        headers = {"Retry-After": "1"} if decision.status == 503 else {}
        return error_response(
            decision.status,
            FAILURE_CODES[decision.status],
            "Injected failure (sandbox fault); the change may or may not have been applied.",
            **headers,
        )

    # -- one API call as one transaction with its idempotency record ------------------------

    def _call(self, route: Route, request: Request, params: dict, key_id: str) -> Response:
        mutating = route.method in MUTATING
        idempotency_key = request.headers.get("idempotency-key")
        if mutating:
            # Not recorded: there is no valid key to record them under.
            if not idempotency_key:
                return error_response(
                    400, "missing_idempotency_key", "Mutating calls need an Idempotency-Key."
                )
            if len(idempotency_key) > MAX_IDEMPOTENCY_KEY:
                return error_response(
                    400, "invalid_idempotency_key", "Idempotency-Key is longer than 200."
                )
        body, refused = None, None
        if request.body.strip():
            try:
                body = json.loads(request.body)
            except ValueError:
                refused = error_response(400, "invalid_json", "The body is not valid JSON.")
        elif mutating:
            body = {}
        fingerprint = ""
        if mutating:
            # Compare bodies as JSON values, so a client that re-serialises the same body with
            # its keys in another order is still recognised as retrying the same request. A body
            # that is not JSON is compared as bytes (NUL never occurs in dumped JSON).
            if refused is None:
                canonical = json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
            else:
                canonical = b"\0" + request.body
            fingerprint = hashlib.sha256(
                f"{route.method} {request.target}\n".encode() + canonical
            ).hexdigest()

        with self.db.transaction() as conn:
            if mutating:
                record = conn.execute(
                    "SELECT fingerprint, status, body FROM idempotency "
                    "WHERE key_id = ? AND key = ?",
                    (key_id, idempotency_key),
                ).fetchone()
                if record is not None:
                    if record["fingerprint"] != fingerprint:
                        return error_response(
                            422,
                            "idempotency_key_reused",
                            "This Idempotency-Key was used with another request.",
                        )
                    self._count("other", "idempotent_replays")
                    return Response(
                        record["status"], record["body"], headers={"Idempotent-Replayed": "true"}
                    )
            if refused is not None:
                response = refused
            else:
                conn.execute("SAVEPOINT call")
                try:
                    status, payload = self._dispatch(conn, route, params, request.query, body)
                    response = json_response(status, payload)
                except ApiError as exc:
                    conn.execute("ROLLBACK TO call")
                    response = error_response(exc.status, exc.code, exc.message, exc.fields)
                conn.execute("RELEASE call")
            if mutating:  # every answer below 500, 4xx included, as the contract says
                conn.execute(
                    "INSERT INTO idempotency (key_id, key, fingerprint, status, body, created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        key_id,
                        idempotency_key,
                        fingerprint,
                        response.status,
                        response.body,
                        time.time(),
                    ),
                )
        return response

    def _dispatch(self, conn, route: Route, params: dict, query: dict, body):
        r = self.resources
        store_id = params.get("store_id", "")
        product_id = params.get("product_id", "")
        match route.name:
            case "store_create":
                return r.store_create(conn, body)
            case "store_list":
                return r.store_list(conn, query)
            case "store_get":
                return r.store_get(conn, store_id)
            case "store_update":
                return r.store_update(conn, store_id, body)
            case "store_publish":
                return r.store_publish(conn, store_id, body)
            case "store_suspend":
                return r.store_suspend(conn, store_id, body)
            case "product_create":
                return r.product_create(conn, store_id, body)
            case "product_list":
                return r.product_list(conn, store_id, query)
            case "product_get":
                return r.product_get(conn, store_id, product_id)
            case "product_update":
                return r.product_update(conn, store_id, product_id, body)
            case "product_delist":
                return r.product_delist(conn, store_id, product_id)
        raise AssertionError(route.name)

    # -- seller-facing pages ------------------------------------------------------------------

    def _page(self, route: Route, params: dict) -> Response:
        html = "text/html; charset=utf-8"
        with self.db.lock:
            conn = self.db.conn
            if route.name == "page_index":
                rows = conn.execute("SELECT doc FROM stores ORDER BY n").fetchall()
                return Response(200, pages.index([json.loads(r["doc"]) for r in rows]), html)
            row = conn.execute("SELECT doc FROM stores WHERE id = ?", (params["store_id"],))
            row = row.fetchone()
            if row is None:
                return Response(404, pages.not_found(), html)
            products = conn.execute(
                "SELECT doc FROM products WHERE store_id = ? ORDER BY n", (params["store_id"],)
            ).fetchall()
            return Response(
                200,
                pages.store(json.loads(row["doc"]), [json.loads(p["doc"]) for p in products]),
                html,
            )
