"""Programme impact at scale (issue 17): the dashboard, /impact/ and the cold refresh, timed.

Isoko under config.settings.production (DEBUG off, Redis as cache and broker, collected static
files), served by gunicorn (2 sync workers) on PostgreSQL, loaded by bench/learning_data.py
with the learning-load data set (10,000 learners, 1,000,000 lesson-progress rows, 100 extra
lessons in every course but the last) and the impact extras: districts and sectors on the
profiles, sign-up dates before the first enrolment, 1,500 graduates (a completed course, most
with a certificate), 20,000 submitted quiz attempts and 500 storefronts (approved applications,
most live, with products, listings and order.created webhook events; plus submitted and
rejected applications).

Measured, in one run:
1. The cold refresh: `impact.snapshot.snapshot_refresh()` (what the beat task runs) timed in a
   fresh process right after the cache (Redis) was emptied; target < 30 s. Timed again warm.
2. Response times over HTTP, requests one at a time, the pages interleaved over rounds: the
   impact dashboard (Wagtail admin, "Programme") and the public /impact/ page with their
   snapshot cached, BESIDE the bare admin page, the Wagtail admin's account page
   (/admin/account/), requested by the same staff user. It is the lightest page with the
   admin's whole frame: the session, the user, the MFA check, the sidebar menu and its
   permission checks (the "Programme" item's included), and nothing that grows with the data,
   so the dashboard's cost above it is the dashboard's own. Each round's dashboard p50 is
   divided by the bare page's p50 in the same round; the median ratio is reported. Target:
   dashboard <= 2x the bare page when cached. /impact/ is reported against the same baseline
   and against Isoko's home page (anonymous, as /impact/ is).
3. Query counts of each page (Django's test client in a process with the same settings, the
   second request, caches warm) and of the refresh, at two data sizes (a small load and the
   full one): they must not grow with the data.

    .venv/bin/python bench/impact.py [--quick] [--reuse-data] [--strict] [--rounds 4]

Databases: isoko_impactbench_seed (migrated, demo seeded: the template of the other two),
isoko_impactbench_small and isoko_impactbench (dropped and made again each run; --reuse-data
keeps them while the demo, the loader and the sizes are unchanged, and migrates them forward).
Redis: --redis-url, else REDIS_URL, else redis://127.0.0.1:6379/6 (its database is flushed).
BENCH_PORTS (e.g. 8600-8699) keeps gunicorn in a port range. Without PostgreSQL or Redis it
prints "skipped" and exits 0 (a failure under CI=true). A page that is not there yet (a 404:
the dashboard or the public page not merged) is skipped with a loud message; a page that
answers anything else but 200, a server that dies or does not start, fails the bench (exit 1).
--strict also exits 1 when a target is missed or a query count grows.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import math
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from _support import ROOT, demo_env, gunicorn_server, seed_demo
from learning_data import recreate_database, shown
from production_pages import (
    collect_static,
    flush_redis,
    production_env,
    store_fingerprint,
    stored_fingerprint,
)

BENCH_DIR = Path(__file__).resolve().parent
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/6"
HOST = "127.0.0.1"
DATABASE_PREFIX = "isoko_impactbench"
STAFF_EMAIL = "programme-manager@impact-bench.test"
REFRESH_TARGET = 30.0  # seconds, the cold refresh
DASHBOARD_TARGET = 2.0  # the cached dashboard's p50 at most this times the bare admin page's
WARMUP = 3
STAFF_PAGES = {"bare_admin", "admin_home", "dashboard", "dashboard_filtered"}

# key: (label, target ratio to the bare admin page or None)
PAGES = {
    "bare_admin": ("bare admin page (/admin/account/), staff", None),
    "admin_home": ("Wagtail admin home (/admin/), staff", None),
    "dashboard": ("impact dashboard, cached, staff", DASHBOARD_TARGET),
    "dashboard_filtered": ("impact dashboard, one course (cached after 1st)", None),
    "public": ("public /impact/, cached, anonymous", None),
    "home": ("Isoko home, anonymous (the public page's peer)", None),
}

FULL = {
    "learners": 10_000,
    "progress_rows": 1_000_000,
    "extra_lessons": 100,
    "graduates": 1_500,
    "storefronts": 500,
    "quiz_attempts": 20_000,
}
SMALL = {  # the second size for the query counts: a tenth of the full data set
    "learners": 1_000,
    "progress_rows": 100_000,
    "extra_lessons": 100,
    "graduates": 150,
    "storefronts": 50,
    "quiz_attempts": 2_000,
}
QUICK = {
    "learners": 300,
    "progress_rows": 10_000,
    "extra_lessons": 10,
    "graduates": 60,
    "storefronts": 20,
    "quiz_attempts": 500,
}
QUICK_SMALL = {
    "learners": 80,
    "progress_rows": 2_000,
    "extra_lessons": 10,
    "graduates": 20,
    "storefronts": 6,
    "quiz_attempts": 100,
}


# ---------------------------------------------------------------------------------------------
# The databases
# ---------------------------------------------------------------------------------------------
def database_url(name: str) -> str:
    parts = urlsplit(os.environ.get("DATABASE_URL", ""))
    if not parts.scheme.startswith("postgres"):
        parts = urlsplit("postgres://postgres@127.0.0.1:5432/")
    return urlunsplit(parts._replace(path=f"/{name}"))


def copy_database(template_url: str, url: str) -> None:
    """Drop `url`'s database and make it again as a copy of `template_url`'s (a file copy:
    seconds, where migrate and seed_demo take minutes)."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name, template = parts.path.lstrip("/"), urlsplit(template_url).path.lstrip("/")
    maintenance = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(maintenance, connect_timeout=3, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(name), sql.Identifier(template)
            )
        )


