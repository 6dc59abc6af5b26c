"""Learning journey at scale: quiz submissions and the dashboard, on a loaded PostgreSQL.

The demo site is seeded into a fresh PostgreSQL database (dropped and created again each run),
then loaded in bulk with COPY by bench/learning_data.py: 10,000 learners with profiles and
verified e-mail addresses, each enrolled in 1-4 of the six demo courses, and 1,000,000
lesson-progress rows. The demo curriculum has only 31 lessons and a learner has one progress row
per lesson, so each course's first module first gets 100 more live lessons. A learner has done
the first lessons of a course's outline, as someone reading it in order would.

Then gunicorn (2 sync workers) serves it, and logged-in learners send sequential requests:
- quiz submit (graded): POST of the attempt form, every question answered right, to
  /learn/attempts/<id>/ -- answers read, graded, stored, completion checked, redirect to the
  result. One fresh attempt per learner, started before the clock runs. The attempt page is
  fetched first, untimed, for its CSRF cookie, as a browser would.
- dashboard: /dashboard/ for a learner with four enrolments and most of their lessons done.
- baseline: a bare authenticated page, the lightest there is (--baseline,
  /accounts/password/change/ by default), same learner, same server, same run.

    .venv/bin/python bench/learning_load.py [--submissions 200] [--requests 300]

The database: DATABASE_URL if it is PostgreSQL and its name contains "bench" (it is dropped);
isoko_bench on DATABASE_URL's server if it names another PostgreSQL database (left alone);
else postgres://postgres@127.0.0.1:5432/isoko_bench. No PostgreSQL there: prints "skipped" and
exits 0. --redis-url makes Redis the cache and the task broker, as in production; by default
the cache is per process and tasks run inline, as in the other benches.
"""

from __future__ import annotations

import argparse
import http.client
import json
import subprocess
import sys
import tempfile
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from _support import ROOT, demo_server_on, measure, print_table, summary
from learning_data import bench_database_url, recreate_database, shown

BENCH_DIR = Path(__file__).resolve().parent
WARMUP = 20
# The lightest page behind login: allauth's password form, no query beyond the session's user.
# Measured side by side with --baseline: /accounts/password/change/ 7 ms p50, /accounts/email/
# 8 ms (it lists addresses), /accounts/profile/ 19 ms (its form's choice lists).
BASELINE = "/accounts/password/change/"


# ---------------------------------------------------------------------------------------------
# The measurements
# ---------------------------------------------------------------------------------------------
def _request(conn, method: str, path: str, headers: dict, body: str | None = None):
    conn.request(method, path, body=body, headers={"Host": "127.0.0.1", **headers})
    response = conn.getresponse()
    response.read()
    return response


