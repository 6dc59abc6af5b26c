"""Reads of the partner API's own tables (the data it serves comes from the other apps' api.py)."""

from __future__ import annotations

import hmac
import re

from partner_api.models import ApiToken
from partner_api.services import TOKEN_START, token_hash

TOKEN_SHAPE = re.compile(r"^isk_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$")
# Compared against when no row matches, so an unknown prefix costs the same hash and comparison
# as a known one.
_NO_HASH = token_hash(TOKEN_START + "0" * 12 + "_" + "0" * 43)


class TokenError(Exception):
    """Why a presented token is refused: ``reason`` is one of malformed, unknown, expired,
    revoked."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def token_check(presented: str, *, now) -> ApiToken:
    """The token ``presented`` stands for, if it is well formed, known, and neither expired nor
    revoked; TokenError otherwise. One query; the hash is compared in constant time."""
    match = TOKEN_SHAPE.match(presented)
    if not match:
        raise TokenError("malformed")
    token = ApiToken.objects.filter(prefix=match.group(1)).first()
    expected = token.secret_hash if token is not None else _NO_HASH
    if not hmac.compare_digest(expected, token_hash(presented)) or token is None:
        raise TokenError("unknown")
    state = token.state(now)
    if state != "active":
        raise TokenError(state)
    return token
