"""A tiny signed client for the tests, written from the contract (not Isoko's client)."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass

_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def sign(secret: str, timestamp: str, method: str, path: str, body: bytes) -> str:
    message = f"{timestamp}.{method}.{path}.".encode() + body
    return "v1=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


@dataclass
class Reply:
    status: int
    headers: dict
    body: dict | str

    @property
    def error(self) -> str:
        return self.body["error"]["code"]


def request(
    base_url: str,
    method: str,
    path: str,
    body=None,
    *,
    key_id: str,
    secret: str,
    idempotency_key: str | None = "auto",
    timestamp: int | None = None,
    signature: str | None = None,
    signed: bool = True,
    raw: bytes | None = None,
) -> Reply:
    """``raw`` is sent as the body as is (for bodies that are not JSON)."""
    data = raw if raw is not None else json.dumps(body).encode() if body is not None else b""
    headers = {"Content-Type": "application/json"}
    if signed:
        ts = str(int(time.time()) if timestamp is None else timestamp)
        headers.update(
            {
                "X-Key-Id": key_id,
                "X-Timestamp": ts,
                "X-Signature": signature or sign(secret, ts, method, path, data),
            }
        )
    if method != "GET" and idempotency_key:
        headers["Idempotency-Key"] = (
            uuid.uuid4().hex if idempotency_key == "auto" else idempotency_key
        )
    req = urllib.request.Request(base_url + path, data=data or None, method=method, headers=headers)
    try:
        with _opener.open(req, timeout=15) as response:
            status, raw, got = response.status, response.read(), response.headers
    except urllib.error.HTTPError as exc:
        status, raw, got = exc.code, exc.read(), exc.headers
    text = raw.decode()
    is_json = got.get("Content-Type", "").startswith("application/json")
    return Reply(status, dict(got), json.loads(text) if is_json else text)