def submit_all(port: int, submissions: list[dict]) -> list[float]:
    """For each attempt: GET its page (untimed: the CSRF cookie), then time the graded POST."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    timings = []
    for item in submissions:
        session = f"sessionid={item['session']}"
        page = _request(conn, "GET", item["path"], {"Cookie": session})
        assert page.status == 200, (item["path"], page.status)
        cookies = SimpleCookie()
        for header in page.headers.get_all("Set-Cookie") or []:
            cookies.load(header)
        token = cookies["csrftoken"].value
        body = urlencode([*map(tuple, item["form"]), ("csrfmiddlewaretoken", token)])
        headers = {
            "Cookie": f"{session}; csrftoken={token}",
            "Content-Type": "application/x-www-form-urlencoded",
        }
        started = time.perf_counter()
        response = _request(conn, "POST", item["path"], headers, body)
        timings.append(time.perf_counter() - started)
        location = response.headers.get("Location", "")
        assert response.status == 302 and location.endswith("/result/"), (
            item["path"],
            response.status,
            location,
        )
    conn.close()
    return timings


VERIFY = """
from lms.models import QuizAttempt
attempts = QuizAttempt.objects.filter(public_id__in={ids!r})
print(attempts.filter(status="submitted").count(), attempts.filter(passed=True).count())
"""


def graded_in_database(env: dict, attempt_ids: list[str]) -> tuple[int, int]:
    """(submitted, passed) among the attempts, read back from the database."""
    output = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", VERIFY.format(ids=attempt_ids)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return int(output[-2]), int(output[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--submissions", type=int, default=200, help="timed quiz submissions")
    parser.add_argument("--requests", type=int, default=300, help="dashboard/baseline GETs")
    parser.add_argument("--learners", type=int, default=10_000)
    parser.add_argument("--progress-rows", type=int, default=1_000_000)
    parser.add_argument("--extra-lessons", type=int, default=100, help="per course")
    parser.add_argument("--baseline", default=BASELINE)
    parser.add_argument("--redis-url", default="", help="Redis as cache and broker (optional)")
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()

    url = bench_database_url()
    version, why_not = recreate_database(url)
    if version is None:
        print(f"skipped: PostgreSQL not reachable at {shown(url)} ({why_not})")
        return
    print(f"database: {shown(url)} (PostgreSQL {version}, dropped and created again)")
    out = Path(tempfile.mkstemp(suffix=".json")[1])
    prepare = (
        f"import sys; sys.path.insert(0, {str(BENCH_DIR)!r}); import learning_data; "
        f"learning_data.load_dataset(out={str(out)!r}, learners={args.learners}, "
        f"progress_rows={args.progress_rows}, extra_lessons={args.extra_lessons}, "
        f"attempts={args.submissions + WARMUP}, seed={args.seed})"
    )
    setup_started = time.perf_counter()
    try:
        with demo_server_on(url, prepare, redis_url=args.redis_url) as (port, env):
            setup_seconds = time.perf_counter() - setup_started
            data = json.loads(out.read_text())
            submissions = data["submissions"]
            print(f"measuring on gunicorn :{port} ({len(submissions)} attempts to submit)")
            submit_all(port, submissions[:WARMUP])
            submit_t = submit_all(port, submissions[WARMUP:])
            submitted, passed = graded_in_database(env, [s["attempt"] for s in submissions])
            dashboard = {"Cookie": f"sessionid={data['dashboard']['session']}"}
            measure(port, "/dashboard/", WARMUP, dashboard)
            measure(port, args.baseline, WARMUP, dashboard)
            dash_t, _ = measure(port, "/dashboard/", args.requests, dashboard)
            base_t, _ = measure(port, args.baseline, args.requests, dashboard)
    finally:
        out.unlink(missing_ok=True)

    me = data["dashboard"]
    print(
        f"loaded: {data['learners']:,} learners, {data['enrolments']:,} enrolments, "
        f"{data['progress_rows']:,} lesson-progress rows over {data['lessons']} lessons, "
        f"in {data['load_seconds']:.1f} s (with migrate, seed and static files: "
        f"{setup_seconds:.1f} s)"
    )
    print(
        f"dashboard learner: {me['enrolments']} enrolments, {me['done']} of {me['lessons']} "
        f"lessons done"
    )
    print(
        f"quiz: {data['quiz']['title']!r}, {data['quiz']['questions']} questions; "
        f"{len(submissions)} learners submitted once each ({WARMUP} of them to warm up); "
        f"read back: {submitted} submitted, {passed} passed"
    )
    rows = [
        summary("quiz submit (graded)", submit_t),
        summary("dashboard", dash_t),
        summary(f"baseline: {args.baseline}", base_t),
    ]
    print_table(rows)
    print(f"dashboard/baseline p50 ratio: {rows[1]['p50'] / rows[2]['p50']:.2f}")
    print(f"quiz submit/baseline p50 ratio: {rows[0]['p50'] / rows[2]['p50']:.2f}")
    if submitted != len(submissions) or passed != len(submissions):
        sys.exit("not every submission was graded as expected")


if __name__ == "__main__":
    main()
