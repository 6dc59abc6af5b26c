"""Load test of the whole system: Locust at rising user counts until p95 > 500 ms or failures > 1%.

    .venv/bin/python bench/load/run.py [--steps 10,25,50,100,200,300,400,600,800]
        [--step-seconds 60] [--learners 10000] [--progress-rows 1000000] [--sessions 2000]
        [--reuse]  (skip the data load: the database and var/load/data.json of the last run)

1. Data: a fresh PostgreSQL database (isoko_load_bench: dropped and created again), migrate,
   seed_demo, then bench/load/prepare.py: the learning bench's loader (10,000 learners, 1,000,000
   lesson-progress rows) and logged-in sessions for a sample of them. Redis db 7 is emptied.
   The tables' sizes are measured (pg_total_relation_size) for docs/capacity.md.
2. The system (bench/load/system.py: gunicorn, Celery workers, beat; the two-node HAProxy setup
   once bench/cluster.py is on main). The demo graduates' certificates are issued by the worker;
   their codes are what the verifiers look up. A few real allauth logins are timed on their own.
3. Steps: for each user count, Locust runs headless (bench/load/locustfile.py), ramping up and
   then measuring for --step-seconds with its statistics reset after the ramp. Meanwhile the CPU
   of every process of the system (gunicorn, Celery, beat, HAProxy, Locust itself, this
   database's PostgreSQL backends, redis-server) and of the whole machine is sampled, with
   PostgreSQL's wait events (pg_stat_activity) and Redis INFO. A step passes while p95 < 500 ms
   and failures < 1%; the first step that does not pass is the last one run.
4. Report: a table per step, the most users served within the limits (and per core), the
   resource that saturated first, Redis memory by kind of key; all in var/load/results.json.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import http.client
import itertools
import json
import os
import re
import ssl
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import psutil

LOAD_DIR = Path(__file__).resolve().parent
BENCH_DIR = LOAD_DIR.parent
sys.path.insert(0, str(BENCH_DIR))
sys.path.insert(0, str(LOAD_DIR))

import learning_data  # noqa: E402
from _support import ROOT  # noqa: E402
from system import server_env, system_under_test  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/isoko_load_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/7"
OUT = ROOT / "var" / "load"
BENCH_PASSWORD = "bench-password-not-a-secret"  # learning_data's shared password
TABLES = [
    ("accounts_user", "learners (users)"),
    ("accounts_profile", "profiles"),
    ("account_emailaddress", "e-mail addresses"),
    ("lms_enrolment", "enrolments"),
    ("lms_enrolmentevent", "enrolment audit rows"),
    ("lms_lessonprogress", "lesson-progress rows"),
    ("lms_quizattempt", "quiz attempts (answers inside, JSON)"),
    ("certificates_certificate", "certificates"),
    ("django_session", "sessions"),
    ("wagtailcore_page", "pages"),
]


# ---------------------------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------------------------
def _pg(url: str):
    import psycopg

    return psycopg.connect(urlunsplit(urlsplit(url)._replace(scheme="postgresql")), autocommit=True)


def prepare_data(args, env: dict, data_file: Path) -> dict:
    version, why_not = learning_data.recreate_database(args.database_url)
    if version is None:
        sys.exit(f"PostgreSQL not reachable at {args.database_url}: {why_not}")
    print(f"database: {args.database_url} (PostgreSQL {version}, dropped and created again)")
    import redis

    redis.Redis.from_url(args.redis_url).flushdb()
    manage = [sys.executable, "manage.py"]
    # Without Redis, tasks run inline: the demo graduates' certificates are issued during the
    # seed, whichever queue the system's workers listen on later.
    env = {key: value for key, value in env.items() if key != "REDIS_URL"}
    quiet = {"cwd": ROOT, "env": env, "check": True, "stdout": subprocess.DEVNULL}
    started = time.perf_counter()
    subprocess.run([*manage, "migrate", "-v", "0"], **quiet)
    subprocess.run([*manage, "seed_demo", "--force"], **quiet)
    prepare = (
        f"import sys; sys.path.insert(0, {str(LOAD_DIR)!r}); import prepare; "
        f"prepare.prepare(out={str(data_file)!r}, learners={args.learners}, "
        f"progress_rows={args.progress_rows}, extra_lessons={args.extra_lessons}, "
        f"sessions={args.sessions}, seed={args.seed})"
    )
    subprocess.run([*manage, "shell", "-v", "0", "-c", prepare], cwd=ROOT, env=env, check=True)
    print(f"data ready in {time.perf_counter() - started:.0f} s")
    return json.loads(data_file.read_text())


def table_sizes(database_url: str) -> dict:
    """Rows and bytes (table + indexes + TOAST) of the tables that grow with learners."""
    sizes = {}
    with _pg(database_url) as conn:
        for table, label in TABLES:
            exists = conn.execute("SELECT to_regclass(%s)", [table]).fetchone()[0]
            if exists is None:
                continue
            rows = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
            size = conn.execute("SELECT pg_total_relation_size(%s)", [table]).fetchone()[0]
            sizes[table] = {"label": label, "rows": rows, "bytes": size}
        sizes["(database)"] = {
            "label": "whole database",
            "rows": None,
            "bytes": conn.execute("SELECT pg_database_size(current_database())").fetchone()[0],
        }
    return sizes


def issued_certificates(database_url: str, timeout: float = 180.0) -> list[str]:
    """The codes of issued certificates, once the worker has issued the demo graduates' ones."""
    deadline = time.monotonic() + timeout
    with _pg(database_url) as conn:
        while time.monotonic() < deadline:
            codes = [
                row[0]
                for row in conn.execute(
                    "SELECT code FROM certificates_certificate WHERE status = 'issued'"
                    " AND pdf <> '' ORDER BY id"
                )
            ]
            pending = conn.execute(
                "SELECT count(*) FROM certificates_certificate WHERE status = 'pending'"
            ).fetchone()[0]
            if codes and not pending:
                return codes
            time.sleep(2)
    if codes:
        return codes
    sys.exit("no certificate was issued: is the Celery worker running? (var/load/logs/)")


