"""Fixtures for the service-bound tests: real Celery worker processes.

``worker_queue`` is one solo worker on a private queue, with the test settings as they are (tasks
that a task enqueues run inline in the worker). ``start_worker`` starts as many workers as a test
needs, each in its own process group (so a test can SIGKILL a worker and its pool children at
once), logging to a file, and by default *production-like*: tasks a task enqueues travel through
Redis to the private queue, as they do in production, instead of running inline.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from config.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[2]

CELERY_WITH_SETTINGS = str(ROOT / "config" / "celery_with_settings.py")


def _test_database_url() -> str:
    db = settings.DATABASES["default"]
    return (
        f"postgres://{db['USER']}:{db.get('PASSWORD') or ''}@{db['HOST']}:{db['PORT']}/"
        f"{connection.settings_dict['NAME']}"
    )


def _spawn(queue: str, *, env: dict, pool: str, concurrency: int, overrides: dict, **popen):
    celery_args = [
        "-A",
        "config",
        "worker",
        "--pool",
        pool,
        "--concurrency",
        str(concurrency),
        "--queues",
        queue,
        "--hostname",
        f"{queue}-{uuid.uuid4().hex[:4]}@%h",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "--loglevel",
        "INFO",
    ]
    if overrides:
        command = [sys.executable, CELERY_WITH_SETTINGS, json.dumps(overrides), *celery_args]
    else:
        command = [sys.executable, "-m", "celery", *celery_args]
    full_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": _test_database_url(),
        "REDIS_URL": settings.REDIS_URL,
        # The test's renderer (the real one, tests/conftest.py), unless the test names another.
        "ISOKO_CERTIFICATE_RENDERER": settings.ISOKO_CERTIFICATE_RENDERER,
        **env,
    }
    return subprocess.Popen(command, cwd=ROOT, env=full_env, **popen)


def _purge(queue: str) -> None:
    """Drop what is left on a private queue, so Redis does not keep it forever."""
    with celery_app.connection_for_write() as conn:
        conn.default_channel.queue_purge(queue)


@dataclass
class Worker:
    """A worker process (the leader of its own process group) and its log file."""

    queue: str
    process: subprocess.Popen
    log_path: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def kill(self) -> None:
        """SIGKILL the worker and its pool children: no warm shutdown, nothing acknowledged."""
        _signal_group(self.process, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            _signal_group(self.process, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                _signal_group(self.process, signal.SIGKILL)
                self.process.wait(timeout=10)
        # Pool children of a worker whose parent died: none may outlive the test.
        _signal_group(self.process, signal.SIGKILL)


def _signal_group(process: subprocess.Popen, signum: int) -> None:
    try:
        os.killpg(process.pid, signum)
    except ProcessLookupError:
        pass


@pytest.fixture
def start_worker(transactional_db, tmp_path):
    """A factory: ``start_worker(env=..., pool="solo", concurrency=1, production_like=True)``
    starts a worker on this test's private queue and returns a Worker. Every worker is stopped,
    and the queue purged, before the test database is flushed (hence ``transactional_db``)."""
    queue = f"isoko-test-{uuid.uuid4().hex[:8]}"
    workers: list[Worker] = []

    def start(
        *,
        env: dict | None = None,
        pool: str = "solo",
        concurrency: int = 1,
        production_like: bool = True,
    ) -> Worker:
        overrides = (
            {"CELERY_TASK_ALWAYS_EAGER": False, "CELERY_TASK_DEFAULT_QUEUE": queue}
            if production_like
            else {}
        )
        log_path = tmp_path / f"worker-{len(workers) + 1}.log"
        with open(log_path, "w") as log:
            process = _spawn(
                queue,
                env=env or {},
                pool=pool,
                concurrency=concurrency,
                overrides=overrides,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        worker = Worker(queue=queue, process=process, log_path=log_path)
        workers.append(worker)
        return worker

    start.queue = queue
    original = (celery_app.conf.task_always_eager, celery_app.conf.task_default_queue)
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    try:
        yield start
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = original
        for worker in workers:
            worker.stop()
        _purge(queue)


@pytest.fixture
def worker_queue(transactional_db):
    """A solo worker process on a private queue, pointed at pytest's own test database. Its
    output is piped: ``worker_queue.communicate()`` after ``terminate()`` returns the log."""
    queue = f"isoko-test-{uuid.uuid4().hex[:8]}"
    process = _spawn(
        queue,
        env={},
        pool="solo",
        concurrency=1,
        overrides={},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    original = (celery_app.conf.task_always_eager, celery_app.conf.task_default_queue)
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    try:
        yield process
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = original
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        _purge(queue)