def data_fingerprint(seed: bytes, files: list[Path] = ()) -> str:
    """What a loaded database depends on: `seed`, `files` and the demo content. Not the
    migrations: a reused database is migrated forward (migrate), as production's is, so a
    migration added by another branch does not cost a reload of a million rows."""
    digest = hashlib.sha256(seed)
    for path in [*files, *sorted((ROOT / "demo").rglob("*"))]:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def migrate(env: dict) -> None:
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def skip(reason: str) -> None:
    if os.environ.get("CI") == "true":
        sys.exit(f"impact: {reason} (required under CI)")
    print(f"skipped: {reason}")
    sys.exit(0)


def shell(env: dict, code: str) -> None:
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-v",
            "0",
            "-c",
            f"import sys; sys.path.insert(0, {str(BENCH_DIR)!r}); {code}",
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )


# ---------------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------------
def get(port: int, path: str, headers: dict) -> float:
    """One GET, timed to the last byte; anything but 200 fails the bench."""
    conn = http.client.HTTPConnection(HOST, port, timeout=120)
    started = time.perf_counter()
    conn.request("GET", path, headers={"Host": HOST, "Accept-Encoding": "gzip", **headers})
    response = conn.getresponse()
    body = response.read()
    elapsed = time.perf_counter() - started
    conn.close()
    if response.status != 200:
        raise RuntimeError(f"GET {path} answered {response.status}, not 200: {body[:300]!r}")
    return elapsed


def rank(values: list[float], percent: int) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(percent / 100 * len(ordered)) - 1)]


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def phase(started: float, what: str) -> None:
    print(f"  [{time.perf_counter() - started:6.0f} s] {what}", flush=True)