def timed_logins(url: str, count: int = 5) -> list[float]:
    """Real allauth logins (GET the form for its CSRF token, POST e-mail and password), timed
    from the POST to its redirect: what a login costs, measured apart from the steps."""
    parts = urlsplit(url)
    timings = []
    for number in range(1, count + 1):
        if parts.scheme == "https":  # the cluster's HAProxy, with its self-signed certificate
            context = ssl._create_unverified_context()
            conn = http.client.HTTPSConnection(
                parts.hostname, parts.port, timeout=30, context=context
            )
        else:
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        conn.request("GET", "/accounts/login/")
        page = conn.getresponse()
        html = page.read().decode()
        cookie = re.search(r"csrftoken=([^;]+)", page.headers.get("Set-Cookie", "") or "")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        if not (cookie and token):
            raise RuntimeError("the login page has no CSRF token")
        email = f"learner{number:05d}@{learning_data.EMAIL_DOMAIN}"
        body = urlencode(
            {"login": email, "password": BENCH_PASSWORD, "csrfmiddlewaretoken": token.group(1)}
        )
        started = time.perf_counter()
        conn.request(
            "POST",
            "/accounts/login/",
            body=body,
            headers={
                "Cookie": f"csrftoken={cookie.group(1)}",
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"{url}/accounts/login/",
            },
        )
        response = conn.getresponse()
        response.read()
        timings.append(time.perf_counter() - started)
        cookies = " ".join(response.headers.get_all("Set-Cookie") or [])
        if response.status != 302 or "sessionid=" not in cookies:
            where = response.headers.get("Location")
            raise RuntimeError(f"login of {email} failed: {response.status} to {where}")
        conn.close()
    return timings


# ---------------------------------------------------------------------------------------------
# Sampling: who uses the CPU, what PostgreSQL waits on, what Redis holds
# ---------------------------------------------------------------------------------------------
def role_of(process: psutil.Process) -> str | None:
    try:
        line = " ".join(process.cmdline())
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return None
    if "gunicorn" in line:
        return "gunicorn"
    if "celery" in line and " beat" in line:
        return "celery beat"
    if "celery" in line and " worker" in line:
        return "celery workers"
    if "haproxy" in line:
        return "haproxy"
    if "locust" in line:
        return "locust (load generator)"
    return None


