"""The public open-data page /impact/ (docs/impact-public.md). Imported at the end of base.py.

Its anonymous HTML is public like the other public pages: served from the full-page cache
(config/page_cache.py), purged when the programme's numbers are refreshed (impact/signals.py).
"""

from .caching import ISOKO_PAGE_CACHE_VIEWS as _CACHED_VIEWS

ISOKO_PAGE_CACHE_VIEWS = frozenset({*_CACHED_VIEWS, "impact:index"})
