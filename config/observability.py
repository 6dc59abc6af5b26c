"""Observability: request ids, one structured log line per request and per task, metrics.

- ``RequestIdMiddleware`` (first in MIDDLEWARE) takes a sane incoming ``X-Request-ID`` or makes
  one, echoes it on the response, puts it in a context variable that ``RequestIdFilter`` copies
  into every log record, times the request, writes one ``isoko.request`` line (request id,
  method, path with secrets masked, status, duration, view, user id: never e-mails, query
  strings or tokens) and counts it for Prometheus.
- Celery: a task enqueued during a request carries the request id in its message headers
  (``before_task_publish``); the worker puts it back in the context variable while the task runs
  and writes one ``isoko.task`` line per task. Outcomes are counted in Redis by the workers,
  because the workers are other processes (other containers, other hosts) than the web's
  ``/metrics``, which reads the counters back at scrape time.
- ``/metrics`` (``metrics_view``) is never public: a bearer token (ISOKO_METRICS_TOKEN) or an
  allowed client address (ISOKO_METRICS_ALLOWED_IPS), else 403.

Why prometheus_client's multiprocess mode for HTTP metrics: gunicorn runs several worker
processes, each with its own in-memory counters; a scrape reaches one of them at random, so
plain counters would jump between processes' values. With PROMETHEUS_MULTIPROC_DIR set, each
process writes its samples to memory-mapped files in that directory and a scrape sums them
(deploy/gunicorn.conf.py empties the directory at start and marks dead workers). Counting each
request in Redis instead would cost a network round trip per request for a number that is only
ever read by one scraper per container. Task outcomes and queue depths are the opposite case
(other processes, rare writes, one shared truth), so those live in Redis.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import hmac
import ipaddress
import json
import logging
import os
import re
import time
import traceback
import uuid

from django.conf import settings
from django.http import HttpResponse, HttpResponseForbidden
from django.utils.functional import empty
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

REQUEST_ID_HEADER = "X-Request-ID"
# The Celery message header that carries the request id from web to worker.
TASK_HEADER = "isoko_request_id"
# An incoming id is kept only if it looks like an id: no spaces, quotes, newlines (log
# injection) or kilobytes of it. Anything else gets a fresh one.
_SANE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$")
# URL keyword arguments whose values are secrets (allauth's e-mail confirmation and password
# reset keys, uid+token pairs): masked in the logged path.
_SECRET_KWARG = re.compile(r"key|token|secret|uid|signature|password", re.IGNORECASE)
REDACTED = "[redacted]"

request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "isoko_request_id", default=None
)

log = logging.getLogger("isoko.request")
task_log = logging.getLogger("isoko.task")


def current_request_id() -> str | None:
    return request_id_var.get()


def sane_request_id(value: str | None) -> str:
    if value and _SANE_ID.match(value):
        return value
    return uuid.uuid4().hex


# ---------------------------------------------------------------------------------------------
# Logging: the filter and the formatter named in settings.LOGGING
# ---------------------------------------------------------------------------------------------
class RequestIdFilter(logging.Filter):
    """Gives every record a ``request_id`` attribute (``-`` outside a request or task)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            record.request_id = request_id_var.get() or "-"
        return True


# Attributes every LogRecord has; anything else on a record was passed through ``extra=`` and
# goes into the JSON object as its own key.
_RECORD_ATTRS = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "request_id",
    "taskName",
}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, request id, the
    record's ``extra`` fields, and the exception's type and traceback if any."""

    def format(self, record: logging.LogRecord) -> str:
        payload = {
            "ts": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or request_id_var.get() or "-",
        }
        for key, value in vars(record).items():
            if key not in _RECORD_ATTRS and not key.startswith("_"):
                payload[key] = value
        if record.exc_info:
            payload["exc_type"] = record.exc_info[0].__name__ if record.exc_info[0] else None
            payload["exc"] = "".join(traceback.format_exception(*record.exc_info))
        elif record.stack_info:
            payload["stack"] = record.stack_info
        return json.dumps(payload, default=str, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """Human-readable lines for development, with the request id and the ``extra`` fields."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get() or "-"
        line = super().format(record)
        extra = {
            k: v
            for k, v in vars(record).items()
            if k not in _RECORD_ATTRS and not k.startswith("_")
        }
        if extra:
            line += " " + " ".join(f"{k}={v}" for k, v in extra.items())
        return line


