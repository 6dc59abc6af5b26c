"""Opaque cursors: the last id a page showed and the query it belongs to, signed.

The lists are ordered by id, and a page is "the next ``limit`` rows after this id" (keyset), so a
client walks every row exactly once while rows are added: new rows get higher ids and come at the
end. A cursor is signed with the site's secret key (Django's signing, its own salt): a changed
cursor, one from another list or one made for other filters is refused with a 400 problem rather
than silently showing other rows.
"""

from __future__ import annotations

import hashlib
import json

from django.core import signing

from partner_api.problems import Problem

SALT = "partner_api.cursor"


def _fingerprint(list_name: str, filters: dict) -> str:
    canonical = json.dumps([list_name, filters], sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def cursor_make(*, list_name: str, filters: dict, after_id: int) -> str:
    return signing.dumps({"a": after_id, "q": _fingerprint(list_name, filters)}, salt=SALT)


def cursor_read(cursor: str | None, *, list_name: str, filters: dict) -> int:
    """The id after which the page starts (0: the first page)."""
    if not cursor:
        return 0
    try:
        data = signing.loads(cursor, salt=SALT)
    except (signing.BadSignature, ValueError, UnicodeError):
        data = None
    if not isinstance(data, dict) or not isinstance(data.get("a"), int) or data["a"] < 0:
        raise Problem(400, "The cursor is not one this API gave out.", slug="invalid-cursor")
    if data.get("q") != _fingerprint(list_name, filters):
        raise Problem(
            400,
            "The cursor belongs to another list or other filters: repeat the filters of the "
            "request that gave it.",
            slug="invalid-cursor",
        )
    return data["a"]
