"""The sandbox's own control endpoints (/sandbox/...): health, statistics, faults, settings, the
webhook event log, placing an order and resetting. Tests and the demo drive the sandbox through
them; loopback only unless the sandbox is configured otherwise. A mixin of App (app.py), whose
database, webhooks, resources, faults and counters it uses."""

from __future__ import annotations

import ipaddress
import json
import secrets
from urllib.parse import urlsplit

from .exchange import Request, Response, error_response, json_response
from .faults import FaultConfigError
from .routes import Route
from .validation import USD, ApiError, is_digits
from .webhooks import now_iso


class Control:
    def _sandbox(self, route: Route, request: Request) -> Response:
        if route.method == "POST" and not self._may_control(request.client_ip):
            return error_response(403, "forbidden", "Sandbox control is open to loopback only.")
        body = {}
        if request.body.strip():
            try:
                body = json.loads(request.body)
            except ValueError:
                return error_response(400, "invalid_json", "The body is not valid JSON.")
        if not isinstance(body, dict):
            return error_response(400, "invalid_body", "The body must be a JSON object.")
        match route.name:
            case "sandbox_health":
                return json_response(200, {"status": "ok", "down": self.faults["down"]})
            case "sandbox_stats":
                return json_response(200, self.stats())
            case "sandbox_faults_get":
                return json_response(200, self.faults.get())
            case "sandbox_faults_set":
                try:
                    return json_response(200, self.faults.update(body))
                except FaultConfigError as exc:
                    return error_response(400, "validation_failed", "Bad fault config.", exc.fields)
            case "sandbox_config":
                return self._configure(body)
            case "sandbox_events":
                return json_response(200, self.events(request.query))
            case "sandbox_order":
                return self._order(body)
            case "sandbox_reset":
                with self.db.lock:
                    self.db.reset()
                    posting = self.webhooks.posting()
                # A delivery already on the wire must land before the reset answers, or a test
                # that clears its receiver next would see it arrive afterwards.
                self.webhooks.wait_until_posted(posting)
                self._reset_stats()
                return json_response(200, {"status": "reset"})
        raise AssertionError(route.name)

    def _may_control(self, client_ip: str) -> bool:
        if self.config.allow_remote_control:
            return True
        try:
            return ipaddress.ip_address(client_ip).is_loopback
        except ValueError:
            return False

    def _configure(self, body: dict) -> Response:
        errors = {}
        for name in set(body) - {"webhook_url", "review_delay"}:
            errors[name] = ["unknown setting"]
        url = body.get("webhook_url")
        if url is not None and not (isinstance(url, str) and (not url or _is_http_url(url))):
            errors["webhook_url"] = ["must be an http(s) URL or empty"]
        delay = body.get("review_delay")
        if delay is not None and not (isinstance(delay, int | float) and delay >= 0):
            errors["review_delay"] = ["must be a number of seconds >= 0"]
        if errors:
            return error_response(400, "validation_failed", "Bad settings.", errors)
        if url is not None:
            self.webhooks.set_url(url)
        if delay is not None:
            self.resources.review_delay = float(delay)
        return json_response(
            200, {"webhook_url": self.webhooks.url, "review_delay": self.resources.review_delay}
        )

    def _order(self, body: dict) -> Response:
        store_id = body.get("store_id")
        total = body.get("total_usd", "25.00")
        if not isinstance(store_id, str) or not isinstance(total, str) or not USD.match(total):
            return error_response(
                400, "validation_failed", 'Give store_id (and total_usd such as "25.00").'
            )
        with self.db.transaction() as conn:
            try:
                doc, _ = self.resources.load_store(conn, store_id)
            except ApiError as exc:
                return error_response(exc.status, exc.code, exc.message)
            if doc["status"] != "ACTIVE":
                return error_response(409, "store_not_active", "Only a live store takes orders.")
            order = {
                "id": "or_" + secrets.token_hex(8),
                "store_id": store_id,
                "total": {"usd": total},
                "created_at": now_iso(),
            }
            conn.execute(
                "INSERT INTO orders (id, store_id, total_usd, created_at) VALUES (?, ?, ?, ?)",
                (order["id"], store_id, total, order["created_at"]),
            )
            order["event_id"] = self.webhooks.emit(
                conn,
                "order.created",
                order["id"],
                {
                    "store_id": store_id,
                    "external_id": doc["external_id"],
                    "order_id": order["id"],
                    "total": {"usd": total},
                    "created_at": order["created_at"],
                },
            )
        return json_response(201, order)

    def events(self, query: dict) -> dict:
        limit = int(query["limit"]) if is_digits(query.get("limit", "")) else 500
        with self.db.lock:
            conn = self.db.conn
            rows = conn.execute(
                "SELECT id, body FROM events ORDER BY n DESC LIMIT ?", (limit,)
            ).fetchall()
            result = []
            for row in reversed(rows):
                deliveries = conn.execute(
                    "SELECT state, attempts, last_status, last_error FROM deliveries "
                    "WHERE event_id = ? ORDER BY id",
                    (row["id"],),
                ).fetchall()
                result.append(
                    {"event": json.loads(row["body"]), "deliveries": [dict(d) for d in deliveries]}
                )
        return {"data": result}

    def stats(self) -> dict:
        with self._stats_lock:
            calls = dict(self._stats["calls"])
            responses = dict(self._stats["responses"])
            faults = dict(self._stats["faults"])
            other = dict(self._stats["other"])
        with self.db.lock:
            conn = self.db.conn

            def by_status(table: str) -> dict:
                rows = conn.execute(
                    f"SELECT json_extract(doc, '$.status') AS s, COUNT(*) AS n FROM {table} "
                    "GROUP BY s"
                ).fetchall()
                return {r["s"]: r["n"] for r in rows}

            stores, products = by_status("stores"), by_status("products")
            deliveries = {
                r["state"]: r["n"]
                for r in conn.execute(
                    "SELECT state, COUNT(*) AS n FROM deliveries GROUP BY state"
                ).fetchall()
            }
            events = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
            orders = conn.execute("SELECT COUNT(*) FROM orders").fetchone()[0]
        return {
            "calls": calls,
            "calls_total": sum(calls.values()),
            "responses": responses,
            "faults": faults,
            "faults_injected": sum(faults.values()),
            "unauthorized": other.get("unauthorized", 0),
            "idempotent_replays": other.get("idempotent_replays", 0),
            "stores": sum(stores.values()),
            "stores_by_status": stores,
            "products": sum(products.values()),
            "products_by_status": products,
            "orders": orders,
            "webhooks": {
                "events": events,
                "pending": deliveries.get("pending", 0),
                "delivered": deliveries.get("delivered", 0),
                "failed": deliveries.get("failed", 0),
                **self.webhooks.counts(),
            },
        }


def _is_http_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)
