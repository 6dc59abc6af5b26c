"""Public pages for the caching tests: built once per module (tests/shared_data.py), and the page
cache turned on (test settings keep it off for the rest of the suite), in the process's memory
or in Redis."""

from __future__ import annotations

import os
import uuid

import pytest
from wagtail.models import Locale

from courses.models import StandardPage
from tests.courses import factories
from tests.shared_data import shared


@shared(needs=("site",))
def public_pages(site):
    """Home, the catalogue (English and French), a course with a free-preview lesson and a
    locked one, and a standard page ("Impact")."""
    course = factories.small_course(site, "Coffee for export", modules=2, lessons=2)
    catalog = course.get_parent().specific
    factories.publish(catalog.copy_for_translation(Locale.objects.get(language_code="fr")))
    lessons = list(factories.LessonPage.objects.descendant_of(course).order_by("path"))
    preview = lessons[0]
    preview.free_preview = True
    factories.publish(preview)
    impact = factories.publish(
        site.add_child(instance=StandardPage(title="Our impact", slug="our-impact"))
    )
    return {
        "home": site,
        "catalog": catalog,
        "course": course,
        "preview": preview,
        "locked": lessons[1],
        "other_module": lessons[-1].get_parent().specific,
        "impact": impact,
    }


def _redis_alias(settings):
    url = os.environ.get("REDIS_URL", "")
    if not url:
        pytest.skip("REDIS_URL is not set")
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            # Its own prefix: the suite's cache clean-up never sees it, and neither do others.
            "KEY_PREFIX": f"isoko-test-pages-{uuid.uuid4().hex[:8]}",
        },
    }
    return "pages"


@pytest.fixture(params=["locmem", pytest.param("redis", marks=pytest.mark.services)])
def page_cache_on(request, settings):
    """The page cache on, in the process's memory (the embedded default) or in Redis."""
    from config.page_cache import _local

    _local.reset()  # no page of an earlier test, whose rows were rolled back
    settings.ISOKO_PAGE_CACHE = True
    if request.param == "redis":
        settings.ISOKO_PAGE_CACHE_ALIAS = _redis_alias(settings)
    else:
        settings.CACHES = {
            **settings.CACHES,
            "pages": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": f"pages-{uuid.uuid4().hex}",
            },
        }
        settings.ISOKO_PAGE_CACHE_ALIAS = "pages"
    yield request.param
    from config.page_cache import page_cache

    _local.reset()
    page_cache().clear() if request.param == "locmem" else _drop_redis_keys(settings)


def _drop_redis_keys(settings):
    import redis

    prefix = settings.CACHES["pages"]["KEY_PREFIX"]
    client = redis.Redis.from_url(settings.CACHES["pages"]["LOCATION"])
    keys = list(client.scan_iter(f"{prefix}:*", count=500))
    if keys:
        client.delete(*keys)
    client.close()
