"""/metrics: refused to anyone but the scraper; request, queue and task metrics."""

from __future__ import annotations

import re
import uuid

import pytest

from config import observability

# Every request resolves the site (robots.txt names the sitemap's address): a database.
pytestmark = pytest.mark.django_db

TOKEN = "scrape-token-for-tests-0123456789"


@pytest.fixture
def metrics_token(settings):
    settings.ISOKO_METRICS_TOKEN = TOKEN
    settings.ISOKO_METRICS_ALLOWED_IPS = []
    return TOKEN


def sample(text: str, name: str, **labels) -> float | None:
    """The value of one sample in a Prometheus text exposition."""
    for line in text.splitlines():
        if not line.startswith(name + "{") and not line.startswith(name + " "):
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', line.split("}")[0]))
        if all(found.get(k) == v for k, v in labels.items()):
            return float(line.rsplit(" ", 1)[1])
    return None


def test_metrics_refuse_anonymous_and_wrong_tokens(client, metrics_token):
    assert client.get("/metrics").status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION=TOKEN).status_code == 403  # no scheme
    assert client.post("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").status_code == 405


def test_with_nothing_configured_nobody_reads_metrics(client, settings):
    settings.ISOKO_METRICS_TOKEN = ""
    settings.ISOKO_METRICS_ALLOWED_IPS = []
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 403
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 403


def test_metrics_served_with_the_token_count_requests_by_view(client, metrics_token):
    client.get("/robots.txt")
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    text = response.content.decode()
    before = sample(text, "isoko_http_requests_total", view="robots_txt", status="200")
    assert before is not None and before >= 1
    assert sample(text, "isoko_http_request_duration_seconds_count", view="robots_txt")
    client.get("/robots.txt")
    text = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").content.decode()
    assert sample(text, "isoko_http_requests_total", view="robots_txt", status="200") == before + 1


def test_an_odd_method_does_not_make_a_new_series(client, metrics_token):
    client.generic("BREW", "/robots.txt")
    text = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").content.decode()
    assert 'method="BREW"' not in text
    assert sample(text, "isoko_http_requests_total", view="robots_txt", method="other")


def test_an_allowed_address_reads_metrics_without_a_token(client, settings):
    settings.ISOKO_METRICS_TOKEN = ""
    settings.ISOKO_METRICS_ALLOWED_IPS = ["10.1.0.0/16", "192.0.2.7"]
    assert client.get("/metrics", REMOTE_ADDR="10.1.200.3").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="192.0.2.7").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="10.2.0.1").status_code == 403
    assert client.get("/metrics", REMOTE_ADDR="not-an-ip").status_code == 403


@pytest.mark.services
@pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored")
def test_queue_depth_reflects_the_messages_waiting_in_redis(client, metrics_token, settings):
    from config.celery import app

    queue = f"isoko-test-depth-{uuid.uuid4().hex[:8]}"
    settings.ISOKO_METRICS_CELERY_QUEUES = [queue]
    try:
        text = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").content.decode()
        assert sample(text, "isoko_celery_queue_length", queue=queue) == 0
        assert sample(text, "isoko_celery_broker_up") == 1
        for priority in (None, None, 9):  # kombu keeps a list per priority step: all count
            app.send_task("lms.expire_overdue_attempts", queue=queue, priority=priority)
        text = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").content.decode()
        assert sample(text, "isoko_celery_queue_length", queue=queue) == 3
    finally:
        with app.connection_for_write() as conn:
            conn.default_channel.queue_purge(queue)


@pytest.mark.services
def test_task_outcomes_counted_by_workers_appear_in_metrics(client, metrics_token, monkeypatch):
    """The signal handlers as a worker runs them (tests/services/test_observability_worker.py
    proves the same with a real worker process)."""
    from celery import current_app

    task = current_app.tasks["lms.expire_overdue_attempts"]
    name = task.name

    def read(outcome):
        text = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").content.decode()
        return sample(text, "isoko_celery_tasks_total", task=name, outcome=outcome) or 0

    failed, succeeded = read("failed"), read("succeeded")
    # Outside a worker (eager tasks in the web or in tests) nothing is counted.
    observability._count_failure(sender=task)
    assert read("failed") == failed
    monkeypatch.setattr(observability, "_in_worker", True)
    observability._count_failure(sender=task, exception=ValueError("x"))
    observability._count_failure(sender=task, exception=ValueError("x"))
    observability._count_success(sender=task, result=None)
    assert read("failed") == failed + 2
    assert read("succeeded") == succeeded + 1


def test_without_redis_the_celery_metrics_say_the_broker_is_not_there(
    client, metrics_token, settings
):
    settings.REDIS_URL = ""
    text = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").content.decode()
    assert sample(text, "isoko_celery_broker_up") == 0