def main() -> None:  # noqa: PLR0915 (one run, in order)
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small data sets, few requests")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--requests", type=int, default=30, help="per page per round")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--reuse-data", action="store_true", help="keep unchanged databases")
    parser.add_argument("--redis-url", default="")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--json", default="", help="also write the results to this file")
    args = parser.parse_args()
    large, small = (QUICK, QUICK_SMALL) if args.quick else (FULL, SMALL)
    if args.quick:
        if "--rounds" not in sys.argv:
            args.rounds = 2
        if "--requests" not in sys.argv:
            args.requests = 8

    started = time.perf_counter()
    suffix = "_quick" if args.quick else ""
    seed_url = database_url(f"{DATABASE_PREFIX}_seed")
    urls = {
        "small": database_url(f"{DATABASE_PREFIX}_small{suffix}"),
        "large": database_url(f"{DATABASE_PREFIX}{suffix}"),
    }
    sizes = {"small": small, "large": large}
    redis_url = args.redis_url or os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL
    why_not = flush_redis(redis_url)
    if why_not:
        skip(f"Redis not reachable at {redis_url} ({why_not})")
    media = ROOT / "var" / "bench" / "impact_media"
    seed_print = data_fingerprint(b"impact-seed-1")
    reuse_seed = (
        args.reuse_data and stored_fingerprint(seed_url, "bench_seed") == seed_print
    ) and media.is_dir()
    if not reuse_seed:
        version, why_not = recreate_database(seed_url)
        if version is None:
            skip(f"PostgreSQL not reachable at {shown(seed_url)} ({why_not})")
    load_before = load_average()
    print(
        f"impact bench: {os.cpu_count()} cores, load average {load_before}; PostgreSQL "
        f"{shown(seed_url)} ({'reused' if reuse_seed else 'made'}) and copies; Redis "
        f"{redis_url} (flushed)"
    )

    with ExitStack() as stack:
        workdir = Path(tempfile.mkdtemp(prefix="isoko-impact-bench-"))
        stack.callback(shutil.rmtree, workdir, ignore_errors=True)
        secret = secrets.token_urlsafe(50)  # the sessions' and the server's
        envs = {}
        for key, url in [("seed", seed_url), *urls.items()]:
            env = demo_env(url, workdir)
            env["MEDIA_ROOT"] = str(media)
            env["SECRET_KEY"] = secret
            envs[key] = env
        if not reuse_seed:
            print("seed: migrate, seed_demo (the template of both data sets)")
            shutil.rmtree(media, ignore_errors=True)
            media.mkdir(parents=True)
            seed_demo(envs["seed"])
            store_fingerprint(seed_url, seed_print, "bench_seed")
            phase(started, "seeded")
        else:
            migrate(envs["seed"])
        for key, url in urls.items():
            size = sizes[key]
            fingerprint = data_fingerprint(
                repr((seed_print, sorted(size.items()), args.seed)).encode(),
                [BENCH_DIR / "learning_data.py"],
            )
            if reuse_seed and stored_fingerprint(url) == fingerprint:
                migrate(envs[key])
                phase(started, f"{key} data set reused and migrated ({shown(url)})")
                continue
            copy_database(seed_url, url)
            print(f"{key}: {shown(url)}, {size}")
            shell(
                envs[key],
                "import learning_data; learning_data.load_dataset("
                f"out={str(workdir / (key + '-load.json'))!r}, attempts=0, seed={args.seed}, "
                "plain_courses=1, places=True, "
                + ", ".join(f"{name}={value}" for name, value in size.items())
                + ")",
            )
            store_fingerprint(url, fingerprint)
            phase(started, f"{key} data set loaded")

        prod = {key: production_env(envs[key], redis_url) for key in urls}
        collect_static(prod["large"])
        phase(started, "static files collected (production)")

        probes = {}
        for key in ("small", "large"):
            flush_redis(redis_url)  # the refresh starts cold: no snapshot in the cache
            out = workdir / f"{key}-probe.json"
            shell(prod[key], f"import _impact_probe; _impact_probe.probe(out={str(out)!r})")
            probes[key] = json.loads(out.read_text())
            refresh = probes[key]["refresh"]
            phase(
                started,
                f"{key}: refresh "
                + (f"{refresh['cold_seconds']:.1f} s cold" if refresh else "not timed")
                + f", query counts {probes[key]['queries']}",
            )
        probe = probes["large"]
        for key, why in probe["missing"].items():
            print(f"!!! SKIPPED {key}: {why}", flush=True)
        for key, why in probe["failed"].items():
            print(f"!!! FAILED {key}: {why}", flush=True)

        port = stack.enter_context(gunicorn_server(prod["large"], args.workers))
        data = probe["dataset"]
        print(
            f"set up in {time.perf_counter() - started:.0f} s: {data['learners']:,} learners, "
            f"{data['enrolments']:,} enrolments, {data['progress_rows']:,} lesson-progress rows, "
            f"{data['storefronts']:,} storefronts ({data['live']:,} live), {data['orders']:,} "
            f"order events; staff: {probe['staff']}; gunicorn {args.workers} sync workers :{port}"
        )
        staff = {"Cookie": f"sessionid={probe['session']}"}
        targets = {
            key: (path, staff if key in STAFF_PAGES else {}) for key, path in probe["paths"].items()
        }
        for key, (path, _headers) in targets.items():
            print(f"  {key:<20}{path}")
        for path, headers in targets.values():  # warm up: both workers, their connections
            for _ in range(WARMUP):
                get(port, path, headers)
        timings: dict[str, list[list[float]]] = {key: [] for key in targets}
        for number in range(1, args.rounds + 1):
            for key, (path, headers) in targets.items():
                timings[key].append([get(port, path, headers) for _ in range(args.requests)])
            print(
                f"  round {number}/{args.rounds}: load average {load_average()}",
                flush=True,
            )

    results = report(timings, probes, large, small, args, load_before, started)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    failed = {**probes["small"]["failed"], **probes["large"]["failed"]}
    if failed:
        sys.exit("FAILED: " + "; ".join(f"{key}: {why}" for key, why in failed.items()))
    if args.strict and not results["all_met"]:
        sys.exit("a target was missed or a query count grew (--strict)")