class Sampler:
    """CPU seconds per role between start() and stop(), PostgreSQL waits and Redis INFO every
    `interval` seconds in between."""

    def __init__(self, database_url: str, redis_url: str, interval: float = 1.0):
        import redis

        self.database = urlsplit(database_url).path.lstrip("/")
        self.database_url = database_url
        self.redis = redis.Redis.from_url(redis_url)
        self.interval = interval
        self.redis_pid = next(
            (p.pid for p in psutil.process_iter(["name"]) if p.info["name"] == "redis-server"),
            None,
        )

    def _processes(self, conn) -> dict[int, str]:
        found = {}
        for child in psutil.Process().children(recursive=True):
            role = role_of(child)
            if role:
                found[child.pid] = role
        for (pid,) in conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [self.database],
        ):
            found[pid] = "postgres (this database's backends)"
        if self.redis_pid:
            found[self.redis_pid] = "redis-server (shared)"
        return found

    def _cpu(self, pids: dict[int, str]) -> dict[int, float]:
        times = {}
        for pid in pids:
            with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
                cpu = psutil.Process(pid).cpu_times()
                times[pid] = cpu.user + cpu.system
        return times

    def start(self) -> None:
        self.conn = _pg(self.database_url)
        self.pids = self._processes(self.conn)
        self.cpu0 = self._cpu(self.pids)
        self.machine0 = psutil.cpu_times()
        self.started = time.monotonic()
        self.waits: Counter = Counter()
        self.active: list[int] = []
        self.redis_ops: list[float] = []
        self.redis_clients: list[int] = []
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.samples += 1
            # New backends (a worker's first query) join the count from their first sample.
            for pid, role in self._processes(self.conn).items():
                if pid not in self.pids:
                    self.pids[pid] = role
                    self.cpu0.setdefault(pid, 0.0)
            rows = self.conn.execute(
                "SELECT state, coalesce(wait_event_type || ':' || wait_event, 'CPU') "
                "FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [self.database],
            ).fetchall()
            active = [wait for state, wait in rows if state == "active"]
            self.active.append(len(active))
            self.waits.update(active)
            info = self.redis.info()
            self.redis_ops.append(info["instantaneous_ops_per_sec"])
            self.redis_clients.append(info["connected_clients"])

    def stop(self) -> dict:
        self._stop.set()
        self._thread.join()
        seconds = time.monotonic() - self.started
        cpu1 = self._cpu(self.pids)
        machine1 = psutil.cpu_times()
        self.conn.close()
        by_role: Counter = Counter()
        for pid, used in cpu1.items():
            by_role[self.pids[pid]] += used - self.cpu0.get(pid, used)
        busy0 = sum(self.machine0) - self.machine0.idle - self.machine0.iowait
        busy1 = sum(machine1) - machine1.idle - machine1.iowait
        cores = os.cpu_count() or 1
        machine_busy = (busy1 - busy0) / seconds  # in cores
        ours = sum(by_role.values()) / seconds
        cores_by_role = {role: used / seconds for role, used in by_role.most_common()}
        cores_by_role["everything else on the machine (other engineers too)"] = max(
            0.0, machine_busy - ours
        )
        return {
            "seconds": seconds,
            "machine_cores": cores,
            "machine_busy_cores": machine_busy,
            "cores_by_role": cores_by_role,
            "pg_active_mean": sum(self.active) / len(self.active) if self.active else 0.0,
            "pg_waits": {
                wait: count / max(1, self.samples) for wait, count in self.waits.most_common(8)
            },
            "redis_ops_per_sec_mean": (
                sum(self.redis_ops) / len(self.redis_ops) if self.redis_ops else 0.0
            ),
            "redis_clients_max": max(self.redis_clients, default=0),
            "load_average": os.getloadavg(),
        }


def redis_memory(redis_url: str) -> dict:
    """Bytes held in our Redis db by kind of key (MEMORY USAGE of each), and the server's INFO."""
    import redis

    client = redis.Redis.from_url(redis_url)
    kinds: Counter = Counter()
    counts: Counter = Counter()
    for key in client.scan_iter(count=1000):
        name = key.decode(errors="replace")
        kind = re.sub(r"^[^:]*:\d+:", "", name)  # Django's cache prefix "<prefix>:<version>:"
        # The leading words: "isoko-rl", "wagtail-rendition", "isoko-cluster", "_kombu", ...
        kind = re.match(r"[A-Za-z_]*(?:-[A-Za-z_]+)*", kind).group(0) or name
        size = client.memory_usage(key) or 0
        kinds[kind] += size
        counts[kind] += 1
    info = client.info("memory")
    return {
        "by_kind": {kind: {"keys": counts[kind], "bytes": kinds[kind]} for kind in kinds},
        "db_bytes": sum(kinds.values()),
        "server_used_memory": info["used_memory"],
        "server_used_memory_peak": info["used_memory_peak"],
    }


