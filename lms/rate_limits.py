"""How often a learner may act, per minute: generous for people (autosave fires at most every
0.4 s while typing), enough to stop a script. ISOKO_LMS_RATE_LIMITS overrides any of them."""

from __future__ import annotations

from django.conf import settings

from core.ratelimit import rate_limited

DEFAULT_LIMITS = {"enrol": 20, "progress": 60, "start": 20, "submit": 30, "autosave": 150}


def learner_limit(scope: str, default: int | None = None) -> int:
    overrides = getattr(settings, "ISOKO_LMS_RATE_LIMITS", {})
    return overrides.get(scope, DEFAULT_LIMITS[scope] if default is None else default)


def learner_rate_limited(scope: str):
    """core.ratelimit.rate_limited on POSTs, per user, with this scope's limit."""
    return rate_limited(scope, limit=lambda: learner_limit(scope))
