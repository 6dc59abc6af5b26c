"""Refresh and caching of the snapshots: the beat task, the stored row, the cache keys
(impact/snapshot.py; docs/impact.md, "Refresh and caching")."""

from __future__ import annotations

from datetime import date

import pytest
from django.conf import settings
from django.core.cache import cache

from config.checks import configured_tasks_exist
from core.impact import ImpactFilter
from impact.models import StoredSnapshot
from impact.snapshot import public_snapshot, snapshot, snapshot_refresh
from impact.tasks import refresh_impact
from tests.impact.factories import at, people

pytestmark = pytest.mark.django_db


def signed_up(snap) -> int:
    return snap.tables["funnel"].rows[0][1]


def test_the_beat_runs_the_refresh_every_refresh_period():
    entry = settings.CELERY_BEAT_SCHEDULE["refresh-impact"]
    assert entry["task"] == "impact.refresh_impact" == refresh_impact.name
    assert entry["schedule"] == float(settings.ISOKO_IMPACT_REFRESH_SECONDS) == 900.0
    # config.E001 finds the task registered.
    assert not [e for e in configured_tasks_exist(None) if "refresh-impact" in e.msg]


def test_the_task_stores_the_numbers_and_the_snapshot_shows_them():
    people(6, joined=at(9, 1))
    seconds = refresh_impact.apply().get()
    assert seconds >= 0
    row = StoredSnapshot.objects.get(key="all")
    assert row.numbers["signups"]["total"] == 6
    snap = snapshot()
    assert signed_up(snap) == 6
    assert snap.refreshed_at == row.refreshed_at
    assert public_snapshot().refreshed_at == row.refreshed_at


def test_the_whole_programme_changes_on_refresh_only(django_assert_max_num_queries):
    people(6, joined=at(9, 1))
    snapshot_refresh()
    first = snapshot()
    people(5, joined=at(9, 2))
    # Served from the cache: no query at all, the old numbers.
    with django_assert_max_num_queries(0):
        assert signed_up(snapshot()) == 6
    # A cache flush (or another node): the stored row answers, not a recomputation.
    cache.clear()
    with django_assert_max_num_queries(2):
        again = snapshot()
    assert signed_up(again) == 6
    assert again.refreshed_at == first.refreshed_at
    snapshot_refresh()
    refreshed = snapshot()
    assert signed_up(refreshed) == 11
    assert refreshed.refreshed_at > first.refreshed_at


def test_the_first_view_before_any_refresh_computes_and_stores():
    people(7, joined=at(9, 1))
    assert not StoredSnapshot.objects.exists()
    assert signed_up(snapshot()) == 7
    assert StoredSnapshot.objects.filter(key="all").exists()


def test_filtered_snapshots_are_cached_until_the_next_refresh(django_assert_max_num_queries):
    people(6, district="huye", joined=at(9, 1))
    snapshot_refresh()
    huye = ImpactFilter(district="huye")
    assert signed_up(snapshot(huye)) == 6
    people(2, district="huye", joined=at(9, 3))
    with django_assert_max_num_queries(0):
        assert signed_up(snapshot(huye)) == 6
    # Another filter is another key.
    assert signed_up(snapshot(ImpactFilter(district="huye", end=date(2026, 9, 2)))) == 6
    snapshot_refresh()  # a new generation: every cached snapshot is retired
    assert signed_up(snapshot(huye)) == 8


def test_filtered_snapshots_expire_after_the_refresh_period(settings):
    assert settings.ISOKO_IMPACT_REFRESH_SECONDS == 900
    people(6, district="huye", joined=at(9, 1))
    captured = {}
    original = cache.set

    def spy(key, value, timeout=None, *args, **kwargs):
        captured[key] = timeout
        return original(key, value, timeout, *args, **kwargs)

    cache.set = spy
    try:
        snapshot(ImpactFilter(district="huye"))
    finally:
        del cache.set
    filtered = [timeout for key, timeout in captured.items() if ":numbers:" in key]
    assert filtered == [900]


def test_each_language_is_cached_apart():
    people(6, joined=at(9, 1))
    snapshot_refresh()
    french, english = snapshot(language="fr"), snapshot(language="en")
    assert (french.language, english.language) == ("fr", "en")
    assert french.tables["storefronts"].rows[0][0] == "En ligne"
    assert english.tables["storefronts"].rows[0][0] == "Live"
    assert snapshot(language="fr").tables["storefronts"].rows[0][0] == "En ligne"  # cached
    assert public_snapshot(language="fr").language == "fr"
