"""The beat scheduler when several beat processes run: RedBeat, configured from the settings.

RedBeat (celery-redbeat) keeps the schedule in Redis and sends only while it holds a Redis lock
(config/settings/nodes.py says how long it lives and how often it is renewed). RedBeat reads its
options un-namespaced from the Celery app (``redbeat_redis_url``, ...), where the ``CELERY_``
Django settings cannot put them, so this subclass sets them from the settings before RedBeat
reads them. The beat schedule itself is still CELERY_BEAT_SCHEDULE (checked by config.E001).
"""

from __future__ import annotations

from django.conf import settings
from redbeat import RedBeatScheduler


class LockedScheduler(RedBeatScheduler):
    def __init__(self, app, *args, **kwargs):
        timeout = settings.ISOKO_BEAT_LOCK_TIMEOUT
        interval = app.conf.beat_max_loop_interval
        if interval and timeout <= interval:
            # The lock would lapse between two renewals: a standby would start sending too.
            raise SystemExit(
                f"ISOKO_BEAT_LOCK_TIMEOUT ({timeout} s) must be longer than "
                f"ISOKO_BEAT_MAX_LOOP_INTERVAL ({interval} s)."
            )
        app.conf.update(
            redbeat_redis_url=settings.REDIS_URL,
            # Not the broker's transport options (RedBeat's fallback): a plain Redis client that
            # retries a lost connection for up to one lock lifetime.
            redbeat_redis_options={"retry_period": timeout},
            redbeat_key_prefix=settings.ISOKO_BEAT_KEY_PREFIX,
            redbeat_lock_timeout=timeout,
        )
        super().__init__(app, *args, **kwargs)
