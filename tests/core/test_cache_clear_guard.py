"""In tests, ``cache.clear()`` on Redis deletes only this worker's keys (tests/conftest.py): a
FLUSHDB emptied other xdist workers' rate-limit buckets and the Celery broker's queues."""

import pytest
from django.conf import settings
from django.core.cache import cache


@pytest.mark.skipif(not settings.REDIS_URL, reason="the guard is for Redis")
def test_cache_clear_leaves_other_keys_alone():
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL)
    try:
        client.set("isoko-guard-probe:someone-else", "1", ex=60)
        cache.set("mine", "1", 60)
        cache.clear()
        assert cache.get("mine") is None
        assert client.get("isoko-guard-probe:someone-else") == b"1"
    finally:
        client.delete("isoko-guard-probe:someone-else")
        client.close()
