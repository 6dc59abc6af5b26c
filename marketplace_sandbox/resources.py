"""Stores and listings: the writes and reads behind the /v1 endpoints.

Every function runs inside the caller's transaction (``conn``) and returns ``(status, body)`` or
raises ``ApiError``. Documents are kept as JSON in one column; the columns beside it are the ones
that carry a uniqueness rule (``external_id``, ``(store_id, sku)``), so the database itself
refuses a duplicate store or listing even if the code above it were wrong.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import time

from .validation import (
    PRODUCT_DEFAULTS,
    PRODUCT_FIELDS,
    STORE_DEFAULTS,
    STORE_FIELDS,
    ApiError,
    clean,
    is_digits,
    text,
)
from .webhooks import Webhooks, now_iso

REJECT_WORD = "REJECT"  # sandbox rule: a title or trading name containing it is refused
STORE_REJECT_REASON = f"Refused by review: the trading name contains {REJECT_WORD} (sandbox rule)."
LISTING_REJECT_REASON = f"Refused by review: the title contains {REJECT_WORD} (sandbox rule)."


class Resources:
    def __init__(self, webhooks: Webhooks, *, review_delay: float, public_url):
        self.webhooks = webhooks
        self.review_delay = review_delay
        self.public_url = public_url  # callable: the base URL for public_url fields

    # -- documents ----------------------------------------------------------------------------

    def store_out(self, doc: dict) -> dict:
        return {**doc, "public_url": f"{self.public_url()}/s/{doc['id']}"}

    @staticmethod
    def load_store(conn: sqlite3.Connection, store_id: str) -> tuple[dict, bool]:
        row = conn.execute("SELECT doc, published FROM stores WHERE id = ?", (store_id,)).fetchone()
        if row is None:
            raise ApiError(404, "not_found", f"No store {store_id}.")
        return json.loads(row["doc"]), bool(row["published"])

    @staticmethod
    def save_store(conn: sqlite3.Connection, doc: dict, published: bool | None = None) -> None:
        conn.execute("UPDATE stores SET doc = ? WHERE id = ?", (json.dumps(doc), doc["id"]))
        if published is not None:
            conn.execute("UPDATE stores SET published = ? WHERE id = ?", (published, doc["id"]))

    @staticmethod
    def load_product(conn: sqlite3.Connection, store_id: str, product_id: str) -> dict:
        row = conn.execute(
            "SELECT doc FROM products WHERE id = ? AND store_id = ?", (product_id, store_id)
        ).fetchone()
        if row is None:
            raise ApiError(404, "not_found", f"No listing {product_id} in store {store_id}.")
        return json.loads(row["doc"])

    @staticmethod
    def save_product(conn: sqlite3.Connection, doc: dict) -> None:
        conn.execute("UPDATE products SET doc = ? WHERE id = ?", (json.dumps(doc), doc["id"]))

    def schedule(self, conn: sqlite3.Connection, kind: str, object_id: str, step: int) -> None:
        conn.execute(
            "INSERT OR REPLACE INTO reviews (object_id, kind, step, due_at) VALUES (?, ?, ?, ?)",
            (object_id, kind, step, time.time() + self.review_delay),
        )

    def store_event(self, conn: sqlite3.Connection, doc: dict) -> None:
        self.webhooks.emit(
            conn,
            "store.status_changed",
            doc["id"],
            {
                "store_id": doc["id"],
                "external_id": doc["external_id"],
                "status": doc["status"],
                "reason": doc["status_reason"],
            },
        )

    def listing_event(self, conn: sqlite3.Connection, doc: dict) -> None:
        data = {
            "store_id": doc["store_id"],
            "product_id": doc["id"],
            "sku": doc["sku"],
            "status": doc["status"],
        }
        if doc["status"] == "REJECTED":
            data["reason"] = doc["status_reason"]
        kind = "listing.approved" if doc["status"] == "ACTIVE" else "listing.rejected"
        self.webhooks.emit(conn, kind, doc["id"], data)

    # -- stores -------------------------------------------------------------------------------

    def store_create(self, conn, body) -> tuple[int, dict]:
        values = clean(body, STORE_FIELDS, key_field="external_id", create=True)
        row = conn.execute(
            "SELECT doc FROM stores WHERE external_id = ?", (values["external_id"],)
        ).fetchone()
        if row is not None:
            return 200, self.store_out(json.loads(row["doc"]))
        now = now_iso()
        description = {**STORE_DEFAULTS["description"], **values.pop("description", {})}
        doc = {
            "id": "st_" + secrets.token_hex(8),
            "external_id": values.pop("external_id"),
            "status": "PENDING",
            "status_reason": "",
            **{name: values.get(name, STORE_DEFAULTS.get(name)) for name in STORE_FIELDS},
            "description": description,
            "created_at": now,
            "updated_at": now,
        }
        conn.execute(
            "INSERT INTO stores (id, external_id, doc) VALUES (?, ?, ?)",
            (doc["id"], doc["external_id"], json.dumps(doc)),
        )
        return 201, self.store_out(doc)

    def store_get(self, conn, store_id: str) -> tuple[int, dict]:
        return 200, self.store_out(self.load_store(conn, store_id)[0])

    def store_list(self, conn, query: dict) -> tuple[int, dict]:
        if "external_id" in query:  # at most one; the contract ignores limit here
            rows = conn.execute(
                "SELECT doc FROM stores WHERE external_id = ?", (query["external_id"],)
            ).fetchall()
            docs = [self.store_out(json.loads(r["doc"])) for r in rows]
            return 200, {"data": docs, "has_more": False}
        limit = _limit(query)
        rows = conn.execute("SELECT doc FROM stores ORDER BY n LIMIT ?", (limit + 1,)).fetchall()
        docs = [self.store_out(json.loads(r["doc"])) for r in rows]
        return 200, {"data": docs[:limit], "has_more": len(docs) > limit}

    def store_update(self, conn, store_id: str, body) -> tuple[int, dict]:
        doc, _ = self.load_store(conn, store_id)
        values = clean(body, STORE_FIELDS, key_field="external_id", create=False)
        if values:
            doc.update(values)
            doc["updated_at"] = now_iso()
            self.save_store(conn, doc)
        return 200, self.store_out(doc)

    def store_publish(self, conn, store_id: str, body) -> tuple[int, dict]:
        doc, published = self.load_store(conn, store_id)
        if not isinstance(body, dict):
            raise ApiError(400, "invalid_body", "The body must be empty or {}.")
        if body:
            fields = {name: ["unknown field"] for name in body}
            raise ApiError(400, "validation_failed", "Publish takes no fields.", fields)
        if doc["status"] == "SUSPENDED":
            raise ApiError(409, "store_suspended", "A suspended store cannot be published.")
        if doc["status"] in ("ACTIVE", "IN_REVIEW"):
            return 200, self.store_out(doc)  # already live or being reviewed: nothing to do
        pending = conn.execute("SELECT 1 FROM reviews WHERE object_id = ?", (store_id,)).fetchone()
        if not pending:
            self.schedule(conn, "store", store_id, 1)
            self.save_store(conn, doc, published=True)
            for row in conn.execute(
                "SELECT id, doc FROM products WHERE store_id = ? ORDER BY n", (store_id,)
            ).fetchall():
                if json.loads(row["doc"])["status"] == "PENDING":
                    self.schedule(conn, "product", row["id"], 1)
        return 202, self.store_out(doc)

    def store_suspend(self, conn, store_id: str, body) -> tuple[int, dict]:
        doc, _ = self.load_store(conn, store_id)
        if not isinstance(body, dict):
            raise ApiError(400, "invalid_body", "The body must be a JSON object.")
        fields = {name: ["unknown field"] for name in body if name != "reason"}
        reason, error = text(body["reason"], True) if "reason" in body else (None, "is required")
        if error:
            fields["reason"] = [error]
        if fields:
            raise ApiError(400, "validation_failed", "Give a reason for the suspension.", fields)
        if doc["status"] == "SUSPENDED":
            return 200, self.store_out(doc)
        # Cancel the reviews in flight: nothing of this store may go live while it is suspended.
        conn.execute(
            "DELETE FROM reviews WHERE object_id = ? OR object_id IN "
            "(SELECT id FROM products WHERE store_id = ?)",
            (store_id, store_id),
        )
        doc.update(status="SUSPENDED", status_reason=reason, updated_at=now_iso())
        self.save_store(conn, doc)
        self.store_event(conn, doc)
        return 200, self.store_out(doc)

    # -- listings -----------------------------------------------------------------------------

    def _open_store(self, conn, store_id: str) -> bool:
        """Refuse a suspended store; return whether its listings are reviewed now."""
        doc, published = self.load_store(conn, store_id)
        if doc["status"] == "SUSPENDED":
            raise ApiError(409, "store_suspended", "The store is suspended.")
        return self._reviews_listings(conn, doc, published)

    @staticmethod
    def _reviews_listings(conn, store: dict, published: bool) -> bool:
        """Listings are reviewed while their store is live or on its way there (published and
        ACTIVE, IN_REVIEW or with its review scheduled), never while it is REJECTED (until it is
        published again) or SUSPENDED: a listing must not go live in a store that is not."""
        if not published or store["status"] == "SUSPENDED":
            return False
        if store["status"] in ("ACTIVE", "IN_REVIEW"):
            return True
        scheduled = conn.execute("SELECT 1 FROM reviews WHERE object_id = ?", (store["id"],))
        return scheduled.fetchone() is not None

    def product_create(self, conn, store_id: str, body) -> tuple[int, dict]:
        reviewed = self._open_store(conn, store_id)
        values = clean(body, PRODUCT_FIELDS, key_field="sku", create=True)
        row = conn.execute(
            "SELECT doc FROM products WHERE store_id = ? AND sku = ?", (store_id, values["sku"])
        ).fetchone()
        if row is not None:
            return 200, json.loads(row["doc"])
        now = now_iso()
        doc = {
            "id": "pr_" + secrets.token_hex(8),
            "store_id": store_id,
            "sku": values.pop("sku"),
            "status": "PENDING",
            "status_reason": "",
            **{name: values.get(name, PRODUCT_DEFAULTS.get(name)) for name in PRODUCT_FIELDS},
            "created_at": now,
            "updated_at": now,
        }
        conn.execute(
            "INSERT INTO products (id, store_id, sku, doc) VALUES (?, ?, ?, ?)",
            (doc["id"], store_id, doc["sku"], json.dumps(doc)),
        )
        if reviewed:
            self.schedule(conn, "product", doc["id"], 1)
        return 201, doc

    def product_list(self, conn, store_id: str, query: dict) -> tuple[int, dict]:
        self.load_store(conn, store_id)
        if "sku" in query:  # at most one; the contract ignores limit here
            rows = conn.execute(
                "SELECT doc FROM products WHERE store_id = ? AND sku = ?", (store_id, query["sku"])
            ).fetchall()
            return 200, {"data": [json.loads(r["doc"]) for r in rows], "has_more": False}
        limit = _limit(query)
        rows = conn.execute(
            "SELECT doc FROM products WHERE store_id = ? ORDER BY n LIMIT ?",
            (store_id, limit + 1),
        ).fetchall()
        docs = [json.loads(r["doc"]) for r in rows]
        return 200, {"data": docs[:limit], "has_more": len(docs) > limit}

    def product_get(self, conn, store_id: str, product_id: str) -> tuple[int, dict]:
        return 200, self.load_product(conn, store_id, product_id)

    def product_update(self, conn, store_id: str, product_id: str, body) -> tuple[int, dict]:
        reviewed = self._open_store(conn, store_id)
        doc = self.load_product(conn, store_id, product_id)
        if doc["status"] == "DELISTED":
            raise ApiError(409, "listing_delisted", "A delisted listing cannot be changed.")
        values = clean(body, PRODUCT_FIELDS, key_field="sku", create=False)
        changed = {k: v for k, v in values.items() if doc.get(k) != v}
        if changed:
            # Any real change goes back to review; an update that changes nothing does not,
            # so a client re-sending the same edit does not take a live listing offline.
            doc.update(changed, status="PENDING", status_reason="", updated_at=now_iso())
            self.save_product(conn, doc)
            conn.execute("DELETE FROM reviews WHERE object_id = ?", (product_id,))
            if reviewed:
                self.schedule(conn, "product", product_id, 1)
        return 200, doc

    def product_delist(self, conn, store_id: str, product_id: str) -> tuple[int, dict]:
        self.load_store(conn, store_id)
        doc = self.load_product(conn, store_id, product_id)
        if doc["status"] != "DELISTED":
            conn.execute("DELETE FROM reviews WHERE object_id = ?", (product_id,))
            doc.update(status="DELISTED", status_reason="", updated_at=now_iso())
            self.save_product(conn, doc)
        return 200, doc

    # -- review steps (called by the reviewer thread) -----------------------------------------

    def _listing_may_proceed(self, conn, doc: dict, product_id: str, step: int) -> bool:
        """A listing is decided only in an ACTIVE store: while the store is still in review the
        decision waits for the store's; once the store is REJECTED or SUSPENDED the listing goes
        back to PENDING (no event: none exists for it) and waits for the store's next publish."""
        store, published = self.load_store(conn, doc["store_id"])
        if store["status"] == "ACTIVE":
            return True
        if self._reviews_listings(conn, store, published):
            if step == 2:
                self.schedule(conn, "product", product_id, 2)
                return False
            return True
        if doc["status"] == "IN_REVIEW":
            doc.update(status="PENDING", updated_at=now_iso())
            self.save_product(conn, doc)
        return False

    def review_step(self, conn, kind: str, object_id: str, step: int) -> None:
        if kind == "store":
            row = conn.execute("SELECT doc FROM stores WHERE id = ?", (object_id,)).fetchone()
        else:
            row = conn.execute("SELECT doc FROM products WHERE id = ?", (object_id,)).fetchone()
        if row is None:
            return
        doc = json.loads(row["doc"])
        if kind == "product" and not self._listing_may_proceed(conn, doc, object_id, step):
            return
        if step == 1:
            doc.update(status="IN_REVIEW", status_reason="")
            self.schedule(conn, kind, object_id, 2)
        else:
            name = doc["trading_name"] if kind == "store" else doc["title"]
            refused = REJECT_WORD in name
            reason = STORE_REJECT_REASON if kind == "store" else LISTING_REJECT_REASON
            doc.update(status="REJECTED" if refused else "ACTIVE", status_reason=reason * refused)
        doc["updated_at"] = now_iso()
        if kind == "store":
            self.save_store(conn, doc)
            self.store_event(conn, doc)
        else:
            self.save_product(conn, doc)
            if step == 2:  # the contract has no event for a listing entering review
                self.listing_event(conn, doc)


def _limit(query: dict) -> int:
    raw = query.get("limit", "100")
    if not is_digits(raw) or not 1 <= int(raw) <= 1000:
        raise ApiError(400, "validation_failed", "Bad limit.", {"limit": ["must be 1 to 1000"]})
    return int(raw)
