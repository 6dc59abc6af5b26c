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
from datetime import datetime
from typing import Any

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
