"""Home page budget: throughput, latency and weight, beside a bare Django view in the same run.

Serves the demo site with gunicorn (2 sync workers, dev settings, a throw-away SQLite database),
then sends a bounded number of sequential requests over loopback to:

- the home page (Wagtail page, template, CMS sections), and
- /robots.txt (a bare Django view through the same middleware): the baseline.

Prints requests per second, p50/p95 latency, the ratio to the baseline, and the home page's
weight as sent (HTML + CSS + JS, gzip), against the 100 KB budget.

    .venv/bin/python bench/home_page.py [--requests 300]
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET_BYTES = 100 * 1024


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def measure(port: int, path: str, count: int) -> tuple[list[float], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    timings, body = [], b""
    for _ in range(count):
        started = time.perf_counter()
        conn.request("GET", path, headers={"Host": "127.0.0.1"})
        response = conn.getresponse()
        body = response.read()
        timings.append(time.perf_counter() - started)
        assert response.status == 200, (path, response.status)
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="isoko-bench-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "PYTHONWARNINGS": "ignore",
    }
    env.pop("REDIS_URL", None)
    python = sys.executable
    manage = [python, "manage.py"]
    subprocess.run([*manage, "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [*manage, "seed_demo", "--force"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )
    # WhiteNoise serves the collected files (DEBUG is off), from STATIC_ROOT (var/static).
    subprocess.run(
        [*manage, "collectstatic", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    port = free_port()
    server = subprocess.Popen(
        [
            python,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        measure(port, "/", 20)  # warm up both workers' caches
        measure(port, "/robots.txt", 20)
        home_t, html = measure(port, "/", args.requests)
        base_t, _ = measure(port, "/robots.txt", args.requests)
        _, css = measure(port, "/static/css/isoko.css", 1)
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)

    home, base = summary("home page /", home_t), summary("baseline /robots.txt", base_t)
    print(f"{'page':<24}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}")
    for row in (home, base):
        print(f"{row['name']:<24}{row['rps']:>9.1f}{row['p50']:>9.2f}{row['p95']:>9.2f}")
    print(f"home/baseline throughput ratio: {home['rps'] / base['rps']:.2f}")
    weight = len(gzip.compress(html)) + len(gzip.compress(css))
    print(
        f"home weight (gzip, HTML {len(html)} B raw + CSS {len(css)} B raw, no JS): "
        f"{weight} B of a {BUDGET_BYTES} B budget -> {'OK' if weight <= BUDGET_BYTES else 'OVER'}"
    )
    if weight > BUDGET_BYTES:
        sys.exit(1)


if __name__ == "__main__":
    main()
