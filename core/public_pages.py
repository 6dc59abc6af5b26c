"""A change that public, cached pages show without a Wagtail publish.

The page cache (config/page_cache.py) is purged by Wagtail's signals when content is published.
Some public pages also show rows that change without one: the storefront showcase (a store going
live or being suspended by a webhook or a staff action, its products, its seller's details) and
a cohort course page (the cohorts taking applications). The app that owns those rows knows which
of its writes show on a public page; it calls ``public_pages_changed_on_commit``. config, the
layer above every app, connects the purge to ``public_pages_changed`` (config/cache_purge.py):
apps never import config, and core imports no app.

The signal is sent after the transaction commits (at once outside one), so a render that read
the old rows in between is never kept, and a rolled-back write purges nothing.
"""

from __future__ import annotations

from django.db import transaction
from django.dispatch import Signal

# Sent with ``reason`` (a short label for logs and tests), after the commit.
public_pages_changed = Signal()


def public_pages_changed_on_commit(*, reason: str, using: str | None = None) -> None:
    transaction.on_commit(
        lambda: public_pages_changed.send(sender=None, reason=reason), using=using, robust=True
    )
