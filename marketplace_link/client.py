"""HTTP client for the eWTP marketplace seller API (marketplace_link/openapi.yaml).

Every request is signed (HMAC-SHA256 over ``{timestamp}.{METHOD}.{path_with_query}.{body}``), has
a connect and a read timeout, and every mutating call carries an ``Idempotency-Key``: the outbox
may deliver a call twice (a retry after a 500 that was answered *after* the change was applied,
a worker killed mid-call), and the key makes the second delivery a harmless replay.

Failures come out as two types, because the caller's only question is "try again later?":
- ``RetryableError``: 5xx, 408, 429 (with its Retry-After), timeouts and connection errors;
- ``PermanentError``: any other 4xx; the same request will fail the same way.
"""

from __future__ import annotations

import email.utils
import hashlib
import hmac
import json
import math
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import requests
from django.conf import settings

MUTATING = frozenset({"POST", "PATCH", "PUT", "DELETE"})


class MarketplaceError(Exception):
    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        code: str = "",
        fields: dict | None = None,
    ):
        super().__init__(message)
        self.status = status
        self.code = code
        self.fields = fields or {}

    def __str__(self) -> str:
        where = f"HTTP {self.status} " if self.status else ""
        code = f"{self.code}: " if self.code else ""
        return f"{where}{code}{self.args[0]}"


class RetryableError(MarketplaceError):
    """Worth trying again; ``retry_after`` (seconds) is the marketplace's own hint, if any."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs):
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class PermanentError(MarketplaceError):
    """The marketplace refused the request itself: repeating it cannot help."""


@dataclass
class Response:
    status: int
    data: dict
    headers: dict = field(default_factory=dict)

    @property
    def created(self) -> bool:
        return self.status == 201


def sign(secret: str, timestamp: str, method: str, path: str, body: bytes) -> str:
    """The contract's signature, the same for calls out and webhooks in."""
    message = f"{timestamp}.{method.upper()}.{path}.".encode() + body
    return "v1=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


# The longest wait a Retry-After may ask for: a larger (or infinite) value is a marketplace bug,
# and would overflow the outbox's date arithmetic.
MAX_RETRY_AFTER = 24 * 3600.0


