"""Learning journey at scale: quiz submissions and the dashboard, on a loaded PostgreSQL.

The demo site is seeded into a fresh PostgreSQL database (dropped and created again each run),
then loaded in bulk with COPY: 10,000 learners with profiles and verified e-mail addresses, each
enrolled in 1-4 of the six demo courses, and 1,000,000 lesson-progress rows. The demo curriculum
has only 31 lessons and a learner has one progress row per lesson, so each course's first module
first gets 100 more live lessons. A learner has done the first lessons of a course's outline, as
someone reading it in order would.

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
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

from _support import ROOT, demo_server_on, measure, print_table, summary

BENCH_DIR = Path(__file__).resolve().parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/isoko_bench"
POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql", "postgis"}
EMAIL_DOMAIN = "bench.isoko.test"
WARMUP = 20
# The lightest page behind login: allauth's password form, no query beyond the session's user.
# Measured side by side with --baseline: /accounts/password/change/ 7 ms p50, /accounts/email/
# 8 ms (it lists addresses), /accounts/profile/ 19 ms (its form's choice lists).
BASELINE = "/accounts/password/change/"
# Dashboard learner: enrolled in this many courses, with this share of each course's lessons done.
DASHBOARD_ENROLMENTS = 4
DASHBOARD_DONE = 0.85


# ---------------------------------------------------------------------------------------------
# The database
# ---------------------------------------------------------------------------------------------
def bench_database_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    parts = urlsplit(url)
    if parts.scheme not in POSTGRES_SCHEMES:
        return DEFAULT_DATABASE_URL
    if "bench" in parts.path.lstrip("/"):
        return url
    # Each run drops its database: never one that is not named for benchmarks.
    return urlunsplit(parts._replace(path="/isoko_bench"))


def shown(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


def recreate_database(url: str) -> tuple[str | None, str]:
    """Drop and create the database. Returns (server version, "") or (None, why not)."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    maintenance = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    try:
        with psycopg.connect(maintenance, connect_timeout=3, autocommit=True) as conn:
            version = conn.execute("SHOW server_version").fetchone()[0].split()[0]
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.OperationalError as error:
        return None, str(error).strip().splitlines()[0]
    return version, ""


# ---------------------------------------------------------------------------------------------
# The load: runs in `manage.py shell` (demo_server_on's prepare step), after migrate and seed
# ---------------------------------------------------------------------------------------------
_started = time.perf_counter()


def _log(message: str) -> None:
    print(f"  [{time.perf_counter() - _started:6.1f} s] {message}", flush=True)


def _columns(model, names: list[str]) -> str:
    from django.db import connection

    quote = connection.ops.quote_name  # "primary" is a reserved word
    return ", ".join(quote(model._meta.get_field(name).column) for name in names)


def _copy_rows(model, names: list[str], rows) -> None:
    from django.db import connection

    statement = f"COPY {model._meta.db_table} ({_columns(model, names)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def _add_lessons(course, count: int) -> None:
    """Live lessons added straight into the tree, without revisions or the publishing workflow
    (the benchmark measures learners, not editors), but live, required pages like any other."""
    from django.utils import timezone

    from courses.api import LessonPage

    module = course.get_children().first()
    now = timezone.now()
    for number in range(1, count + 1):
        module.add_child(
            instance=LessonPage(
                title=f"Bench lesson {number}",
                slug=f"bench-lesson-{number:03d}",
                summary="A lesson added by bench/learning_load.py.",
                body=[("paragraph", "<p>Extra reading for the benchmark.</p>")],
                required_for_completion=True,
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
            )
        )


def _allocate(total: int, caps: list[int], weights: list[float], rng: random.Random) -> list[int]:
    """Split `total` rows over enrolments in proportion to `weights`, none above its cap."""
    scale = total / sum(weights) if sum(weights) else 0
    counts = [min(cap, int(weight * scale)) for cap, weight in zip(caps, weights, strict=True)]
    short = total - sum(counts)
    room = [i for i, cap in enumerate(caps) if counts[i] < cap]
    while short > 0 and room:
        rng.shuffle(room)
        for i in room[:short]:
            counts[i] += 1
        short -= min(short, len(room))
        room = [i for i in room if counts[i] < caps[i]]
    return counts


