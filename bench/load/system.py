"""The system under test: the site on PostgreSQL and Redis, served and worked as in production.

`system_under_test(env)` yields the base URL that Locust loads. Today it is one node: gunicorn
(sync workers, as the Procfile runs it) with Celery workers and beat beside it. The two-node
setup behind HAProxy (bench/cluster.py, the nodes lane) replaces it: the one choice is in
`system_under_test`, which takes the cluster as soon as bench/cluster.py is there; nothing else
depends on which it is: run.py finds the processes to sample as this process's descendants, by
their command lines.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BENCH_DIR))

from _support import ROOT, _wait_until_serving  # noqa: E402

# The load lane's ports (21600-21699): the web node, and a sandbox port nothing listens on (the
# beat's marketplace tasks must not reach another engineer's sandbox on the default 8910).
WEB_PORT = 21601
SANDBOX_PORT = 21690
BENCH_SECRET_KEY = "isoko-load-bench-only-not-a-secret-3f9d1c7a5b2e8f40a6c1d9e7b3a5f2c8d0e4"


def server_env(database_url: str, redis_url: str, media_root: str) -> dict:
    """The environment of every process of the system: the dev settings with DEBUG off (as the
    other benches), PostgreSQL, Redis as cache, session-free rate-limit store and broker."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "MEDIA_ROOT": media_root,
        # Certificate PDFs beside the media, so that run.py can measure both.
        "PRIVATE_ROOT": str(Path(media_root).parent / "private"),
        "DEBUG": "false",
        # One key for the seed and every process of the system: the prepared sessions carry a
        # hash made with it (a cluster with a key of its own would log every learner out).
        "SECRET_KEY": BENCH_SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PYTHONWARNINGS": "ignore",
        "LOG_LEVEL": os.environ.get("LOG_LEVEL", "WARNING"),
        "SANDBOX_PORT": str(SANDBOX_PORT),
        "ISOKO_PORT": str(WEB_PORT),
        # Every Locust user comes from 127.0.0.1; in production verifications come from many
        # networks. The per-address limit stays on (its INCR is part of each lookup's cost),
        # just above what one load generator sends.
        "ISOKO_VERIFY_RATE_LIMIT": "1000000",
    }
    return env


@contextlib.contextmanager
def _process(args: list[str], env: dict, log: Path) -> Iterator[subprocess.Popen]:
    with log.open("ab") as out:
        process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def single_node(
    env: dict, *, web_workers: int = 3, celery_workers: int = 1, logs: Path | None = None
) -> Iterator[str]:
    """gunicorn on WEB_PORT (sync workers, WEB_CONCURRENCY as the Procfile's default), Celery
    workers (concurrency 1 each: two rendering PDFs would take both cores) and one beat."""
    logs = logs or Path(tempfile.mkdtemp(prefix="isoko-load-logs-"))
    python = sys.executable
    gunicorn = [
        python, "-m", "gunicorn", "config.wsgi:application",
        "--bind", f"127.0.0.1:{WEB_PORT}", "--workers", str(web_workers),
        "--log-level", "warning",
    ]  # fmt: skip
    schedule = logs / "celerybeat-schedule"
    with contextlib.ExitStack() as stack:
        web = stack.enter_context(_process(gunicorn, env, logs / "gunicorn.log"))
        for number in range(celery_workers):
            worker = [
                python, "-m", "celery", "-A", "config", "worker", "-l", "warning",
                "--concurrency", "1", "-n", f"load{number}@%h",
            ]  # fmt: skip
            stack.enter_context(_process(worker, env, logs / f"worker{number}.log"))
        beat = [
            python,
            "-m",
            "celery",
            "-A",
            "config",
            "beat",
            "-l",
            "warning",
            "-s",
            str(schedule),
        ]
        stack.enter_context(_process(beat, env, logs / "beat.log"))
        # Generous: on a shared, busy machine booting Django in each worker takes a while.
        _wait_until_serving(web, WEB_PORT, timeout=300)
        yield f"http://127.0.0.1:{WEB_PORT}"


# Settings the cluster's processes take from us: the key the sessions were made with, where the
# prepared files are, and the verify limit (the rest is the cluster's production environment).
CLUSTER_ENV = (
    "SECRET_KEY",
    "MEDIA_ROOT",
    "PRIVATE_ROOT",
    "ISOKO_VERIFY_RATE_LIMIT",
    "SANDBOX_PORT",
)


@contextlib.contextmanager
def two_nodes(env: dict, logs: Path | None = None) -> Iterator[str]:
    """bench/cluster.py (the nodes lane): HAProxy ending TLS in front of two gunicorn nodes
    (production settings), two Celery workers and two beats; the HTTPS address, as browsers
    reach it (Locust's client accepts the cluster's self-signed certificate)."""
    from cluster import cluster

    extra = {name: env[name] for name in CLUSTER_ENV}
    with cluster(env["DATABASE_URL"], env["REDIS_URL"], env=extra, keep_logs=True) as running:
        yield running.url


@contextlib.contextmanager
def system_under_test(env: dict, logs: Path | None = None) -> Iterator[str]:
    """The two-node cluster when bench/cluster.py is there, else one node."""
    if (BENCH_DIR / "cluster.py").exists():
        with two_nodes(env, logs) as url:
            yield url
    else:
        with single_node(env, logs=logs) as url:
            yield url
