"""The full-page cache is purged when an app says its public data changed outside Wagtail's page
events (``core.signals.public_pages_changed``; e.g. /impact/'s numbers were refreshed). Wagtail's
own page events are config/cache_purge.py's.

Like a publish, it drops every cached page (one new generation, config/page_cache.py), at once
and again after the commit, so a render that read the old numbers in between is not kept. A CDN
in front keeps its copy for at most ``ISOKO_PAGE_CACHE_S_MAXAGE`` seconds.
"""

from __future__ import annotations

import logging

from django.db import transaction

from config import page_cache
from core.signals import public_pages_changed

logger = logging.getLogger(__name__)


def on_public_pages_changed(sender, reason: str = "", **kwargs) -> None:
    logger.info("public pages changed (%s): purging the page cache", reason or sender)
    page_cache.purge()
    transaction.on_commit(page_cache.purge)


def connect() -> None:
    public_pages_changed.connect(
        on_public_pages_changed, dispatch_uid="config.public_purge.on_public_pages_changed"
    )