def _session_for(user) -> str:
    """A logged-in session, as django.contrib.auth.login leaves it."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return store.session_key


def _answer_pairs(attempt, quiz) -> list[list[str]]:
    """The attempt form with every frozen question answered right, as a browser posts it (see
    answer_form in tests/lms/test_journey.py)."""
    pool = {question.id: question for question in quiz.question_pool()}
    pairs = [["action", "submit"]]
    for entry in attempt.questions:
        question = pool[entry["id"]]
        value, kind, qid = question.value, question.block_type, entry["id"]
        if kind in {"single_choice", "multiple_choice"}:
            right = [o.id for o in value["options"].bound_blocks if o.value["is_correct"]]
            if kind == "multiple_choice":
                pairs += [[qid, option] for option in right] + [[f"{qid}__many", "1"]]
            else:
                pairs.append([qid, right[0]])
        elif kind == "true_false":
            pairs.append([qid, value["correct_answer"]])
        elif kind == "numeric":
            pairs.append([qid, str(value["answer"])])
        elif kind == "short_text":
            pairs.append([qid, value["accepted_answers"][0]])
        elif kind == "ordering":
            for position, item in enumerate(value["items"].bound_blocks, 1):
                pairs.append([f"{qid}:{item.id}", str(position)])
    return pairs


def _pick_quiz(courses):
    """A quiz with no time limit (the attempts wait a while before they are submitted), the
    longest draw first: the most grading per submission."""
    from courses.api import QuizPage

    quizzes = [
        quiz
        for course in courses
        for quiz in QuizPage.objects.live().descendant_of(course).order_by("path")
        if not quiz.time_limit_minutes
    ]

    def drawn(quiz) -> int:
        pool = len(quiz.question_pool())
        return min(quiz.questions_per_attempt or pool, pool)

    return max(quizzes, key=drawn)


def load_dataset(
    *,
    out: str,
    learners: int,
    progress_rows: int,
    extra_lessons: int,
    attempts: int,
    seed: int,
    plain_courses: int = 0,
) -> None:
    """Load the learners, enrolments and progress rows; write what the measurements need (the
    dashboard learner's session, open attempts) to `out` as JSON. The last `plain_courses`
    courses (in tree order) keep the demo's own lessons, without the `extra_lessons`: a course
    page of ordinary size beside the long ones."""
    from django.apps import apps
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import connection
    from django.urls import reverse
    from django.utils import timezone

    from accounts.api import Audience
    from courses.api import CoursePage, LessonPage
    from lms.models import Enrolment, EnrolmentEvent, LessonProgress
    from lms.services import quiz_attempt_start

    global _started
    _started = time.perf_counter()
    rng = random.Random(seed)
    now = timezone.now()
    User = get_user_model()
    Profile = apps.get_model("accounts", "Profile")
    EmailAddress = apps.get_model("account", "EmailAddress")

    courses = list(
        CoursePage.objects.live()
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .order_by("path")
    )
    extended = courses[: len(courses) - plain_courses]
    _log(f"adding {extra_lessons} live lessons to the first module of {len(extended)} courses")
    for course in extended:
        _add_lessons(course, extra_lessons)
    lessons = {
        course.pk: list(
            LessonPage.objects.live()
            .descendant_of(course)
            .order_by("path")
            .values_list("pk", flat=True)
        )
        for course in courses
    }
    lesson_count = sum(len(pks) for pks in lessons.values())

    _log(f"{learners:,} learners, profiles and e-mail addresses (COPY)")
    password = make_password("bench-password-not-a-secret")  # hashed once, shared by all
    emails = [f"learner{n:05d}@{EMAIL_DOMAIN}" for n in range(learners)]
    _copy_rows(
        User,
        ["password", "is_superuser", "public_id", "email", "is_staff", "is_active", "date_joined"],
        (
            (password, False, uuid.uuid4(), email, False, True, now - timedelta(days=400))
            for email in emails
        ),
    )
    ids = list(
        User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")
        .order_by("email")
        .values_list("pk", flat=True)
    )
    audiences = list(Audience.values)
    _copy_rows(
        Profile,
        ["user", "full_name", "preferred_name", "audience", "organisation", "country", "phone"]
        + ["preferred_language", "updated_at"],
        (
            (uid, f"Learner {n}", "", rng.choice(audiences), "", "RW", "", "en", now)
            for n, uid in enumerate(ids)
        ),
    )
    _copy_rows(
        EmailAddress,
        ["user", "email", "verified", "primary"],
        ((uid, email, True, True) for uid, email in zip(ids, emails, strict=True)),
    )

    # Enrolments, then how far each has gone. ids[0] is the dashboard learner.
    course_ids = [course.pk for course in courses]
    plan: list[tuple[int, int]] = []
    for n, uid in enumerate(ids):
        wanted = DASHBOARD_ENROLMENTS if n == 0 else rng.randint(1, 4)
        plan += [(uid, pk) for pk in rng.sample(course_ids, min(wanted, len(course_ids)))]
    caps = [len(lessons[course]) for _uid, course in plan]
    fixed = {i: int(caps[i] * DASHBOARD_DONE) for i, (uid, _c) in enumerate(plan) if uid == ids[0]}
    weights = [0.0 if i in fixed else rng.random() * cap for i, cap in enumerate(caps)]
    free = [0 if i in fixed else cap for i, cap in enumerate(caps)]
    counts = _allocate(progress_rows - sum(fixed.values()), free, weights, rng)
    for i, done in fixed.items():
        counts[i] = done
    _log(f"{len(plan):,} enrolments and their audit rows (COPY)")
    started = {i: now - timedelta(days=rng.uniform(5, 300)) for i in range(len(plan))}
    _copy_rows(
        Enrolment,
        ["learner", "course", "status", "enrolled_at", "last_activity_at", "last_item"],
        (
            (
                uid,
                course,
                Enrolment.Status.ACTIVE,
                started[i],
                started[i] + timedelta(minutes=15 * counts[i]),
                lessons[course][counts[i] - 1] if counts[i] else None,
            )
            for i, (uid, course) in enumerate(plan)
        ),
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {EnrolmentEvent._meta.db_table} "
            f"({_columns(EnrolmentEvent, ['enrolment', 'action', 'at', 'actor'])}) "
            f"SELECT id, %s, enrolled_at, learner_id FROM {Enrolment._meta.db_table}",
            [EnrolmentEvent.Action.ENROLLED],
        )

    total = sum(counts)
    _log(f"{total:,} lesson-progress rows (COPY)")
    statement = (
        f"COPY {LessonProgress._meta.db_table} "
        f"({_columns(LessonProgress, ['learner', 'lesson', 'course', 'completed_at'])}) FROM STDIN"
    )
    written, next_report, lines = 0, 250_000, []
    with connection.cursor() as cursor, cursor.copy(statement) as copy:
        for i, (uid, course) in enumerate(plan):
            for step, lesson in enumerate(lessons[course][: counts[i]]):
                at = (started[i] + timedelta(minutes=15 * step)).isoformat()
                lines.append(f"{uid}\t{lesson}\t{course}\t{at}\n")
            if len(lines) >= 50_000:
                copy.write("".join(lines))
                written, lines = written + len(lines), []
                if written >= next_report:
                    _log(f"  {written:,} rows")
                    next_report += 250_000
        copy.write("".join(lines))
    _log("VACUUM ANALYZE (the planner's statistics, as autovacuum would leave them)")
    with connection.cursor() as cursor:
        for model in (User, Profile, EmailAddress, Enrolment, EnrolmentEvent, LessonProgress):
            cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")
    load_seconds = time.perf_counter() - _started

    # Measured learners: sessions, and one open attempt each (started here, not timed).
    quiz = _pick_quiz(courses)
    quiz_course = CoursePage.objects.ancestor_of(quiz).get()
    takers = sorted({uid for uid, course in plan if course == quiz_course.pk} - {ids[0]})
    takers = rng.sample(takers, min(attempts, len(takers)))
    _log(f"{len(takers)} sessions and open attempts at quiz {quiz.title!r}")
    users = User.objects.in_bulk(takers)
    submissions = []
    for uid in takers:
        attempt = quiz_attempt_start(learner=users[uid], quiz=quiz)
        submissions.append(
            {
                "session": _session_for(users[uid]),
                "path": reverse("lms_attempt", args=[attempt.public_id]),
                "attempt": str(attempt.public_id),
                "form": _answer_pairs(attempt, quiz),
            }
        )
    mine = [i for i, (uid, _c) in enumerate(plan) if uid == ids[0]]
    result = {
        "load_seconds": load_seconds,
        "learners": len(ids),
        "enrolments": len(plan),
        "progress_rows": LessonProgress.objects.count(),
        "lessons": lesson_count,
        "dashboard": {
            "session": _session_for(User.objects.get(pk=ids[0])),
            "enrolments": len(mine),
            "done": sum(counts[i] for i in mine),
            "lessons": sum(caps[i] for i in mine),
        },
        "quiz": {"title": quiz.title, "questions": len(attempt.questions) if takers else 0},
        "submissions": submissions,
    }
    Path(out).write_text(json.dumps(result))
    _log(f"loaded in {load_seconds:.1f} s (bulk part); attempts and sessions ready")


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
        f"import sys; sys.path.insert(0, {str(BENCH_DIR)!r}); import learning_load; "
        f"learning_load.load_dataset(out={str(out)!r}, learners={args.learners}, "
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
