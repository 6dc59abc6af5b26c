"""Throughput through HAProxy with two gunicorn nodes, beside one node alone, in the same run.

    python bench/two_nodes.py [--seconds 6] [--rounds 3] [--clients 4]

The seeded demo on a fresh PostgreSQL database (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/isoko_nodes_bench, dropped and made again), Redis
(BENCH_REDIS_URL, else REDIS_URL, else db 0 on loopback) and moto's S3 server, served by
bench/cluster.py: two nodes of 2 sync workers each behind HAProxy, two Celery workers, two beats.
For each page (a public one, the catalogue, and a learner's dashboard, signed in as the demo
entrepreneur) it runs `--clients` keep-alive clients for `--seconds` against HAProxy (plain HTTP:
TLS is not what is compared) and against node n1 directly, alternating over `--rounds` rounds,
and prints req/s, p50 and p95 for each, and the ratio two nodes / one node (the median of the
per-round ratios, which holds on a noisy machine). On a 2-core machine the two nodes share the
same cores as one node's workers: the ratio there measures HAProxy's cost and the spare
workers, not the capacity of a second machine (docs/scaling.md).
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _support import demo_env, seed_demo  # noqa: E402
from cluster import cluster, get  # noqa: E402

DEMO_LEARNER = (
    "entrepreneur@example.com",
    os.environ.get("ISOKO_DEMO_PASSWORD", "isoko-demo-2026"),
)
PAGES = [
    ("catalogue /courses/ (public)", "/courses/", False),
    ("dashboard (learner)", "/dashboard/", True),
]


def fresh_database(url: str) -> None:
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def session_cookie(c) -> str:
    """Sign the demo learner in through HAProxy (TLS) as a browser would; their session id."""
    import requests

    session = requests.Session()
    verify = str(c.ca_file)
    session.get(c.url + "/accounts/login/", verify=verify, timeout=30)
    answer = session.post(
        c.url + "/accounts/login/",
        data={"login": DEMO_LEARNER[0], "password": DEMO_LEARNER[1]},
        headers={"Origin": c.url, "X-CSRFToken": session.cookies["csrftoken"]},
        allow_redirects=False,
        verify=verify,
        timeout=30,
    )
    if answer.status_code != 302 or "sessionid" not in session.cookies:
        raise SystemExit(f"two_nodes: the demo learner could not sign in ({answer.status_code})")
    return session.cookies["sessionid"]


def hammer(base_url: str, path: str, cookie: str, clients: int, seconds: float) -> list[float]:
    """`clients` threads, each on one keep-alive connection, GET `path` for `seconds`."""
    host, _, port = base_url.removeprefix("http://").partition(":")
    headers = {"Host": host, **({"Cookie": f"sessionid={cookie}"} if cookie else {})}
    timings: list[float] = []
    errors: list[str] = []
    deadline = time.monotonic() + seconds

    def client() -> None:
        conn = http.client.HTTPConnection(host, int(port), timeout=30)
        mine = []
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
            except (OSError, http.client.HTTPException) as error:
                errors.append(repr(error))
                conn.close()
                conn = http.client.HTTPConnection(host, int(port), timeout=30)
                continue
            if response.status != 200:
                errors.append(f"{response.status} for {path}")
                continue
            mine.append(time.perf_counter() - started)
        conn.close()
        timings.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise SystemExit(
            f"two_nodes: {len(errors)} failed requests to {base_url}{path}: {errors[:3]}"
        )
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    database = os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/isoko_nodes_bench"
    )
    redis_url = os.environ.get("BENCH_REDIS_URL") or os.environ.get(
        "REDIS_URL", "redis://127.0.0.1:6379/0"
    )
    from tests.s3 import start_s3_server

    s3 = start_s3_server()
    workdir = Path(tempfile.mkdtemp(prefix="isoko-two-nodes-"))
    try:
        print(f"two_nodes: seeding the demo into {database} (S3 on {s3.endpoint_url})")
        fresh_database(database)
        seed_demo({**demo_env(database, workdir), **s3.env()})
        with cluster(database, redis_url, s3=s3.env(), web_workers=2) as c:
            cookie = session_cookie(c)
            for _, path, signed_in in PAGES:  # warm every worker's caches first
                for base in (c.http_url, c.nodes[0].url):
                    hammer(base, path, cookie if signed_in else "", args.clients, 1.0)
            results: dict[tuple[str, str], list[list[float]]] = {}
            for _round in range(args.rounds):
                for name, path, signed_in in PAGES:
                    for target, base in (("2 nodes", c.http_url), ("1 node", c.nodes[0].url)):
                        timings = hammer(
                            base, path, cookie if signed_in else "", args.clients, args.seconds
                        )
                        results.setdefault((name, target), []).append(timings)
            assert get(c.http_url, "/healthz")[0] == 200
        report(results, args)
    finally:
        s3.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def report(results: dict, args) -> None:
    load = os.getloadavg()
    print(
        f"\ntwo_nodes: {args.clients} keep-alive clients, {args.rounds} rounds of "
        f"{args.seconds:.0f} s per page and target; load average {load[0]:.1f} {load[1]:.1f}; "
        f"{os.cpu_count()} cores"
    )
    print(f"{'page':<32}{'target':<10}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}")
    for name, _, _ in PAGES:
        rates = {}
        for target in ("2 nodes", "1 node"):
            rounds = results[(name, target)]
            rates[target] = [len(timings) / args.seconds for timings in rounds]
            every = sorted(t for timings in rounds for t in timings)
            p95 = every[max(0, int(len(every) * 0.95) - 1)]
            print(
                f"{name:<32}{target:<10}{statistics.median(rates[target]):>8.1f}"
                f"{statistics.median(every) * 1000:>9.1f}{p95 * 1000:>9.1f}"
            )
        ratio = statistics.median(
            two / one for two, one in zip(rates["2 nodes"], rates["1 node"], strict=True)
        )
        print(f"{name:<32}{'ratio':<10}{ratio:>8.2f}  (2 nodes behind HAProxy / 1 node alone)")


if __name__ == "__main__":
    main()