def files_summary(root: Path) -> dict:
    """Files under `root` by extension: count and bytes (certificate PDFs, images, renditions)."""
    kinds: dict = {}
    for path in root.rglob("*") if root.exists() else []:
        if path.is_file():
            entry = kinds.setdefault(path.suffix.lower() or "(none)", {"files": 0, "bytes": 0})
            entry["files"] += 1
            entry["bytes"] += path.stat().st_size
    return kinds


# ---------------------------------------------------------------------------------------------
# Steps
# ---------------------------------------------------------------------------------------------
def read_stats(prefix: Path) -> dict:
    rows = list(csv.DictReader(open(f"{prefix}_stats.csv")))  # noqa: SIM115

    def number(value: str) -> float:
        return float(value) if value not in ("", "N/A") else 0.0

    per_name = {}
    for row in rows:
        per_name[row["Name"]] = {
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "p50": number(row["50%"]),
            "p95": number(row["95%"]),
            "p99": number(row["99%"]),
            "rps": number(row["Requests/s"]),
            "bytes": number(row["Average Content Size"]),
        }
    failures = []
    path = Path(f"{prefix}_failures.csv")
    if path.exists():
        failures = [
            {"method": row["Method"], "name": row["Name"], "error": row["Error"],
             "count": int(row["Occurrences"])}
            for row in csv.DictReader(path.open())
        ]  # fmt: skip
    return {"aggregated": per_name.pop("Aggregated"), "per_name": per_name, "failures": failures}


def run_step(args, url: str, users: int, env: dict, sampler: Sampler) -> dict:
    prefix = OUT / f"step-{users:04d}"
    spawn_rate = max(2.0, users / args.ramp_seconds)
    ramp = users / spawn_rate
    command = [
        sys.executable, "-m", "locust", "-f", str(LOAD_DIR / "locustfile.py"), "--headless",
        "--host", url, "--users", str(users), "--spawn-rate", f"{spawn_rate:.2f}",
        "--run-time", f"{int(ramp + args.step_seconds)}s", "--reset-stats",
        "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING",
        "--stop-timeout", "5",
    ]  # fmt: skip
    with (OUT / "locust.log").open("ab") as log:
        locust = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
        try:
            # The window: after the ramp (Locust resets its statistics then), and before Locust
            # stops, so that its own CPU is counted too.
            time.sleep(ramp + 1)
            sampler.start()
            time.sleep(max(1.0, args.step_seconds - 3))
            resources = sampler.stop()
            locust.wait(timeout=60)
        finally:
            if locust.poll() is None:
                locust.terminate()
                locust.wait()
    stats = read_stats(prefix)
    agg = stats["aggregated"]
    failure_rate = agg["failures"] / agg["requests"] if agg["requests"] else 1.0
    # What a request costs the system in CPU, whoever else uses the machine: the CPU of its own
    # processes (not Locust's, not other people's) over the requests served in the window.
    own = sum(
        used
        for role, used in resources["cores_by_role"].items()
        if not role.startswith(("locust", "everything else"))
    )
    return {
        "users": users,
        "system_cores": own,
        "cpu_ms_per_request": own / agg["rps"] * 1000 if agg["rps"] else 0.0,
        **stats,
        "failure_rate": failure_rate,
        "passed": agg["p95"] < args.p95_limit and failure_rate < args.failure_limit,
        "resources": resources,
    }