def report(timings, probes, large, small, args, load_before, started) -> dict:
    """Print the tables; return the figures (and whether every target was met)."""
    all_met = True
    rows = []
    base = timings.get("bare_admin")
    if not base:
        raise RuntimeError("the bare admin page was not measured: no baseline")
    print(f"\n{'page':<50}{'p50 ms':>8}{'p95 ms':>8}{'ratio':>8}{'target':>8}  result  {'n':>4}")
    for key, rounds in timings.items():
        label, target = PAGES[key]
        values = [value * 1000 for chunk in rounds for value in chunk]
        ratios = [
            statistics.median(mine) / statistics.median(bare)
            for mine, bare in zip(rounds, base, strict=True)
        ]
        ratio = statistics.median(ratios)
        verdict = "-"
        if target is not None:
            met = ratio <= target
            all_met &= met
            verdict = "PASS" if met else "FAIL"
        row = {
            "key": key,
            "label": label,
            "p50_ms": statistics.median(values),
            "p95_ms": rank(values, 95),
            "ratio": ratio,
            "ratios": ratios,
            "target": target,
            "verdict": verdict,
            "n": len(values),
        }
        rows.append(row)
        print(
            f"{label:<50}{row['p50_ms']:>8.1f}{row['p95_ms']:>8.1f}{ratio:>7.2f}x"
            f"{(f'<={target:g}x' if target else '-'):>8}  {verdict:<6}{len(values):>6}"
        )
    print(
        "ratio: median over rounds of (the page's p50 / the bare admin page's p50 in the same "
        "round); per round: "
        + "; ".join(f"{row['key']} " + "/".join(f"{r:.2f}" for r in row["ratios"]) for row in rows)
    )
    if "dashboard" in timings and "admin_home" in timings:
        ratios = [
            statistics.median(mine) / statistics.median(peer)
            for mine, peer in zip(timings["dashboard"], timings["admin_home"], strict=True)
        ]
        print(
            f"dashboard p50 / Wagtail admin home p50 (a second admin peer, whose panels grow "
            f"with the pages): {statistics.median(ratios):.2f}x"
        )
    if "public" in timings and "home" in timings:
        home = statistics.median([v for chunk in timings["home"] for v in chunk])
        public = statistics.median([v for chunk in timings["public"] for v in chunk])
        print(f"/impact/ p50 / Isoko home p50 (both anonymous): {public / home:.2f}x")

    print(
        f"\nrefresh (impact.snapshot.snapshot_refresh(), cache emptied first), target < "
        f"{REFRESH_TARGET:g} s:"
    )
    refresh_rows = {}
    for key in ("small", "large"):
        refresh = probes[key]["refresh"]
        if refresh is None:
            why = probes[key]["failed"].get("refresh")
            why = f"FAILED: {why}" if why else f"SKIPPED: {probes[key]['missing']['refresh']}"
            print(f"  {key}: !!! {why}")
            continue
        met = refresh["cold_seconds"] < REFRESH_TARGET
        if key == "large":
            all_met &= met
        refresh_rows[key] = refresh
        print(
            f"  {key:<6}{refresh['cold_seconds']:>8.1f} s cold, {refresh['warm_seconds']:.1f} s "
            f"again, {refresh['queries']} queries"
            + (f"  {'PASS' if met else 'FAIL'}" if key == "large" else "")
        )

    print(
        f"\nqueries per request (second request, caches warm) at two data sizes: "
        f"small {small['learners']:,} learners / {small['progress_rows']:,} progress rows / "
        f"{small['storefronts']} storefronts; large {large['learners']:,} / "
        f"{large['progress_rows']:,} / {large['storefronts']}"
    )
    counts = {}
    for key in [*PAGES, "refresh"]:
        if key == "refresh":
            pair = [(probes[size]["refresh"] or {}).get("queries") for size in ("small", "large")]
        else:
            pair = [probes[size]["queries"].get(key) for size in ("small", "large")]
        if None in pair:
            continue
        flat = pair[1] <= pair[0]
        all_met &= flat
        counts[key] = {"small": pair[0], "large": pair[1], "flat": flat}
        label = PAGES[key][0] if key in PAGES else "refresh (cold)"
        print(
            f"  {label:<50}{pair[0]:>5}{pair[1]:>6}  {'flat' if flat else 'GROWS'}"
            f"  (first request in a fresh process: "
            f"{probes['small']['first_queries'].get(key, '-')}/"
            f"{probes['large']['first_queries'].get(key, '-')} queries, "
            f"{probes['large']['first_seconds'].get(key, 0) * 1000:.0f} ms at the large size)"
            if key in PAGES
            else f"  {label:<50}{pair[0]:>5}{pair[1]:>6}  {'flat' if flat else 'GROWS'}"
        )
    missing = sorted(set(probes["large"]["missing"]))
    for key in missing:
        print(f"!!! NOT MEASURED {key}: {probes['large']['missing'][key]}")
    for size in ("small", "large"):
        for key, why in probes[size]["failed"].items():
            print(f"!!! FAILED ({size} data set) {key}: {why}")
    print(
        f"\nmachine: {os.cpu_count()} cores; load average before {load_before}, after "
        f"{load_average()}; requests one at a time, {args.requests} per page per round, "
        f"{args.rounds} rounds; total {time.perf_counter() - started:.0f} s"
    )
    return {
        "pages": rows,
        "refresh": refresh_rows,
        "queries": counts,
        "missing": {key: probes["large"]["missing"][key] for key in missing},
        "failed": {size: probes[size]["failed"] for size in ("small", "large")},
        "staff": probes["large"]["staff"],
        "dataset": probes["large"]["dataset"],
        "small_dataset": probes["small"]["dataset"],
        "load_before": load_before,
        "load_after": load_average(),
        "cores": os.cpu_count(),
        "all_met": all_met,
    }


if __name__ == "__main__":
    try:
        main()
    except (RuntimeError, subprocess.CalledProcessError) as error:
        sys.exit(f"FAILED: {error}")
