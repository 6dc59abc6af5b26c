"""A real worker: a request's id travels with the tasks it enqueues into the worker's JSON log
lines, and the worker's task outcomes reach the web's /metrics (config/observability.py)."""

from __future__ import annotations

import json
import re

import pytest

from config import observability
from config.tasks import run_django_task
from tests.services.helpers import wait_for

pytestmark = pytest.mark.services

TOKEN = "worker-metrics-token-0123456789"


def _failed_count(client) -> float:
    text = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").content.decode()
    match = re.search(
        r'^isoko_celery_tasks_total\{outcome="failed",task="config.run_django_task"\} (\S+)$',
        text,
        re.MULTILINE,
    )
    return float(match.group(1)) if match else 0.0


def _task_lines(worker) -> list[dict]:
    lines = []
    for raw in worker.log().splitlines():
        if raw.startswith("{"):
            record = json.loads(raw)
            if record.get("logger") == "isoko.task":
                lines.append(record)
    return lines


def test_request_id_reaches_the_worker_log_and_failures_reach_metrics(
    start_worker, client, settings
):
    settings.ISOKO_METRICS_TOKEN = TOKEN
    failed_before = _failed_count(client)
    worker = start_worker(env={"LOG_FORMAT": "json"})

    token = observability.request_id_var.set("req-from-web-0001")
    try:
        # One that succeeds (a django-tasks task the worker can import) and one that fails
        # (a module that does not exist), both enqueued "during" the request.
        run_django_task.apply_async(args=["tests.services.probe_tasks.write_marker",
                                          [], {"email": "obs@example.com"}])  # fmt: skip
        run_django_task.apply_async(args=["no_such_module.no_such_task", [], {}])
    finally:
        observability.request_id_var.reset(token)

    assert wait_for(lambda: len(_task_lines(worker)) >= 2, timeout=60), worker.log()
    lines = _task_lines(worker)
    assert {line["state"] for line in lines} == {"SUCCESS", "FAILURE"}
    for line in lines:
        assert line["request_id"] == "req-from-web-0001"
        assert line["task_name"] == "config.run_django_task"
        assert line["duration_ms"] >= 0
    # Celery's own lines (the failure's traceback) are JSON too, with the same request id.
    errors = [json.loads(r) for r in worker.log().splitlines() if r.startswith('{"')]
    assert any(e["level"] == "ERROR" and e["request_id"] == "req-from-web-0001" for e in errors)
    assert _failed_count(client) == failed_before + 1