# ---------------------------------------------------------------------------------------------
# Metrics (prometheus_client)
# ---------------------------------------------------------------------------------------------
from prometheus_client import (  # noqa: E402  (after the logging part, which needs none of it)
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily  # noqa: E402

REQUESTS = Counter(
    "isoko_http_requests_total",
    "HTTP requests answered, by view, method and status code.",
    ["view", "method", "status"],
)
LATENCY = Histogram(
    "isoko_http_request_duration_seconds",
    "Time from the first middleware to the response, by view and method.",
    ["view", "method"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
)
# Only these methods are labelled by name: anything else (a scanner's "FOOBAR") is "other",
# so odd requests cannot grow the number of series.
_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}

# Redis keys of the task counters (a hash per outcome, one field per task name).
TASK_COUNTER_KEY = "isoko:metrics:celery:{outcome}"
TASK_OUTCOMES = ("succeeded", "failed", "retried")


def _redis():
    import redis

    return redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)


def _broker_redis():
    import redis

    from config.celery import app

    return redis.Redis.from_url(app.conf.broker_url, socket_connect_timeout=2, socket_timeout=2)


def queue_depth(client, queue: str) -> int:
    """Messages waiting in a Celery queue on Redis: kombu keeps one list per priority step
    (``queue``, ``queue\\x06\\x163``, ``…6``, ``…9``), all counted."""
    from kombu.transport.redis import PRIORITY_STEPS, Channel

    names = [queue] + [f"{queue}{Channel.sep}{step}" for step in PRIORITY_STEPS if step]
    pipe = client.pipeline()
    for name in names:
        pipe.llen(name)
    return sum(pipe.execute())


class CeleryCollector:
    """Read at scrape time from Redis: the depth of each queue, and the task outcomes the
    workers counted. Every web replica exposes the same numbers (they are shared): aggregate
    them with ``max`` across instances, not ``sum``."""

    def collect(self):
        depth = GaugeMetricFamily(
            "isoko_celery_queue_length", "Messages waiting in a Celery queue.", labels=["queue"]
        )
        tasks = CounterMetricFamily(
            "isoko_celery_tasks",
            "Celery tasks finished, by task and outcome.",
            labels=["task", "outcome"],
        )
        up = GaugeMetricFamily("isoko_celery_broker_up", "1 if the broker answered this scrape.")
        if not settings.REDIS_URL:
            up.add_metric([], 0)
            yield up
            return
        try:
            broker = _broker_redis()
            for queue in settings.ISOKO_METRICS_CELERY_QUEUES:
                depth.add_metric([queue], queue_depth(broker, queue))
            counters = _redis()
            for outcome in TASK_OUTCOMES:
                key = TASK_COUNTER_KEY.format(outcome=outcome)
                for name, value in counters.hgetall(key).items():
                    tasks.add_metric([name.decode(), outcome], int(value))
        except Exception:  # noqa: BLE001 - a scrape must still answer when Redis is down
            logging.getLogger(__name__).warning("metrics: Redis unreachable", exc_info=True)
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield from (depth, tasks, up)


def _exposition() -> bytes:
    """This container's HTTP metrics (every gunicorn worker's, in multiprocess mode), then the
    shared Celery ones."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        own = CollectorRegistry()
        multiprocess.MultiProcessCollector(own)
    else:
        own = REGISTRY
    shared = CollectorRegistry()
    shared.register(CeleryCollector())
    return generate_latest(own) + generate_latest(shared)


def _client_ip_allowed(request) -> bool:
    allowed = settings.ISOKO_METRICS_ALLOWED_IPS
    if not allowed:
        return False
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(net, strict=False) for net in allowed)


def _token_ok(request) -> bool:
    token = settings.ISOKO_METRICS_TOKEN
    header = request.headers.get("Authorization", "")
    if not token or not header.startswith("Bearer "):
        return False
    return hmac.compare_digest(header[len("Bearer ") :].strip().encode(), token.encode())


@never_cache
@require_GET
def metrics_view(request):
    """Prometheus text exposition, for the scraper only (a bearer token or an allowed address).
    With neither configured, nobody may read it."""
    if not (_token_ok(request) or _client_ip_allowed(request)):
        return HttpResponseForbidden("Forbidden", content_type="text/plain")
    return HttpResponse(_exposition(), content_type=CONTENT_TYPE_LATEST)


# ---------------------------------------------------------------------------------------------
# The middleware
# ---------------------------------------------------------------------------------------------
def _user_id(request) -> int | str | None:
    """The signed-in user's id, without a query: only if the request already loaded its user
    (or at least its session). Never the e-mail."""
    user = getattr(request, "user", None)
    wrapped = getattr(user, "_wrapped", None) if user is not None else None
    if user is not None and wrapped is not empty:
        target = wrapped if wrapped is not None else user
        return target.pk if getattr(target, "is_authenticated", False) else None
    session = getattr(request, "session", None)
    cache = getattr(session, "_session_cache", None)
    if isinstance(cache, dict) and (user_id := cache.get("_auth_user_id")) is not None:
        return int(user_id) if str(user_id).isdigit() else str(user_id)
    return None


def _logged_path(request) -> str:
    """The path without its query string, with secret URL arguments masked."""
    path = request.path
    match = getattr(request, "resolver_match", None)
    if match is not None:
        for name, value in match.kwargs.items():
            if _SECRET_KWARG.search(name) and isinstance(value, str) and value:
                path = path.replace(value, REDACTED)
    return path


class RequestIdMiddleware:
    """First in MIDDLEWARE, so the id, the timing and the log line cover everything after it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = sane_request_id(request.headers.get(REQUEST_ID_HEADER))
        request.request_id = request_id
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request_id
            self._record(request, response.status_code, time.perf_counter() - started)
            return response
        finally:
            request_id_var.reset(token)

    @staticmethod
    def _record(request, status: int, duration: float) -> None:
        match = getattr(request, "resolver_match", None)
        view = (match.view_name or "unnamed") if match is not None else "unresolved"
        method = request.method if request.method in _METHODS else "other"
        REQUESTS.labels(view=view, method=method, status=str(status)).inc()
        LATENCY.labels(view=view, method=method).observe(duration)
        log.info(
            "%s %s %s",
            method,
            _logged_path(request),
            status,
            extra={
                "method": method,
                "path": _logged_path(request),
                "status": status,
                "duration_ms": round(duration * 1000, 1),
                "view": view,
                "user_id": _user_id(request),
            },
        )


