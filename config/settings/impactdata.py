"""Programme-impact numbers (issue 17; docs/impact.md). Imported at the end of base.py."""

import environ

env = environ.Env()

# How often the beat task recomputes the programme's numbers (the unfiltered snapshot), in
# seconds; also how long a filtered snapshot is cached. README, "Programme impact".
ISOKO_IMPACT_REFRESH_SECONDS = env.int("ISOKO_IMPACT_REFRESH_SECONDS", default=900)

# Imported at the end of base.py, which has defined the schedule by then: the entry is added to
# that same dict (checked by config.E001 like every other).
from .base import CELERY_BEAT_SCHEDULE  # noqa: E402

CELERY_BEAT_SCHEDULE["refresh-impact"] = {
    "task": "impact.refresh_impact",
    "schedule": float(ISOKO_IMPACT_REFRESH_SECONDS),
}