def bottleneck(step: dict) -> str:
    """Name what saturated at this step, from the samples."""
    res = step["resources"]
    cores, busy = res["machine_cores"], res["machine_busy_cores"]
    roles = {k: v for k, v in res["cores_by_role"].items() if v > 0.005}
    top = ", ".join(f"{role} {used:.2f}" for role, used in roles.items())
    waits = res["pg_waits"]
    lock = sum(share for wait, share in waits.items() if wait.startswith(("Lock", "LWLock")))
    io = sum(share for wait, share in waits.items() if wait.startswith("IO"))
    # 85%: a one-second sampled average this high means the cores were full for most of the
    # window (the 800-user step of a quiet run read 1.80 of 2 with p95 at 4.9 s).
    if busy >= 0.85 * cores:
        biggest = max(roles, key=roles.get)
        return (
            f"CPU: the machine's {cores} cores were {busy / cores:.0%} busy "
            f"({busy:.2f} cores: {top}); the largest share is {biggest}"
        )
    if lock > 0.5:
        return f"PostgreSQL locks: {lock:.1f} backends waiting on locks on average ({waits})"
    if io > 0.5:
        return f"PostgreSQL I/O: {io:.1f} backends waiting on I/O on average ({waits})"
    return (
        f"not the CPU ({busy:.2f} of {cores} cores busy: {top}) nor PostgreSQL waits "
        f"({waits}): the web workers are all busy (queueing in gunicorn's backlog)"
    )


def cpu_estimate(steps: list[dict], cores: int, busy: float = 0.7) -> dict:
    """Users per core from what a request costs the system's own processes in CPU and how many
    requests a user sends: independent of how much of the machine others take, which on a
    shared machine decides the measured latency. Assumes the CPU saturates first (the samples
    say whether it did) and plans for `busy` of each core, the headroom p95 needs."""
    usable = [s for s in steps if s["aggregated"]["requests"] >= 30 and s["cpu_ms_per_request"]]
    if not usable:
        return {}
    cost = statistics.median(s["cpu_ms_per_request"] for s in usable)
    rate = statistics.median(s["aggregated"]["rps"] / s["users"] for s in usable)
    shares: Counter = Counter()
    for step in usable:
        for role, used in step["resources"]["cores_by_role"].items():
            if not role.startswith(("locust", "everything else")):
                shares[role] += used / step["system_cores"] / len(usable)
    return {
        "cpu_ms_per_request": cost,
        "requests_per_user_per_second": rate,
        "planned_busy": busy,
        "users_per_core": busy * 1000 / (cost * rate),
        "users_total": busy * 1000 / (cost * rate) * cores,
        "share_by_role": dict(shares.most_common()),
    }