# ---------------------------------------------------------------------------------------------
# Celery: the request id through the message, one line per task, outcome counters
# ---------------------------------------------------------------------------------------------
_in_worker = False
_task_started: dict[str, float] = {}
_task_tokens: dict[str, contextvars.Token] = {}


def connect_celery_signals() -> None:
    """Called once from config/celery.py."""
    from celery import signals

    signals.before_task_publish.connect(_add_request_id_header, weak=False)
    signals.worker_init.connect(_mark_worker, weak=False)
    signals.task_prerun.connect(_task_prerun, weak=False)
    signals.task_postrun.connect(_task_postrun, weak=False)
    signals.task_success.connect(_count_success, weak=False)
    signals.task_failure.connect(_count_failure, weak=False)
    signals.task_retry.connect(_count_retry, weak=False)
    signals.setup_logging.connect(_setup_logging, weak=False)


def _setup_logging(loglevel=None, **kwargs) -> None:
    """Workers and beat log through settings.LOGGING (JSON in production) instead of Celery's
    own format: connecting this signal is how Celery is told not to configure logging.

    The command line's ``-l`` still sets Celery's own loggers' level: "celery@host ready." is
    an INFO line that process supervisors (and bench/cluster.py) wait for, and LOG_LEVEL may be
    WARNING for the rest."""
    import logging
    import logging.config

    logging.config.dictConfig(settings.LOGGING)
    if loglevel:
        logging.getLogger("celery").setLevel(loglevel)


def _add_request_id_header(headers=None, **kwargs) -> None:
    request_id = request_id_var.get()
    if request_id and headers is not None:
        headers.setdefault(TASK_HEADER, request_id)


def _mark_worker(**kwargs) -> None:
    """Only worker processes count outcomes (eager tasks in the web or in tests do not)."""
    global _in_worker
    _in_worker = True


def _task_prerun(task_id=None, task=None, **kwargs) -> None:
    request_id = getattr(task.request, TASK_HEADER, None) if task is not None else None
    if request_id is None and task is not None:
        request_id = (task.request.get("headers") or {}).get(TASK_HEADER)
    if request_id and task_id:
        _task_tokens[task_id] = request_id_var.set(request_id)
    if task_id:
        _task_started[task_id] = time.perf_counter()


def _task_postrun(task_id=None, task=None, state=None, **kwargs) -> None:
    started = _task_started.pop(task_id, None)
    if started is not None and _in_worker:
        task_log.info(
            "task %s %s",
            getattr(task, "name", "?"),
            state,
            extra={
                "task_id": task_id,
                "task_name": getattr(task, "name", None),
                "state": state,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )
    token = _task_tokens.pop(task_id, None)
    if token is not None:
        request_id_var.reset(token)


def count_task(name: str, outcome: str) -> None:
    """Add one to a task's outcome counter in Redis (read back by /metrics)."""
    if not settings.REDIS_URL:
        return
    try:
        _redis().hincrby(TASK_COUNTER_KEY.format(outcome=outcome), name, 1)
    except Exception:  # noqa: BLE001 - a metric must never fail a task
        logging.getLogger(__name__).warning("metrics: could not count a task", exc_info=True)


def _count_success(sender=None, **kwargs) -> None:
    if _in_worker:
        count_task(getattr(sender, "name", "unknown"), "succeeded")


def _count_failure(sender=None, **kwargs) -> None:
    if _in_worker:
        count_task(getattr(sender, "name", "unknown"), "failed")


def _count_retry(sender=None, **kwargs) -> None:
    if _in_worker:
        count_task(getattr(sender, "name", "unknown"), "retried")
