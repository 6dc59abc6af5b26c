"""A snapshot: every programme-impact table for one filter and language, with its refresh time.

The contract between the parts of issue 17 (docs/impact.md):

- ``snapshot(filters, language=...)`` returns the cached snapshot for that filter, computing and
  caching it on a miss; the unfiltered one is refreshed by the beat task (``impact.tasks``), so
  the dashboard's first view and the public page never wait for it.
- ``public_snapshot(language=...)`` is the unfiltered snapshot with the public tables only, every
  count under ``tables.SUPPRESSION_THRESHOLD`` suppressed (and complementary cells, so no
  suppressed value can be worked out from a total).
- Table keys (``Snapshot.tables``), in the dashboard's order:
  ``funnel`` (stage, people), ``by_district``, ``by_audience``, ``by_sector`` (each: label,
  learners, graduates), ``by_month`` (month, signed_up, enrolled, completed, certified),
  ``courses`` (course, enrolments, completions, completion_rate, median_days, quiz_pass_rate),
  ``cohorts`` (cohort, course, learners, completion_rate, attendance_rate),
  ``cohort_sessions`` (cohort, session, starts, expected, attended, attendance_rate),
  ``storefronts`` (status, storefronts), ``storefront_months`` (month, went_live, orders),
  and ``headline`` (measure, value).
"""

from __future__ import annotations

import dataclasses
import time
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation

from core.impact import ImpactFilter
from impact.tables import Table

PUBLIC_TABLES = (
    "headline",
    "funnel",
    "by_district",
    "by_audience",
    "by_sector",
    "by_month",
    "courses",
)


@dataclasses.dataclass
class Snapshot:
    filters: ImpactFilter
    language: str
    refreshed_at: datetime
    tables: dict[str, Table]
    public: bool = False
    seconds_to_compute: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "filters": self.filters.as_query(),
            "language": self.language,
            "refreshed_at": self.refreshed_at.isoformat(),
            "public": self.public,
            "seconds_to_compute": self.seconds_to_compute,
            "tables": {key: table.to_json() for key, table in self.tables.items()},
        }


# --- Computing, storing and caching (docs/impact.md, "Refresh and caching") -----------------

ALL = "all"  # the stored snapshot's key: the whole programme, unfiltered
_PREFIX = "impact:v1"
# How long a process trusts its cached generation before reading the stored refresh time again:
# with a per-process cache (the embedded default) this bounds how long a node can lag behind
# another's refresh.
GENERATION_SECONDS = 60


def _language(language: str | None) -> str:
    codes = [code for code, _name in settings.LANGUAGES]
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    if language in codes:
        return language
    base = language.split("-")[0]
    return base if base in codes else settings.LANGUAGE_CODE


def _compute(filters: ImpactFilter) -> tuple[dict, dict[str, Any]]:
    from impact.aggregates.numbers import impact_numbers

    began = time.perf_counter()
    numbers = impact_numbers(filters)
    meta = {
        "refreshed_at": timezone.now().isoformat(),
        "seconds_to_compute": round(time.perf_counter() - began, 3),
    }
    return numbers, meta


def _store(numbers: dict, meta: dict) -> None:
    from impact.models import StoredSnapshot

    StoredSnapshot.objects.update_or_create(
        key=ALL,
        defaults={
            "numbers": numbers,
            "refreshed_at": datetime.fromisoformat(meta["refreshed_at"]),
            "seconds_to_compute": meta["seconds_to_compute"],
        },
    )


def _stored() -> tuple[dict, dict] | None:
    from impact.models import StoredSnapshot

    row = StoredSnapshot.objects.filter(key=ALL).first()
    if row is None:
        return None
    meta = {
        "refreshed_at": row.refreshed_at.isoformat(),
        "seconds_to_compute": row.seconds_to_compute,
    }
    return row.numbers, meta


