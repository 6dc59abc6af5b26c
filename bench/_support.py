"""Shared by the benchmarks: a seeded demo site served by gunicorn, and a timed HTTP client.

The server uses dev settings with DEBUG off, a throw-away SQLite database seeded by seed_demo,
2 sync workers and WhiteNoise for static files, on loopback. Requests are sequential, so the
numbers are per-request costs, not a load test.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """A free loopback port: the first free one in BENCH_PORTS ("21300-21399", on a machine
    where port ranges are shared out), else any the system gives."""
    first, _, last = os.environ.get("BENCH_PORTS", "").partition("-")
    candidates = range(int(first), int(last or first) + 1) if first else [0]
    for candidate in candidates:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", candidate))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise RuntimeError(f"no free port in BENCH_PORTS={os.environ['BENCH_PORTS']}")


@contextlib.contextmanager
def demo_server(prepare: str = "") -> Iterator[tuple[int, dict]]:
    """Yield (port, env) for a seeded demo site. `prepare` is Python run in `manage.py shell`
    after seeding, to add what a benchmark needs."""
    workdir = Path(tempfile.mkdtemp(prefix="isoko-bench-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "PYTHONWARNINGS": "ignore",
    }
    env.pop("REDIS_URL", None)
    manage = [sys.executable, "manage.py"]
    quiet = {"cwd": ROOT, "env": env, "check": True, "stdout": subprocess.DEVNULL}
    subprocess.run([*manage, "migrate", "-v", "0"], **quiet)
    subprocess.run([*manage, "seed_demo", "--force"], **quiet)
    if prepare:
        subprocess.run([*manage, "shell", "-c", prepare], **quiet)
    # WhiteNoise serves the collected files (DEBUG is off), from STATIC_ROOT (var/static).
    subprocess.run([*manage, "collectstatic", "--no-input", "-v", "0"], **quiet)
    try:
        with gunicorn_server(env) as port:
            yield port, env
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


@contextlib.contextmanager
def gunicorn_server(
    env: dict,
    workers: int = 2,
    *,
    app: str = "config.wsgi:application",
    cwd: Path = ROOT,
    ready_path: str = "/healthz",
) -> Iterator[int]:
    """Serve `app` (Isoko's config.wsgi by default) with `env` on a free loopback port (sync
    workers); yield the port once `ready_path` answers 200. The server's exit is checked on the
    way out too: one that died while measuring fails the bench instead of passing unnoticed."""
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            app,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=cwd,
        env=env,
    )
    try:
        _wait_until_serving(server, port, path=ready_path)
        yield port
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn ({app}) exited with status {server.returncode}")
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _wait_until_serving(
    server: subprocess.Popen, port: int, timeout: float = 90.0, path: str = "/healthz"
) -> None:
    """Until `path` (/healthz) answers 200: an open port only says gunicorn's master is
    listening, not that a worker has loaded Django, so a bench that started on it timed the
    boot."""
    deadline = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {server.returncode} before serving")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", path, headers={"Host": "127.0.0.1"})
            response = conn.getresponse()
            body = response.read()
            conn.close()
            if response.status == 200:
                return
            last = f"{response.status} {body[:200]!r}"
        except OSError as error:
            last = str(error)
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn on port {port} not serving after {timeout:.0f} s: {last}")


def demo_env(database_url: str, workdir: Path, redis_url: str = "") -> dict:
    """The environment of a demo site on `database_url`, media under `workdir`: dev settings,
    DEBUG off. With `redis_url`, Redis is the cache and the Celery broker, as in production;
    without, the cache is per process and tasks run inline."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(workdir / "media"),
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "PYTHONWARNINGS": "ignore",
        # Wagtail logs every page it creates at INFO: that would bury the progress lines.
        "LOG_LEVEL": os.environ.get("LOG_LEVEL", "WARNING"),
    }
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def seed_demo(env: dict, prepare: str = "") -> None:
    """Migrate and seed the demo into env's database, then run `prepare` in `manage.py shell`
    with its output shown (progress lines)."""
    manage = [sys.executable, "manage.py"]
    quiet = {"cwd": ROOT, "env": env, "check": True, "stdout": subprocess.DEVNULL}
    subprocess.run([*manage, "migrate", "-v", "0"], **quiet)
    subprocess.run([*manage, "seed_demo", "--force"], **quiet)
    if prepare:
        subprocess.run([*manage, "shell", "-v", "0", "-c", prepare], cwd=ROOT, env=env, check=True)


@contextlib.contextmanager
def demo_server_on(
    database_url: str, prepare: str = "", redis_url: str = ""
) -> Iterator[tuple[int, dict]]:
    """demo_server on a database you give (an empty PostgreSQL one, say): migrate, seed, run
    `prepare` in `manage.py shell` with its output shown (progress lines), then serve. With
    `redis_url`, Redis is the cache and the Celery broker, as in production; without, the cache
    is per process and tasks run inline, as in demo_server."""
    workdir = Path(tempfile.mkdtemp(prefix="isoko-bench-"))
    env = demo_env(database_url, workdir, redis_url)
    quiet = {"cwd": ROOT, "env": env, "check": True, "stdout": subprocess.DEVNULL}
    try:
        seed_demo(env, prepare)
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"], **quiet
        )
        with gunicorn_server(env) as port:
            yield port, env
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def measure(
    port: int, path: str, count: int, headers: dict | None = None
) -> tuple[list[float], bytes]:
    """GET `path` `count` times; `headers` adds to the request (a session cookie, say)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    timings, body = [], b""
    for _ in range(count):
        started = time.perf_counter()
        conn.request("GET", path, headers={"Host": "127.0.0.1", **(headers or {})})
        response = conn.getresponse()
        body = response.read()
        timings.append(time.perf_counter() - started)
        if response.status != 200:  # not an assert: python -O would make it pass silently
            raise RuntimeError(f"GET {path} answered {response.status}, not 200: {body[:300]!r}")
    conn.close()
    return timings, body


def summary(name: str, timings: list[float]) -> dict:
    ordered = sorted(timings)
    return {
        "name": name,
        "rps": len(timings) / sum(timings),
        "p50": statistics.median(ordered) * 1000,
        "p95": ordered[int(len(ordered) * 0.95) - 1] * 1000,
    }


def print_table(rows: list[dict]) -> None:
    width = max(len(row["name"]) for row in rows) + 2
    print(f"{'page':<{width}}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}")
    for row in rows:
        print(f"{row['name']:<{width}}{row['rps']:>9.1f}{row['p50']:>9.2f}{row['p95']:>9.2f}")
