"""Several web and worker nodes on one PostgreSQL, one Redis and one object store (docs/scaling.md).

Imported at the end of base.py, so dev with REDIS_URL (Procfile.dev), the tests and production
all get the same beat scheduler.

- **One beat sends.** Several beat processes may run (one beside each worker, or two for
  failover). With Redis, beat uses config.beat.LockedScheduler (RedBeat): the schedule and each
  entry's last run live in Redis, and only the holder of a Redis lock sends. The lock has a TTL
  (ISOKO_BEAT_LOCK_TIMEOUT) renewed on every tick (at most ISOKO_BEAT_MAX_LOOP_INTERVAL apart);
  another beat waits for it as a hot standby and takes over within TTL + one interval of the
  holder dying. Without Redis (the embedded `make run` runs no beat at all) Celery's own
  file-based scheduler stays.
- **Names in a shared Redis.** ISOKO_CELERY_QUEUE and ISOKO_BEAT_KEY_PREFIX let two deployments
  (or a test cluster beside a developer's site) share one Redis database without taking each
  other's tasks or beat lock.
- **STATIC_ROOT** may be set: every node serves the same collected files (collect them once, into
  the image; bench/cluster.py collects once per source version).
"""

from .base import REDIS_URL, VAR_DIR, env

ISOKO_BEAT_KEY_PREFIX = env("ISOKO_BEAT_KEY_PREFIX", default="isoko:beat")
# Seconds. After the active beat dies (SIGKILL, a lost host), the standby sends within this plus
# one loop interval; a beat that cannot renew the lock in time (Redis unreachable for longer)
# exits rather than risk a second sender. Every schedule entry is a minute or longer apart, so a
# 35 s gap delays at most one run.
ISOKO_BEAT_LOCK_TIMEOUT = env.int("ISOKO_BEAT_LOCK_TIMEOUT", default=30)
CELERY_BEAT_MAX_LOOP_INTERVAL = env.int("ISOKO_BEAT_MAX_LOOP_INTERVAL", default=5)
if REDIS_URL:
    CELERY_BEAT_SCHEDULER = "config.beat:LockedScheduler"

CELERY_TASK_DEFAULT_QUEUE = env("ISOKO_CELERY_QUEUE", default="celery")

STATIC_ROOT = env.path("STATIC_ROOT", default=str(VAR_DIR / "static"))
