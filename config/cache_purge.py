"""Purging cached pages when content changes: our page cache (config/page_cache.py) and, when
one is configured (``FRONTEND_CACHE``, config/settings/caching.py), the CDN or Varnish in front
through Wagtail's ``frontend_cache``.

The events (Wagtail 8's own signals, wagtail/signals.py):

- ``page_published`` (also sent for each alias a publish updates, and for a copy published on
  creation), ``page_unpublished``: the page's content or visibility changed;
- ``post_page_move``: its URL changed (``url_path_before`` is purged on the CDN too);
- ``post_delete`` of ``Page``: gone (sent for every page of a deleted subtree);
- ``copy_for_translation_done``: a translation was created; a synchronised tree
  (``WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE``) creates it as a live alias at once.

And rows that public pages show without a publish (the storefront showcase, a cohort course
page's open cohorts): the owning app sends ``core.public_pages.public_pages_changed`` after the
write commits (marketplace_link/storefront/public_pages.py, lms/cohorts/public_pages.py).

Our cache drops everything (one new generation, see page_cache.py). A CDN is purged by URL, so
it gets the changed page and the pages that show it: its ancestors (the course of a lesson, the
catalogue of a course, home) and, for a page inside a course, the course's every page (each
lesson shows the course's outline). Query-string variants (catalogue filters, pages of the
showcase) are left to ``s-maxage``, or to a Varnish ban on the path (docs/caching.md).
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, pre_delete
from wagtail.models import Page
from wagtail.signals import (
    copy_for_translation_done,
    page_published,
    page_unpublished,
    post_page_move,
)

from config import page_cache
from core.public_pages import public_pages_changed
from courses.api import CoursePage


def _purge_now_and_after_commit() -> None:
    # Now, so this request's own next read sees it even inside a long transaction; after the
    # commit, so a render that read the old rows meanwhile is not kept (page_cache.py).
    page_cache.purge()
    transaction.on_commit(page_cache.purge)


def _frontend_configured() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def related_pages(page: Page) -> list[Page]:
    """The live pages whose HTML shows ``page``: itself, its ancestors below the root and,
    inside a course, every page of that course."""
    page = page.specific_deferred if isinstance(page, Page) else page
    pages = {p.pk: p for p in Page.objects.ancestor_of(page).filter(depth__gt=1).live()}
    course = (
        page
        if isinstance(page, CoursePage)
        else CoursePage.objects.ancestor_of(page).only("pk", "path", "depth").first()
    )
    if course is not None:
        pages.update({p.pk: p for p in Page.objects.descendant_of(course, inclusive=True).live()})
    if page.live:
        pages[page.pk] = page
    return list(pages.values())


def _purge_frontend(pages, extra_urls=()) -> None:
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    batch.add_pages(pages)
    batch.add_urls(extra_urls)
    transaction.on_commit(batch.purge)


def _changed(page: Page, extra_urls=(), *, also: Page | None = None) -> None:
    _purge_now_and_after_commit()
    if _frontend_configured():
        pages = related_pages(page)
        if also is not None:  # a moved page's old parent, and the pages that show it
            pages += [also, *related_pages(also)]
        _purge_frontend(pages, extra_urls)


def on_published(sender, instance, **kwargs):
    _changed(instance)


def on_unpublished(sender, instance, **kwargs):
    # The page itself is no longer live: related_pages leaves it out, so name its URL.
    extra = []
    if _frontend_configured():
        from wagtail.contrib.frontend_cache.utils import _get_page_cached_urls

        extra = _get_page_cached_urls(instance)
    _changed(instance, extra)


def on_moved(sender, instance, url_path_before, url_path_after, parent_page_before=None, **kwargs):
    extra = []
    if _frontend_configured() and url_path_before != url_path_after:
        parts = instance.get_url_parts()
        site_root = instance.get_site().root_page.url_path if parts else ""
        new_tail = url_path_after.removeprefix(site_root)
        if parts and parts[1] and parts[2].endswith(new_tail):
            # url_path is the path from the tree's root (/home/courses/x/); the URL is the
            # site's (/courses/x/, /fr/cours/x/): swap the old tail in for the new one.
            old_path = parts[2][: len(parts[2]) - len(new_tail)] + url_path_before.removeprefix(
                site_root
            )
            extra = [parts[1] + old_path]
    _changed(instance, extra, also=parent_page_before)


def on_pre_delete(sender, instance, **kwargs):
    # The URLs are known only while the page is still in the tree: keep them for the CDN.
    if _frontend_configured() and instance.live:
        from wagtail.contrib.frontend_cache.utils import _get_page_cached_urls

        instance._isoko_purge_urls = _get_page_cached_urls(instance)


def on_deleted(sender, instance, **kwargs):
    _purge_now_and_after_commit()
    if _frontend_configured():
        _purge_frontend([], getattr(instance, "_isoko_purge_urls", ()))


def on_translated(sender, source_obj, target_obj, **kwargs):
    if isinstance(target_obj, Page):
        _changed(target_obj)


def on_public_data_changed(sender, reason="", **kwargs):
    """Rows a public page shows changed without a publish (a storefront going live, a cohort
    opening for applications: core/public_pages.py). Sent after the commit, so one purge, on
    every node sharing the cache. A CDN keeps its copy for ``s-maxage`` (docs/caching.md)."""
    page_cache.purge()


def _disconnect_wagtails_own() -> None:
    """frontend_cache's own handlers purge the page alone, and at once, before the commit: a
    request reaching the CDN in between would fetch the old page and keep it. Ours replace them
    (frontend_cache comes before config in INSTALLED_APPS, so its ready() has run)."""
    from django.apps import apps
    from wagtail.contrib.frontend_cache import signal_handlers

    for model in apps.get_models():
        if issubclass(model, Page):
            page_published.disconnect(signal_handlers.page_published_signal_handler, sender=model)
            page_unpublished.disconnect(
                signal_handlers.page_unpublished_signal_handler, sender=model
            )


def connect() -> None:
    """Called once, from config's AppConfig.ready()."""
    _disconnect_wagtails_own()
    page_published.connect(on_published, dispatch_uid="isoko_cache_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="isoko_cache_unpublished")
    post_page_move.connect(on_moved, dispatch_uid="isoko_cache_moved")
    pre_delete.connect(on_pre_delete, sender=Page, dispatch_uid="isoko_cache_pre_delete")
    post_delete.connect(on_deleted, sender=Page, dispatch_uid="isoko_cache_deleted")
    copy_for_translation_done.connect(on_translated, dispatch_uid="isoko_cache_translated")
    public_pages_changed.connect(on_public_data_changed, dispatch_uid="isoko_cache_public_data")
