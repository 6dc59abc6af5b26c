"""Signals of the programme-impact app (issue 17; docs/impact-public.md).

``impact_refreshed``: sent by ``impact.snapshot.snapshot_refresh()`` (the beat task's work) once
the unfiltered snapshots, the public one included, have been recomputed and cached. Its receiver
here drops the cached copies of the public page /impact/ (and, the page cache having one
generation for everything, every cached public page) through
``core.public_pages.public_pages_changed``, which the project shell connects to the full-page
cache's purge (config/cache_purge.py): an app cannot import config.

The receiver is connected when this module is imported, so a sender, importing the signal from
here, always has it connected, in a web process and in a Celery worker alike.
"""

from django.dispatch import Signal

from core.public_pages import public_pages_changed_on_commit

impact_refreshed = Signal()


def purge_public_pages(sender, **kwargs) -> None:
    public_pages_changed_on_commit(reason="impact_refreshed")


impact_refreshed.connect(purge_public_pages, dispatch_uid="impact.signals.purge_public_pages")
