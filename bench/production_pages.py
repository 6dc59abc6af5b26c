"""Isoko's pages beside a bare Wagtail site, both in production shape: issue 15's measurement.

Two sites, served side by side by gunicorn with the same number of sync workers, on PostgreSQL:
- Isoko under config.settings.production (DEBUG off, Redis as cache and broker, CONN_MAX_AGE 60,
  collected static files), on a fresh database (isoko_bench_pages) seeded with the demo and then
  loaded by bench/learning_data.py: 10,000 learners, 1,000,000 lesson-progress rows, 100 extra
  lessons in the first module of every course but the last.
- A bare `wagtail start` project (same venv, so the same Wagtail and Django), generated into a
  temporary directory, with its own production settings (DEBUG off) pointed at its own
  PostgreSQL database (isoko_bench_bare) with the same CONN_MAX_AGE.

ApacheBench (`ab`) requests each page at concurrency 2, with `Accept-Encoding: gzip` as a
browser sends it; pages are interleaved over rounds, and each round's throughput is divided by
the bare Wagtail home's in the same round. The ratio reported is the median of those per-round
ratios, which holds on a noisy shared machine where absolute numbers do not.

The learner pages use a learner's session cookie: the dashboard learner has four enrolments
with 85% of their lessons done. The dashboard's p95 is compared with the bare site's closest
equivalent of a bare logged-in page: its home page requested with an ordinary (non-staff)
user's session, which loads the session and the user and runs the Wagtail userbar's permission
check, and nothing else.

    .venv/bin/python bench/production_pages.py [--rounds 4] [--requests 200] [--quick]

Needs PostgreSQL (DATABASE_URL's server, else 127.0.0.1:5432) and Redis (--redis-url, else
REDIS_URL, else redis://127.0.0.1:6379/4; its database is flushed), or it prints "skipped" and
exits 0; needs `ab` (apt-get install apache2-utils), or it exits 1 saying so. A server that
fails to start, dies, or answers anything but 200 fails the bench (exit 1). --strict also exits
1 when a goal is missed.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import http.client
import json
import math
import os
import re
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
from learning_data import bench_database_url, recreate_database, shown

BENCH_DIR = Path(__file__).resolve().parent
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/4"
WARMUP = 10
EXTRA_LESSONS = 100
CONCURRENCY = 2
HOST = "127.0.0.1"

# (key, label, goal ratio to the bare home or None, where the path comes from)
ISOKO_PAGES = [
    ("robots", "/robots.txt (the floor)", None),
    ("home", "home", None),
    ("catalogue", "catalogue", 5.0),
    ("course", "course page", 5.0),
    ("course100", "course, 100 lessons in a module", 5.0),
    ("preview", "free-preview lesson (anonymous)", 5.0),
    ("dashboard", "learner dashboard", 0.6),
    ("lesson", "enrolled lesson", 0.6),
    ("password", "Isoko's lightest logged-in page", None),
]
BARE_PAGES = [
    ("bare_home", "bare Wagtail home"),
    ("bare_loggedin", "bare Wagtail home, logged in"),
]
DASHBOARD_P95_GOAL = 2.0  # the dashboard's p95 at most this times the bare logged-in page's


# ---------------------------------------------------------------------------------------------
# Runs in Isoko's `manage.py shell` after the load: which pages to request, as JSON
# ---------------------------------------------------------------------------------------------
def pick_pages(*, out: str) -> None:
    """The pages to request, the data set's size, and a fresh session for the dashboard learner
    (signed with this run's SECRET_KEY, so a reused data set works)."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from learning_data import EMAIL_DOMAIN, session_for

    from courses.api import CoursePage, LessonPage, course_of
    from courses.models import CatalogPage, CourseFormat
    from lms.models import Enrolment, LessonProgress

    learner = (
        get_user_model()
        .objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")
        .order_by("email")
        .first()
    )
    language = settings.LANGUAGE_CODE
    courses = list(
        CoursePage.objects.live().filter(locale__language_code=language).order_by("path")
    )
    catalogue = CatalogPage.objects.live().filter(locale__language_code=language).first()
    preview = (
        LessonPage.objects.live()
        .filter(locale__language_code=language, free_preview=True)
        .order_by("path")
        .first()
    )
    enrolled = set(Enrolment.objects.filter(learner=learner).values_list("course", flat=True))
    # The enrolled lesson: the demo's richest self-paced lesson among the learner's courses
    # (the bench's added lessons are one paragraph each).
    lessons = [
        lesson
        for lesson in LessonPage.objects.live()
        .filter(locale__language_code=language)
        .exclude(slug__startswith="bench-lesson-")
        if course_of(lesson).pk in enrolled and course_of(lesson).format == CourseFormat.SELF_PACED
    ]
    lesson = max(lessons, key=lambda page: len(page.body))
    paths = {
        "robots": "/robots.txt",
        "home": "/",
        "catalogue": catalogue.url,
        "course": courses[-1].url,
        "course100": courses[0].url,
        "preview": preview.url,
        "dashboard": "/dashboard/",
        "lesson": lesson.url,
        "password": "/accounts/password/change/",
    }
    dataset = {
        "learners": get_user_model().objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").count(),
        "enrolments": Enrolment.objects.count(),
        "progress_rows": LessonProgress.objects.count(),
        "lessons": LessonPage.objects.live().count(),
        "dashboard_enrolments": len(enrolled),
        "dashboard_done": LessonProgress.objects.filter(learner=learner).count(),
    }
    Path(out).write_text(
        json.dumps({"paths": paths, "session": session_for(learner), "dataset": dataset})
    )


# ---------------------------------------------------------------------------------------------
# The bare Wagtail site
# ---------------------------------------------------------------------------------------------
BARE_SETTINGS = """
from .production import *  # noqa

SECRET_KEY = {secret!r}
ALLOWED_HOSTS = ["127.0.0.1"]
DEBUG = False
DATABASES = {{
    "default": {{
        "ENGINE": "django.db.backends.postgresql",
        "NAME": {name!r},
        "USER": {user!r},
        "PASSWORD": {password!r},
        "HOST": {host!r},
        "PORT": {port!r},
        # As Isoko's: a connection kept per worker, checked before reuse.
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }}
}}
"""

BARE_SESSION = """
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
User = get_user_model()
user = User.objects.filter(username="bench-reader").first()
user = user or User.objects.create_user("bench-reader", password="bench-not-a-secret")
store = import_module(settings.SESSION_ENGINE).SessionStore()
store[SESSION_KEY] = str(user.pk)
store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
store[HASH_SESSION_KEY] = user.get_session_auth_hash()
store.save()
print("SESSION", store.session_key)
"""


def make_bare_site(workdir: Path, database_url: str) -> tuple[dict, str]:
    """`wagtail start` into workdir, settings for PostgreSQL, migrate, collectstatic, and an
    ordinary user's session. Returns (env, session key)."""
    wagtail = Path(sys.executable).parent / "wagtail"
    workdir.mkdir(parents=True)
    subprocess.run(
        [str(wagtail), "start", "mysite", str(workdir)], check=True, stdout=subprocess.DEVNULL
    )
    parts = urlsplit(database_url)
    (workdir / "mysite" / "settings" / "bench.py").write_text(
        BARE_SETTINGS.format(
            secret=secrets.token_urlsafe(50),
            name=parts.path.lstrip("/"),
            user=parts.username or "postgres",
            password=parts.password or "",
            host=parts.hostname or "127.0.0.1",
            port=str(parts.port or 5432),
        )
    )
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DEBUG"}}
    env.update(DJANGO_SETTINGS_MODULE="mysite.settings.bench", PYTHONWARNINGS="ignore")
    manage = [sys.executable, "manage.py"]
    quiet = {"cwd": workdir, "env": env, "check": True, "stdout": subprocess.DEVNULL}
    subprocess.run([*manage, "migrate", "-v", "0"], **quiet)
    subprocess.run([*manage, "collectstatic", "--no-input", "-v", "0"], **quiet)
    output = subprocess.run(
        [*manage, "shell", "-v", "0", "-c", BARE_SESSION],
        cwd=workdir,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    session = re.search(r"^SESSION (\S+)$", output, re.MULTILINE).group(1)
    return env, session


# ---------------------------------------------------------------------------------------------
# Isoko in production shape
# ---------------------------------------------------------------------------------------------
def credential_keys(env: dict) -> str:
    """A fresh signing key for ISOKO_CREDENTIAL_KEYS, as the README has production make one."""
    entry = subprocess.run(
        [sys.executable, "manage.py", "rotate_credential_key", "--print-new"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return f"[{entry}]"


def production_env(seed_env: dict, redis_url: str) -> dict:
    """config.settings.production with every variable it requires; no TLS on loopback."""
    env = dict(seed_env)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        REDIS_URL=redis_url,
        ISOKO_CREDENTIAL_KEYS=credential_keys(seed_env),
        WAGTAILADMIN_BASE_URL=f"http://{HOST}",
        ISOKO_MARKETPLACE_KEY_ID="isoko-bench-1",
        ISOKO_MARKETPLACE_SECRET=secrets.token_urlsafe(36),
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
    )
    env.pop("DEBUG", None)
    return env


def collect_static(env: dict) -> None:
    """collectstatic under the production settings (hashed names, WhiteNoise's compressed
    copies: minutes on a busy machine), skipped while the static sources and the pinned
    packages are those of the last collection."""
    digest = hashlib.sha256((ROOT / "requirements" / "base.txt").read_bytes())
    sources = [*ROOT.glob("static/**/*"), *ROOT.glob("*/static/**/*")]
    for path in sorted(sources):
        if path.is_file() and path.parts[len(ROOT.parts)] not in {"var", ".venv", "node_modules"}:
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    marker = ROOT / "var" / "bench" / "static.fingerprint"
    manifest = ROOT / "var" / "static" / "staticfiles.json"
    fingerprint = digest.hexdigest()
    if manifest.exists() and marker.exists() and marker.read_text() == fingerprint:
        return
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(fingerprint)


def flush_redis(url: str) -> str:
    """Empty the bench's Redis database (a cache left by an earlier run would flatter the
    first round). Returns "" or why Redis is not usable."""
    import redis

    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=3)
        client.flushdb()
    except redis.RedisError as error:
        return str(error)
    return ""


def dataset_fingerprint(args: argparse.Namespace) -> str:
    """What the loaded database depends on: the migrations, the demo seed and the loader, and
    the data set's size. --reuse-data keeps a database only while this is unchanged."""
    seed = repr((args.learners, args.progress_rows, args.seed, EXTRA_LESSONS)).encode()
    return source_fingerprint(seed, [BENCH_DIR / "learning_data.py"])


def source_fingerprint(seed: bytes, files: list[Path]) -> str:
    """A digest of ``seed``, ``files``, the demo content and every app's migrations: what a
    seeded bench database depends on (this bench's and bench/_production_site.py's)."""
    digest = hashlib.sha256(seed)
    files = [*files, *sorted((ROOT / "demo").rglob("*"))]
    for app in sorted(ROOT.iterdir()):
        if (app / "migrations").is_dir() and app.name not in {".venv", "node_modules", "var"}:
            files += sorted((app / "migrations").glob("*.py"))
    for path in files:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def stored_fingerprint(url: str, table: str = "bench_dataset") -> str:
    """The fingerprint a previous run left in the database (in ``table``), or ""."""
    import psycopg

    conninfo = urlunsplit(urlsplit(url)._replace(scheme="postgresql"))
    try:
        with psycopg.connect(conninfo, connect_timeout=3) as conn:
            return conn.execute(f"SELECT fingerprint FROM {table}").fetchone()[0]  # noqa: S608
    except psycopg.Error:
        return ""


def store_fingerprint(url: str, fingerprint: str, table: str = "bench_dataset") -> None:
    import psycopg

    conninfo = urlunsplit(urlsplit(url)._replace(scheme="postgresql"))
    with psycopg.connect(conninfo, connect_timeout=3) as conn:
        conn.execute(f"CREATE TABLE {table} (fingerprint text NOT NULL)")
        conn.execute(f"INSERT INTO {table} VALUES (%s)", [fingerprint])  # noqa: S608


# ---------------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------------
def check_ab() -> str:
    path = shutil.which("ab")
    if not path:
        sys.exit(
            "ab (ApacheBench) not found: install it with `apt-get install -y apache2-utils` "
            "(Debian/Ubuntu) and run again."
        )
    return path


def fetch(port: int, path: str, headers: dict) -> tuple[int, bytes, dict]:
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    conn.request("GET", path, headers={"Host": HOST, **headers})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, body, {k.lower(): v for k, v in response.getheaders()}


def run_ab(ab: str, port: int, path: str, requests: int, seconds: float, headers: dict) -> dict:
    """One ab run: `requests` requests or `seconds`, whichever ends first (-t before -n: ab
    then stops at either). Fails loudly on a non-2xx answer or a broken connection. Latency
    percentiles come from ab's per-request log (-g, whole milliseconds), nearest rank."""
    with tempfile.NamedTemporaryFile(suffix=".tsv") as log:
        command = [ab, "-q", "-t", f"{seconds:g}", "-n", str(requests), "-c", str(CONCURRENCY)]
        command += ["-g", log.name]
        for name, value in headers.items():
            command += ["-H", f"{name}: {value}"]
        command.append(f"http://{HOST}:{port}{path}")
        done = subprocess.run(command, capture_output=True, text=True, timeout=600)
        if done.returncode != 0:
            raise RuntimeError(f"ab failed on {path}: {done.stderr.strip() or done.stdout}")
        out = done.stdout
        non_2xx = re.search(r"Non-2xx responses:\s+(\d+)", out)
        if non_2xx:
            raise RuntimeError(f"{path}: {non_2xx.group(1)} non-2xx answers")
        failed = re.search(
            r"Failed requests:\s+\d+\s*\n\s*\(Connect: (\d+), Receive: (\d+), Length: \d+, "
            r"Exceptions: (\d+)\)",
            out,
        )
        # A "Length" failure is only a page whose size varies (a token in it): not an error.
        if failed and any(int(n) for n in failed.groups()):
            raise RuntimeError(f"{path}: ab reports failed requests\n{out}")
        rps = float(re.search(r"Requests per second:\s+([\d.]+)", out).group(1))
        with open(log.name, newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
    times = sorted(float(row["ttime"]) for row in rows)
    if not times:
        raise RuntimeError(f"{path}: ab completed no request")
    return {"rps": rps, "p50": rank(times, 50), "p95": rank(times, 95), "n": len(times)}


def rank(ordered: list[float], percent: int) -> float:
    """The nearest-rank percentile of sorted values."""
    return ordered[max(0, math.ceil(percent / 100 * len(ordered)) - 1)]


def page_bytes(port: int, path: str, headers: dict) -> dict:
    """Bytes as sent without and with Accept-Encoding, and what gzip would make of them."""
    status, raw, _ = fetch(port, path, headers)
    if status != 200:
        raise RuntimeError(f"{path} answered {status}, not 200: {raw[:300]!r}")
    _, sent, sent_headers = fetch(port, path, {**headers, "Accept-Encoding": "gzip, br"})
    return {
        "raw": len(raw),
        "sent": len(sent),
        "encoding": sent_headers.get("content-encoding", "none"),
        "gzip": len(gzip.compress(raw, 6)),
    }


def median(values: list[float]) -> float:
    return statistics.median(values)


def print_report(results: dict, labels: dict, goals: dict, sizes: dict, rounds: int) -> bool:
    """The table; returns whether every goal was met."""
    base = results["bare_home"]
    base_p95 = results["bare_loggedin"]
    width = max(len(label) for label in labels.values()) + 2
    print()
    print(
        f"{'page':<{width}}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'ratio':>8}"
        f"{'goal':>8}  {'result':<6}{'n':>5}{'raw B':>9}{'sent B':>9}  enc   {'gzip B':>7}"
    )
    all_met = True
    for key, label in labels.items():
        runs = results[key]
        ratios = [run["rps"] / bare["rps"] for run, bare in zip(runs, base, strict=True)]
        ratio = median(ratios)
        goal = goals.get(key)
        verdict = "-"
        if goal is not None:
            met = ratio >= goal
            verdict = "PASS" if met else "FAIL"
            all_met &= met
        size = sizes[key]
        print(
            f"{label:<{width}}{median([r['rps'] for r in runs]):>8.1f}"
            f"{median([r['p50'] for r in runs]):>8.1f}{median([r['p95'] for r in runs]):>8.1f}"
            f"{ratio:>7.2f}x{(f'>={goal:g}x' if goal else '-'):>8}  {verdict:<6}"
            f"{sum(r['n'] for r in runs):>5}"
            f"{size['raw']:>9}{size['sent']:>9}  {size['encoding']:<5}{size['gzip']:>8}"
        )
    p95_ratios = [
        dash["p95"] / bare["p95"] for dash, bare in zip(results["dashboard"], base_p95, strict=True)
    ]
    p95_ratio = median(p95_ratios)
    met = p95_ratio <= DASHBOARD_P95_GOAL
    all_met &= met
    print(
        f"\ndashboard p95 / bare logged-in page p95 (bare Wagtail home with an ordinary user's "
        f"session): {p95_ratio:.2f}x, goal <= {DASHBOARD_P95_GOAL:g}x: {'PASS' if met else 'FAIL'}"
    )
    print(
        f"ratios: median over {rounds} rounds of (page req/s / bare Wagtail home req/s in the "
        f"same round); n: requests over all rounds; per round: "
        + ", ".join(
            f"{key} "
            + "/".join(
                f"{run['rps'] / bare['rps']:.2f}"
                for run, bare in zip(results[key], base, strict=True)
            )
            for key in ("catalogue", "dashboard", "lesson")
        )
    )
    return all_met


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--requests", type=int, default=200, help="per page per round, at most")
    parser.add_argument(
        "--seconds", type=float, default=6.0, help="per page per round, at most (ab -t)"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers, each site")
    parser.add_argument("--quick", action="store_true", help="small data set, fewer requests")
    parser.add_argument("--learners", type=int, default=10_000)
    parser.add_argument("--progress-rows", type=int, default=1_000_000)
    parser.add_argument(
        "--reuse-data",
        action="store_true",
        help="keep the loaded databases of an earlier run if the migrations, the demo seed, "
        "the loader and the sizes are unchanged (saves the loading on a second run)",
    )
    parser.add_argument("--redis-url", default="")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a goal is missed")
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()
    if args.quick:
        args.learners, args.progress_rows = 300, 10_000
        if "--requests" not in sys.argv:
            args.requests = 60
        if "--rounds" not in sys.argv:
            args.rounds = 2
        if "--seconds" not in sys.argv:
            args.seconds = 4.0

    ab = check_ab()
    isoko_url = with_name(bench_database_url(), "isoko_bench_pages")
    bare_url = with_name(isoko_url, "isoko_bench_bare")
    media = ROOT / "var" / "bench" / "production_pages_media"
    fingerprint = dataset_fingerprint(args)
    reuse = args.reuse_data and stored_fingerprint(isoko_url) == fingerprint and media.is_dir()
    if reuse:
        version, why_not = "(reused)", ""
    else:
        version, why_not = recreate_database(isoko_url)
    if version is None:
        print(f"skipped: PostgreSQL not reachable at {shown(isoko_url)} ({why_not})")
        return
    if not reuse:
        recreate_database(bare_url)
    redis_url = args.redis_url or os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL
    why_not = flush_redis(redis_url)
    if why_not:
        print(f"skipped: Redis not reachable at {redis_url} ({why_not})")
        return
    load_before = os.getloadavg()
    print(
        f"PostgreSQL {version}: {shown(isoko_url)} and {shown(bare_url)} "
        f"({'reused: data set ' + fingerprint if reuse else 'dropped and created again'}); "
        f"Redis {redis_url} (flushed); {os.cpu_count()} cores, load average "
        f"{load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}"
    )

    started = time.perf_counter()
    with ExitStack() as stack:
        workdir = Path(tempfile.mkdtemp(prefix="isoko-bench-pages-"))
        stack.callback(shutil.rmtree, workdir, ignore_errors=True)
        pages_file = workdir / "pages.json"
        seed_env = demo_env(isoko_url, workdir)
        # The media (images, renditions) outlive the run with the database, for --reuse-data.
        seed_env["MEDIA_ROOT"] = str(media)
        # Sessions are signed with SECRET_KEY: the session maker and the server share one.
        seed_env["SECRET_KEY"] = secrets.token_urlsafe(50)
        shell = [sys.executable, "manage.py", "shell", "-v", "0", "-c"]
        path_line = f"import sys; sys.path.insert(0, {str(BENCH_DIR)!r}); "
        if not reuse:
            print("Isoko: migrate, seed_demo, load the data set")
            shutil.rmtree(media, ignore_errors=True)
            seed_demo(
                seed_env,
                path_line + "import learning_data; "
                f"learning_data.load_dataset(out={str(workdir / 'load.json')!r}, "
                f"learners={args.learners}, progress_rows={args.progress_rows}, "
                f"extra_lessons={EXTRA_LESSONS}, attempts=0, seed={args.seed}, plain_courses=1)",
            )
            store_fingerprint(isoko_url, fingerprint)
            phase(started, "Isoko loaded")
        subprocess.run(
            [
                *shell,
                path_line + f"import production_pages; production_pages.pick_pages("
                f"out={str(pages_file)!r})",
            ],
            cwd=ROOT,
            env=seed_env,
            check=True,
        )
        picked = json.loads(pages_file.read_text())
        env = production_env(seed_env, redis_url)
        phase(started, "Isoko's pages picked")
        collect_static(env)
        phase(started, "Isoko's static files collected (hashed and compressed, as production)")
        bare_env, bare_session = make_bare_site(workdir / "bare", bare_url)
        phase(started, "bare Wagtail: wagtail start, migrate, collectstatic")
        isoko_port = stack.enter_context(gunicorn_server(env, args.workers))
        bare_port = stack.enter_context(
            gunicorn_server(
                bare_env,
                args.workers,
                app="mysite.wsgi:application",
                cwd=workdir / "bare",
                ready_path="/",
            )
        )
        setup_seconds = time.perf_counter() - started
        data = picked["dataset"]
        print(
            f"set up in {setup_seconds:.0f} s: {data['learners']:,} learners, "
            f"{data['enrolments']:,} enrolments, {data['progress_rows']:,} lesson-progress rows "
            f"over {data['lessons']} lessons (dashboard learner: {data['dashboard_enrolments']} "
            f"enrolments, {data['dashboard_done']} lessons done); gunicorn {args.workers} sync "
            "workers each, "
            f"Isoko :{isoko_port}, bare :{bare_port}"
        )

        learner = {"Cookie": f"sessionid={picked['session']}"}
        bare_user = {"Cookie": f"sessionid={bare_session}"}
        targets = {}  # key -> (port, path, headers)
        for key, _label, _goal in ISOKO_PAGES:
            logged_in = key in {"dashboard", "lesson", "password"}
            targets[key] = (isoko_port, picked["paths"][key], learner if logged_in else {})
        targets["bare_home"] = (bare_port, "/", {})
        targets["bare_loggedin"] = (bare_port, "/", bare_user)
        for key, (_port, path, _headers) in targets.items():
            print(f"  {key:<14}{path}")

        sizes = {key: page_bytes(*target) for key, target in targets.items()}
        browser = {"Accept-Encoding": "gzip"}
        for port, path, headers in targets.values():  # warm up: caches, both workers
            run_ab(ab, port, path, WARMUP, args.seconds, {**headers, **browser})
        results: dict[str, list[dict]] = {key: [] for key in targets}
        for number in range(1, args.rounds + 1):
            round_started = time.perf_counter()
            for key, (port, path, headers) in targets.items():
                results[key].append(
                    run_ab(ab, port, path, args.requests, args.seconds, {**headers, **browser})
                )
            print(
                f"  round {number}/{args.rounds}: {time.perf_counter() - round_started:.0f} s, "
                f"bare home {results['bare_home'][-1]['rps']:.1f} req/s, "
                f"load average {os.getloadavg()[0]:.2f}"
            )

    labels = {key: label for key, label, _goal in ISOKO_PAGES}
    labels.update(BARE_PAGES)
    goals = {key: goal for key, _label, goal in ISOKO_PAGES}
    all_met = print_report(results, labels, goals, sizes, args.rounds)
    load_after = os.getloadavg()
    print(
        f"machine: {os.cpu_count()} cores; load average before {load_before[0]:.2f}, after "
        f"{load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}; "
        f"ab -c {CONCURRENCY} -n {args.requests} with Accept-Encoding: gzip; "
        f"total {time.perf_counter() - started:.0f} s"
    )
    if args.strict and not all_met:
        sys.exit("a goal was missed (--strict)")


def phase(started: float, what: str) -> None:
    print(f"  [{time.perf_counter() - started:6.0f} s] {what}", flush=True)


def with_name(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


if __name__ == "__main__":
    try:
        main()
    except (RuntimeError, subprocess.CalledProcessError) as error:
        sys.exit(f"FAILED: {error}")
