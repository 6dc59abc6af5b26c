"""Settings of the learner-page speed work (issue 15, item 2: the dashboard and an enrolled
lesson). Imported at the end of base.py."""

import environ

env = environ.Env()

# Sessions: with a shared cache (Redis, whenever REDIS_URL is set, as in production), a logged-in
# request reads its session from the cache, not PostgreSQL (one query fewer on every logged-in
# page); the database still holds every session, so a cache flush or eviction logs nobody out.
# Code that ends sessions goes through the engine's SessionStore (accounts.services), which
# drops both copies. Without REDIS_URL the cache is per process: sessions stay in the database.
if env("REDIS_URL", default=""):
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
