"""The filter every programme-impact aggregate takes (issue 17; docs/impact.md).

It lives in core, the bottom layer, because each app computes its own part of the numbers
(accounts: sign-ups; lms: enrolments, completions, cohorts; certificates; marketplace_link:
storefronts and orders) and all of them take the same filter. An empty filter is the whole
programme.
"""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import date


@dataclasses.dataclass(frozen=True)
class ImpactFilter:
    """Which people and which period a set of numbers covers.

    Dates are inclusive calendar days in the site's time zone and bound each stage's own event
    (a sign-up's date joined, an enrolment's start, a completion's date, a certificate's issue,
    an application's submission, a store going live, an order). The other fields narrow the
    people (audience, district and sector are the learner's profile) or the learning (course,
    cohort).
    """

    start: date | None = None
    end: date | None = None
    course_id: int | None = None
    audience: str = ""
    district: str = ""
    sector: str = ""
    cohort_id: int | None = None

    @property
    def is_empty(self) -> bool:
        return self == ImpactFilter()

    def cache_key(self) -> str:
        """A short stable key for caches: the same filter always gives the same key."""
        raw = repr(dataclasses.astuple(self)).encode()
        return hashlib.blake2s(raw, digest_size=12).hexdigest()

    def as_query(self) -> dict[str, str]:
        """The filter as query-string parameters (empty ones left out), for links and exports."""
        out = {}
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            if value not in (None, ""):
                out[field.name] = value.isoformat() if isinstance(value, date) else str(value)
        return out