def parse_retry_after(value: str | None) -> float | None:
    """Retry-After is seconds or an HTTP date (RFC 9110 section 10.2.3); clamped to a day."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, OverflowError):
            return None
        seconds = when.timestamp() - time.time()
    if math.isnan(seconds):
        return None
    return min(max(0.0, seconds), MAX_RETRY_AFTER)


def body_digest(data: dict) -> str:
    """A short digest of a request body: part of the idempotency key of calls whose body may
    change between attempts (a product edited while its creation was being retried), so a new
    body never reuses an old key (which the marketplace would refuse with 422)."""
    return hashlib.sha256(_encode(data)).hexdigest()[:16]


def _encode(data) -> bytes:
    # Compact and stable: the signed bytes are exactly the bytes sent.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


class MarketplaceClient:
    def __init__(
        self,
        *,
        base_url: str,
        key_id: str,
        secret: str,
        connect_timeout: float = 3.05,
        read_timeout: float = 15.0,
        session: requests.Session | None = None,
    ):
        self.base_url = base_url.rstrip("/")
        self.key_id = key_id
        self.secret = secret
        self.timeout = (connect_timeout, read_timeout)
        self.session = session or requests.Session()
        self.calls = 0  # requests sent (the bench and the outbox count them)

    @classmethod
    def from_settings(cls) -> MarketplaceClient:
        return cls(
            base_url=settings.ISOKO_MARKETPLACE_URL,
            key_id=settings.ISOKO_MARKETPLACE_KEY_ID,
            secret=settings.ISOKO_MARKETPLACE_SECRET,
            connect_timeout=settings.ISOKO_MARKETPLACE_CONNECT_TIMEOUT,
            read_timeout=settings.ISOKO_MARKETPLACE_READ_TIMEOUT,
        )

    def close(self) -> None:
        self.session.close()

    # -- the one way out ----------------------------------------------------------------------
    def request(
        self,
        method: str,
        path: str,
        *,
        json_body: dict | None = None,
        params: dict | None = None,
        idempotency_key: str | None = None,
    ) -> Response:
        method = method.upper()
        if method in MUTATING and not idempotency_key:
            raise ValueError(f"{method} {path}: a mutating call needs an Idempotency-Key")
        body = _encode(json_body) if json_body is not None else b""
        prepared = requests.Request(
            method, self.base_url + path, params=params, data=body or None
        ).prepare()
        # Sign what the server will see: the full path (with any base-URL prefix) and query.
        url = urlsplit(prepared.url)
        signed_path = url.path + (f"?{url.query}" if url.query else "")
        timestamp = str(int(time.time()))
        prepared.headers.update(
            {
                "Accept": "application/json",
                "X-Key-Id": self.key_id,
                "X-Timestamp": timestamp,
                "X-Signature": sign(self.secret, timestamp, method, signed_path, body),
            }
        )
        if body:
            prepared.headers["Content-Type"] = "application/json"
        if idempotency_key:
            prepared.headers["Idempotency-Key"] = idempotency_key
        self.calls += 1
        try:
            answer = self.session.send(prepared, timeout=self.timeout, allow_redirects=False)
        except requests.Timeout as error:
            raise RetryableError(f"{method} {path}: timed out ({error})") from error
        except requests.RequestException as error:  # refused, reset, DNS...
            raise RetryableError(f"{method} {path}: {type(error).__name__}: {error}") from error
        return self._response(method, path, answer)

    def _response(self, method: str, path: str, answer: requests.Response) -> Response:
        status = answer.status_code
        try:
            data = answer.json() if answer.content else {}
        except ValueError:
            data = None
        if 200 <= status < 300:
            if not isinstance(data, dict):
                # A proxy's HTML page under a 200: the call's outcome is unknown, so retry it
                # (the idempotency key makes that safe).
                raise RetryableError(f"{method} {path}: a {status} without a JSON body")
            return Response(status, data, dict(answer.headers))
        error = (data or {}).get("error") if isinstance(data, dict) else None
        error = error if isinstance(error, dict) else {}
        details = {
            "status": status,
            "code": str(error.get("code", "")),
            "fields": error.get("fields") if isinstance(error.get("fields"), dict) else {},
        }
        message = f"{method} {path}: {error.get('message') or answer.reason or 'error'}"
        if status in (408, 429) or status >= 500:
            retry_after = parse_retry_after(answer.headers.get("Retry-After"))
            raise RetryableError(message, retry_after=retry_after, **details)
        raise PermanentError(message, **details)

    # -- stores -------------------------------------------------------------------------------
    def store_create(self, data: dict, *, idempotency_key: str) -> Response:
        """Create-or-find: the marketplace answers 200 with the existing store when one with
        this ``external_id`` exists, 201 when it made a new one."""
        return self.request("POST", "/v1/stores", json_body=data, idempotency_key=idempotency_key)

    def store_find(self, external_id: str) -> dict | None:
        found = self.request("GET", "/v1/stores", params={"external_id": external_id}).data
        return next(iter(found.get("data") or []), None)

    def store_publish(self, store_id: str, *, idempotency_key: str) -> Response:
        return self.request(
            "POST", f"/v1/stores/{store_id}/publish", json_body={}, idempotency_key=idempotency_key
        )

    def store_suspend(self, store_id: str, *, reason: str, idempotency_key: str) -> Response:
        return self.request(
            "POST",
            f"/v1/stores/{store_id}/suspend",
            json_body={"reason": reason},
            idempotency_key=idempotency_key,
        )

    # -- products (listings) ------------------------------------------------------------------
    def product_create(self, store_id: str, data: dict, *, idempotency_key: str) -> Response:
        """Create-or-find by ``sku`` within the store (200 + existing, or 201)."""
        return self.request(
            "POST",
            f"/v1/stores/{store_id}/products",
            json_body=data,
            idempotency_key=idempotency_key,
        )

    def product_find(self, store_id: str, sku: str) -> dict | None:
        found = self.request("GET", f"/v1/stores/{store_id}/products", params={"sku": sku}).data
        return next(iter(found.get("data") or []), None)

    def product_update(
        self, store_id: str, product_id: str, data: dict, *, idempotency_key: str
    ) -> Response:
        return self.request(
            "PATCH",
            f"/v1/stores/{store_id}/products/{product_id}",
            json_body=data,
            idempotency_key=idempotency_key,
        )

    def product_delist(self, store_id: str, product_id: str, *, idempotency_key: str) -> Response:
        return self.request(
            "DELETE",
            f"/v1/stores/{store_id}/products/{product_id}",
            idempotency_key=idempotency_key,
        )
