"""An offline JSON-LD document loader: serves the contexts in ``contexts/`` and nothing else.

A credential names its contexts by URL, and whoever controls what those URLs return controls
what the signed data means. So contexts are pinned files in the repository (listed by URL in
``contexts/index.json``, byte-for-byte copies of the published ones), and any other URL is
refused instead of fetched.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path

from pyld import FrozenDocumentLoader
from pyld.jsonld import JsonLdError

CONTEXTS_DIR = Path(__file__).resolve().parent / "contexts"


class UnknownContextError(LookupError):
    """A document asked for a URL that is not one of the pinned contexts."""

    def __init__(self, url: object):
        super().__init__(
            f"refusing to fetch {url!r}: not one of the JSON-LD contexts shipped in "
            f"{CONTEXTS_DIR.name}/ (listed in index.json); the loader never uses the network"
        )
        self.url = url


@cache
def _frozen() -> FrozenDocumentLoader:
    """pyld's own allowlist loader over the pinned contexts (each parsed on first use, once)."""
    index = json.loads((CONTEXTS_DIR / "index.json").read_text(encoding="utf-8"))
    return FrozenDocumentLoader(documents={url: CONTEXTS_DIR / name for url, name in index.items()})


def known_urls() -> frozenset[str]:
    return frozenset(_frozen().documents)


def document_loader(url: str, options: dict | None = None) -> dict:
    """pyld document loader (``documentLoader(url, options)``) for the pinned contexts only."""
    try:
        remote = _frozen()(url, options or {})
    except (JsonLdError, TypeError):
        raise UnknownContextError(url) from None
    # A copy: the frozen loader hands out its cached document, which nothing may alter for
    # later callers.
    return {**remote, "document": copy.deepcopy(remote["document"])}