def report(results: dict) -> None:
    steps = results["steps"]
    print()
    print(f"{'users':>6}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'fail %':>8}{'CPU busy':>10}"
          f"{'CPU ms/req':>11}  "
          "top CPU users (cores)")  # fmt: skip
    for step in steps:
        agg, res = step["aggregated"], step["resources"]
        busy = f"{res['machine_busy_cores']:.2f}/{res['machine_cores']}"
        top = ", ".join(
            f"{role.split(' ')[0]} {used:.2f}"
            for role, used in list(res["cores_by_role"].items())[:4]
        )
        print(
            f"{step['users']:>6}{agg['rps']:>8.1f}{agg['p50']:>8.0f}{agg['p95']:>8.0f}"
            f"{step['failure_rate'] * 100:>8.2f}{busy:>10}{step['cpu_ms_per_request']:>8.0f}"
            f"  {top}{'' if step['passed'] else '   <- over the limit'}"
        )
    print()
    print(f"served within p95 < {results['p95_limit']:.0f} ms and failures < 1%: "
          f"{results['users_served']} concurrent users, "
          f"{results['users_per_core']:.0f} per core ({results['cores']} cores)")  # fmt: skip
    print(f"first bottleneck: {results['bottleneck']}")
    estimate = results.get("cpu_estimate")
    if estimate:
        shares = ", ".join(
            f"{role} {share:.0%}" for role, share in estimate["share_by_role"].items()
        )
        print(
            f"from CPU cost ({estimate['cpu_ms_per_request']:.0f} ms of the system's CPU a request;"
            f" {shares}; {estimate['requests_per_user_per_second']:.3f} requests a user a second):"
            f" {estimate['users_per_core']:.0f} users per core at {estimate['planned_busy']:.0%}"
            f" busy, {estimate['users_total']:.0f} on {results['cores']} cores with nothing else"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--steps", default="10,25,50,100,200,300,400,600,800")
    parser.add_argument("--step-seconds", type=int, default=60)
    # 40 s: 7.5 arrivals a second at 300 users. With 10 s (30 a second) the arrivals themselves
    # stalled the quiet two-node system before its CPU was half busy (docs/capacity.md).
    parser.add_argument("--ramp-seconds", type=float, default=40.0)
    parser.add_argument("--learners", type=int, default=10_000)
    parser.add_argument("--progress-rows", type=int, default=1_000_000)
    parser.add_argument("--extra-lessons", type=int, default=100)
    parser.add_argument("--sessions", type=int, default=2000, help="logged-in learners")
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--redis-url", default=os.environ.get("LOAD_REDIS_URL", DEFAULT_REDIS_URL))
    parser.add_argument("--p95-limit", type=float, default=500.0, help="ms")
    parser.add_argument("--failure-limit", type=float, default=0.01)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--reuse", action="store_true", help="keep the last run's data")
    parser.add_argument(
        "--keep-going",
        action="store_true",
        help="run every step even past the limits (on a shared machine: more CPU-cost samples)",
    )
    args = parser.parse_args()
    if "bench" not in urlsplit(args.database_url).path:
        sys.exit("the load test drops its database: give one whose name contains 'bench'")

    OUT.mkdir(parents=True, exist_ok=True)
    logs = OUT / "logs"
    logs.mkdir(exist_ok=True)
    data_file = OUT / "data.json"
    env = server_env(args.database_url, args.redis_url, str(OUT / "media"))
    if args.reuse and data_file.exists():
        data = json.loads(data_file.read_text())
        print(f"reusing {data_file} and its database")
    else:
        data = prepare_data(args, env, data_file)
    sizes = table_sizes(args.database_url)
    results: dict = {
        "started": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
        "cores": os.cpu_count(),
        "p95_limit": args.p95_limit,
        "data": {k: data[k] for k in ("learners", "enrolments", "progress_rows", "lessons")},
        "people_with_sessions": len(data["people"]),
        "table_sizes": sizes,
        "steps": [],
    }
    steps = [int(n) for n in args.steps.split(",")]
    with system_under_test(env, logs=logs) as url:
        codes = issued_certificates(args.database_url)
        print(f"system serving at {url}; {len(codes)} issued certificates to verify")
        logins = timed_logins(url)
        results["login_ms"] = [t * 1000 for t in logins]
        print("allauth logins (POST to redirect): "
              + ", ".join(f"{t * 1000:.0f}" for t in logins) + " ms")  # fmt: skip
        locust_env = {
            **os.environ,
            "ISOKO_LOAD_DATA": str(data_file),
            "ISOKO_LOAD_CERTIFICATES": ",".join(codes),
        }
        sampler = Sampler(args.database_url, args.redis_url)
        for users in steps:
            print(f"step: {users} users for {args.step_seconds} s ...", flush=True)
            step = run_step(args, url, users, locust_env, sampler)
            agg = step["aggregated"]
            print(f"  {agg['requests']} requests, {agg['rps']:.1f}/s, p50 {agg['p50']:.0f} ms, "
                  f"p95 {agg['p95']:.0f} ms, failures {step['failure_rate']:.2%}; CPU "
                  f"{step['resources']['machine_busy_cores']:.2f} cores", flush=True)  # fmt: skip
            for failure in step["failures"][:5]:
                print(f"  failure: {failure}")
            results["steps"].append(step)
            if not step["passed"] and not args.keep_going:
                break
        results["redis_memory"] = redis_memory(args.redis_url)
    results["table_sizes_after"] = table_sizes(args.database_url)
    results["files"] = {
        "private (certificate PDFs)": files_summary(OUT / "private"),
        "media (images, renditions, documents)": files_summary(OUT / "media"),
    }
    # Served: the largest step before the first one over the limits.
    passed = list(itertools.takewhile(lambda step: step["passed"], results["steps"]))
    results["users_served"] = max((s["users"] for s in passed), default=0)
    results["users_per_core"] = results["users_served"] / results["cores"]
    saturated = next((s for s in results["steps"] if not s["passed"]), results["steps"][-1])
    results["bottleneck_step"] = saturated["users"]
    results["bottleneck"] = bottleneck(saturated)
    results["cpu_estimate"] = cpu_estimate(results["steps"], results["cores"])
    results["finished"] = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())
    (OUT / "results.json").write_text(json.dumps(results, indent=2))
    report(results)
    print(f"details: {OUT / 'results.json'}; server logs: {logs}")


if __name__ == "__main__":
    main()
