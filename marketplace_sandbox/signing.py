"""HMAC-SHA256 request signatures, the same both ways (calls in, webhooks out).

The signed text is ``{timestamp}.{METHOD}.{path_with_query}.{raw_body}``: binding the method and
path stops a captured body from being replayed against another endpoint, and the timestamp bounds
how long a captured request stays usable.
"""

from __future__ import annotations

import hashlib
import hmac

from .validation import is_digits

MAX_SKEW_SECONDS = 300


def signature(secret: str, timestamp: str, method: str, path: str, body: bytes) -> str:
    message = f"{timestamp}.{method.upper()}.{path}.".encode() + body
    return "v1=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def check(
    *,
    keys: dict[str, str],
    key_id: str | None,
    timestamp: str | None,
    given: str | None,
    method: str,
    path: str,
    body: bytes,
    now: float,
) -> str | None:
    """Return None when the request is authentic and fresh, else the error code for the 401.

    The signature is checked before the clock, so ``stale_timestamp`` is only ever said about a
    request that really came from the key holder: it is a clock-skew diagnostic, not an oracle.
    """
    secret = keys.get(key_id or "")
    if secret is None or not timestamp or not given or not is_digits(timestamp):
        return "bad_signature"
    expected = signature(secret, timestamp, method, path, body)
    # Bytes, not str: compare_digest raises TypeError on a non-ASCII str (http.server decodes
    # headers as latin-1, so any byte can arrive). "replace" never matches the hex expected.
    if not hmac.compare_digest(expected.encode(), given.strip().encode("utf-8", "replace")):
        return "bad_signature"
    if abs(now - int(timestamp)) > MAX_SKEW_SECONDS:
        return "stale_timestamp"
    return None
