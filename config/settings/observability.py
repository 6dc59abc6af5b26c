"""Logs, metrics and error reports (config/observability.py holds the code; docs/deployment.md).

Imported at the end of base.py; production.py switches the log format's default to JSON.
"""

import environ

__all__ = [
    "ISOKO_METRICS_ALLOWED_IPS",
    "ISOKO_METRICS_CELERY_QUEUES",
    "ISOKO_METRICS_TOKEN",
    "LOG_FORMAT",
    "LOG_LEVEL",
    "LOGGING",
    "SENTRY_DSN",
]

# base.py has read .env already (the OS environment winning); this reads the same environment.
env = environ.Env()

# ``json``: one JSON object per line (production's default: log shippers parse it); ``text``:
# human-readable lines (everywhere else). Both carry the request id.
LOG_FORMAT = env("LOG_FORMAT", default="text")
LOG_LEVEL = env("LOG_LEVEL", default="INFO")


def logging_config(log_format: str, level: str = "INFO") -> dict:
    """settings.LOGGING for ``json`` or ``text`` lines, both with the request id."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "config.observability.RequestIdFilter"}},
        "formatters": {
            "json": {"()": "config.observability.JsonFormatter"},
            "text": {"()": "config.observability.TextFormatter"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json" if log_format == "json" else "text",
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.db.backends": {"level": "WARNING"},
            # One line per search-index and reference-index task on every page save drowns the log.
            "django_tasks": {"level": "WARNING"},
            # isoko.request writes one line per request; Django's own 4xx lines would repeat it
            # (errors, with their tracebacks, still come through at ERROR).
            "django.request": {"level": "ERROR"},
            "django.server": {"level": "WARNING"},
        },
    }


LOGGING = logging_config(LOG_FORMAT, LOG_LEVEL)

# /metrics: readable with ``Authorization: Bearer <ISOKO_METRICS_TOKEN>`` or from an address in
# ISOKO_METRICS_ALLOWED_IPS (addresses or networks, e.g. ``10.0.0.0/8``, as REMOTE_ADDR shows
# them: behind a proxy that is the proxy's, so prefer the token). Neither set: nobody.
ISOKO_METRICS_TOKEN = env("ISOKO_METRICS_TOKEN", default="")
ISOKO_METRICS_ALLOWED_IPS: list[str] = env.list("ISOKO_METRICS_ALLOWED_IPS", default=[])
# The Celery queues whose depth /metrics reports (the default queue unless routes add others).
ISOKO_METRICS_CELERY_QUEUES: list[str] = env.list("ISOKO_METRICS_CELERY_QUEUES", default=["celery"])

# Sentry, only when a DSN is given: Django and Celery errors, no personal data (no user e-mails,
# cookies, request bodies or IP addresses), no performance traces unless a rate is set.
SENTRY_DSN = env("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        environment=env("SENTRY_ENVIRONMENT", default="production"),
        release=env("SENTRY_RELEASE", default="") or None,
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )
