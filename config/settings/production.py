"""Production: refuses to start without its secrets and passes `check --deploy`."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env
from .observability import logging_config


def _required(name: str) -> str:
    value = env(name, default="")
    if not value:
        raise ImproperlyConfigured(f"Production settings need the {name} environment variable.")
    return value


SECRET_KEY = _required("SECRET_KEY")
ALLOWED_HOSTS = [host.strip() for host in _required("ALLOWED_HOSTS").split(",") if host.strip()]
DATABASES = {"default": env.db_url_config(_required("DATABASE_URL"))}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# allauth's rate limits and Celery both need Redis; an in-process fallback would be silently wrong.
REDIS_URL = _required("REDIS_URL")
# Certificates: the signing keys come from the environment (never a generated dev key file, which
# each container would make for itself), and the public base URL is signed into every credential
# as the issuer's address, so it must be the real one.
ISOKO_CREDENTIAL_KEYS = _required("ISOKO_CREDENTIAL_KEYS")
WAGTAILADMIN_BASE_URL = _required("WAGTAILADMIN_BASE_URL")
# The marketplace key pair: the dev defaults are the sandbox's public dev-only pair.
ISOKO_MARKETPLACE_KEY_ID = _required("ISOKO_MARKETPLACE_KEY_ID")
ISOKO_MARKETPLACE_SECRET = _required("ISOKO_MARKETPLACE_SECRET")
CELERY_BROKER_URL = REDIS_URL
CELERY_TASK_ALWAYS_EAGER = False
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "isoko",
    }
}

DEBUG = False

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# Probes and the metrics scraper talk to the container over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^metrics$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_SAMESITE = "Lax"

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)

ISOKO_REQUIRE_STAFF_MFA = True

# Wagtail's background work runs on the same Celery workers as everything else.
TASKS = {"default": {"BACKEND": "config.tasks_backend.CeleryTaskBackend"}}

WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "config.search_backend",
        "SEARCH_CONFIG": "english",
    }
}

# Logs: one JSON object per line unless LOG_FORMAT=text (config/settings/observability.py).
LOGGING = logging_config(env("LOG_FORMAT", default="json"), env("LOG_LEVEL", default="INFO"))