def _generation() -> str:
    """The stored snapshot's refresh time: part of every cache key, so a refresh (on any node)
    retires every cached snapshot, filtered ones included, without deleting keys."""
    key = f"{_PREFIX}:generation"
    generation = cache.get(key)
    if generation is None:
        from impact.models import StoredSnapshot

        refreshed = (
            StoredSnapshot.objects.filter(key=ALL).values_list("refreshed_at", flat=True).first()
        )
        generation = refreshed.isoformat() if refreshed else "none"
        cache.set(key, generation, GENERATION_SECONDS)
    return generation


def _numbers(filters: ImpactFilter, generation: str) -> tuple[dict, dict]:
    """The numbers of ``filters`` and when they were computed: from the cache; for the whole
    programme else from the stored row (computed and stored on first use); for a filter else
    computed and cached for ISOKO_IMPACT_REFRESH_SECONDS."""
    key = f"{_PREFIX}:numbers:{generation}:{filters.cache_key()}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    ttl = settings.ISOKO_IMPACT_REFRESH_SECONDS
    if filters.is_empty:
        found = _stored()
        if found is None:
            found = _compute(filters)
            _store(*found)
            cache.delete(f"{_PREFIX}:generation")
    else:
        found = _compute(filters)
    cache.set(key, found, ttl)
    return found


def _tables(numbers: dict, language: str) -> dict[str, Table]:
    from impact.aggregates.build import build_tables

    with translation.override(language):
        return build_tables(numbers, language)


def _public_tables(numbers: dict, language: str) -> dict[str, Table]:
    from impact.aggregates.build import funnel_counts
    from impact.aggregates.suppress import suppress

    tables = _tables(numbers, language)
    facts = {"funnel": funnel_counts(numbers), "courses": numbers["courses"]}
    with translation.override(language):
        return suppress({key: tables[key] for key in PUBLIC_TABLES}, facts)


def _snapshot(filters: ImpactFilter, language: str, *, public: bool) -> Snapshot:
    generation = _generation()
    key = f"{_PREFIX}:snapshot:{generation}:{filters.cache_key()}:{language}:{int(public)}"
    cached = cache.get(key)
    if cached is None:
        numbers, meta = _numbers(filters, generation)
        tables = _public_tables(numbers, language) if public else _tables(numbers, language)
        cached = {
            **meta,
            "tables": {name: table.to_json() for name, table in tables.items()},
        }
        cache.set(key, cached, settings.ISOKO_IMPACT_REFRESH_SECONDS)
    return Snapshot(
        filters=filters,
        language=language,
        refreshed_at=datetime.fromisoformat(cached["refreshed_at"]),
        tables={name: Table.from_json(data) for name, data in cached["tables"].items()},
        public=public,
        seconds_to_compute=cached["seconds_to_compute"],
    )


def snapshot(filters: ImpactFilter | None = None, *, language: str | None = None) -> Snapshot:
    """Every table of the contract for ``filters`` (None: the whole programme), labelled in
    ``language`` (default: the active one). Cached; the whole programme's numbers are refreshed
    by the beat task, a filter's are computed on a cache miss."""
    return _snapshot(filters or ImpactFilter(), _language(language), public=False)


def public_snapshot(*, language: str | None = None) -> Snapshot:
    """The whole programme's public tables (PUBLIC_TABLES), suppressed: no count under
    SUPPRESSION_THRESHOLD, nor a cell it could be worked out from (aggregates/suppress.py)."""
    return _snapshot(ImpactFilter(), _language(language), public=True)


def snapshot_refresh() -> float:
    """Recompute and store the whole programme's numbers (the beat task's work); every cached
    snapshot is retired with the old generation. Returns the seconds the computation took."""
    from impact.signals import impact_refreshed

    numbers, meta = _compute(ImpactFilter())
    _store(numbers, meta)
    cache.set(f"{_PREFIX}:generation", meta["refreshed_at"], GENERATION_SECONDS)
    # The public page shows the numbers and their time: its cached copies go (on every node).
    impact_refreshed.send(sender=snapshot_refresh)
    return meta["seconds_to_compute"]
