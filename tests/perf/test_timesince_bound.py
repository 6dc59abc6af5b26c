"""core.learner_cache.timesince_stable_until: until the moment it gives, Django's timesince of
the same value reads the same (the cached dashboard ends there: config/dashboard.py)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from django.utils.timesince import timesince

from core.learner_cache import timesince_stable_until


def test_timesince_reads_the_same_until_the_bound():
    rng = random.Random(15)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    spans = [200, 2 * 86400, 240, 3e7]  # around zero, under two days, around a day, a year
    for n in range(30000):
        value = start + timedelta(seconds=rng.uniform(0, 3e7))
        span = spans[n % 4]
        offset = rng.uniform(-100, 100) if span == 200 else rng.uniform(0, span)
        if span == 240:
            offset += 86400 - 120
        now = value + timedelta(seconds=offset)
        until = timesince_stable_until(value, now)
        assert until > now
        shown = timesince(value, now)
        inside = now + (until - now) * rng.random()
        last = until - timedelta(microseconds=1)
        assert timesince(value, inside) == shown == timesince(value, last), (value, now, until)
