"""Cohort graduation: 1,000 learners complete a course at once; two worker processes issue and
e-mail every certificate, with zero duplicates and zero losses.

A fresh PostgreSQL database is migrated and seeded with seed_demo (tasks inline: no Redis yet).
Then this process adds a demo course's 1,000 graduates (users, profiles, completed enrolments,
completions), starts two ``celery worker --pool solo`` processes on a private Redis queue (dev
settings, DEBUG off, PDFs and e-mails in a temporary folder), waits until both answer a ping,
and sends the 1,000 "course completed" events at once, as lms does: the receiver of each
enqueues the issuing task, which renders, signs and stores the certificate and queues its e-mail
(PDF attached, written to files by the dev mail backend). The clock runs from the first event
sent to the last certificate issued, and to the last one e-mailed.

Then it checks: one certificate per (learner, course), none pending, every completion with an
issued certificate, every PDF's SHA-256 equal to the stored hash, one file per certificate, one
"issued" and one "e-mailed" event each.

    .venv/bin/python bench/certificate_graduation.py [--learners 1000] [--workers 2]

The database: as bench/learning_data.py says (isoko_bench on DATABASE_URL's server, dropped and
created again; dropped again at the end unless --keep-database). Redis: REDIS_URL or
redis://127.0.0.1:6379/0; the private queue is purged at the end. No PostgreSQL or no Redis:
prints "skipped" and exits 0.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from learning_data import bench_database_url, recreate_database, shown

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
EMAIL_DOMAIN = "graduates.bench.isoko.test"
CELERY_WITH_SETTINGS = str(ROOT / "config" / "celery_with_settings.py")


def redis_reachable(url: str) -> str:
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        return str(error)
    return ""


def base_env(database_url: str, workdir: Path) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": database_url,
        "DEBUG": "false",  # DEBUG keeps every SQL statement in memory
        "ISOKO_REQUIRE_STAFF_MFA": "1",  # silences dev's warning; no staff here
        "MEDIA_ROOT": str(workdir / "media"),
        "PRIVATE_ROOT": str(workdir / "private"),
        "ISOKO_CREDENTIAL_KEYFILE": str(workdir / "credential-keys.json"),
        "LOG_LEVEL": "WARNING",
        "PYTHONWARNINGS": "ignore",
    }
    env.pop("REDIS_URL", None)
    return env


def prepare_database(env: dict) -> None:
    manage = [sys.executable, "manage.py"]
    quiet = {"cwd": ROOT, "env": env, "check": True, "stdout": subprocess.DEVNULL}
    subprocess.run([*manage, "migrate", "-v", "0"], **quiet)
    subprocess.run([*manage, "seed_demo", "--force"], **quiet)


# ---------------------------------------------------------------------------------------------
# In this process (Django set up on the bench database, Redis as the broker)
# ---------------------------------------------------------------------------------------------
def add_graduates(count: int):
    """A demo course that issues certificates, and `count` learners who have completed it."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from accounts.models import Profile
    from courses.api import CoursePage
    from lms.models import Completion, Enrolment

    course = (
        CoursePage.objects.live()
        .filter(issues_certificate=True, certificate_template__isnull=False)
        .filter(locale__language_code="en")
        .order_by("path")
        .first()
    )
    now = timezone.now()
    password = make_password("bench-password-not-a-secret")  # hashed once, shared
    users = get_user_model().objects.bulk_create(
        get_user_model()(email=f"graduate{n:05d}@{EMAIL_DOMAIN}", password=password)
        for n in range(count)
    )
    # Names with diacritics, as a Rwandan cohort's would be, all different.
    Profile.objects.bulk_create(
        Profile(user=user, full_name=f"Graduate {n:05d} Uwimana-Nsengimana Éric")
        for n, user in enumerate(users)
    )
    enrolments = Enrolment.objects.bulk_create(
        Enrolment(
            learner=user,
            course=course,
            status=Enrolment.Status.COMPLETED,
            completed_at=now,
        )
        for user in users
    )
    completions = Completion.objects.bulk_create(
        Completion(enrolment=enrolment, completed_at=now, event_enqueued_at=now)
        for enrolment in enrolments
    )
    return course, [completion.pk for completion in completions]


def start_workers(count: int, queue: str, env: dict, workdir: Path) -> list:
    overrides = {
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "EMAIL_FILE_PATH": str(workdir / "mail"),
    }
    workers = []
    for number in range(1, count + 1):
        log = open(workdir / f"worker-{number}.log", "w")  # noqa: SIM115 (closed in stop_workers)
        process = subprocess.Popen(
            [sys.executable, CELERY_WITH_SETTINGS, json.dumps(overrides), "-A", "config", "worker"]
            + ["--pool", "solo", "--queues", queue, "--hostname", f"{queue}-{number}@%h"]
            + ["--without-gossip", "--without-mingle", "--without-heartbeat"]
            + ["--loglevel", "INFO"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        workers.append((process, log, f"{queue}-{number}@{os.uname().nodename}"))
    return workers


def wait_ready(app, workers, timeout: float = 60.0) -> None:
    names = [name for _process, _log, name in workers]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        answered = {
            name for reply in app.control.ping(destination=names, timeout=1.0) for name in reply
        }
        if answered >= set(names):
            return
        if any(process.poll() is not None for process, _log, _name in workers):
            break
    sys.exit(
        "the workers did not start; see their logs: "
        + ", ".join(log.name for _p, log, _n in workers)
    )


def stop_workers(workers) -> None:
    for process, _log, _name in workers:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for process, log, _name in workers:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        log.close()


def wait_all(course, count: int, started: float, timeout: float) -> tuple[float, float]:
    """Seconds from `started` until every certificate is issued, and until every one is
    e-mailed. Prints progress every 10 s."""
    from certificates.models import Certificate

    mine = Certificate.objects.filter(course=course, learner__email__endswith=EMAIL_DOMAIN)
    issued_after = emailed_after = None
    next_report = 10.0
    while time.perf_counter() - started < timeout:
        issued = mine.filter(status=Certificate.Status.ISSUED).count()
        emailed = mine.filter(emailed_at__isnull=False).count()
        elapsed = time.perf_counter() - started
        if issued_after is None and issued >= count:
            issued_after = elapsed
        if emailed >= count:
            emailed_after = elapsed
            break
        if elapsed >= next_report:
            print(f"  [{elapsed:6.1f} s] {issued:,} issued, {emailed:,} e-mailed", flush=True)
            next_report += 10.0
        time.sleep(0.25)
    return issued_after, emailed_after


def check(course, completion_ids: list[int], private_root: Path) -> dict:
    from django.db.models import Count, Max

    from certificates.models import Certificate, CertificateEvent

    mine = Certificate.objects.filter(course=course, learner__email__endswith=EMAIL_DOMAIN)
    per_pair = mine.values("learner", "course").annotate(n=Count("pk"))
    duplicates = sum(row["n"] - 1 for row in per_pair if row["n"] > 1)
    issued = mine.filter(status=Certificate.Status.ISSUED)
    covered = set(issued.values_list("completion_id", flat=True))
    losses = sum(1 for pk in completion_ids if pk not in covered)
    bad_hash = files = 0
    for code, name, sha in issued.values_list("code", "pdf", "pdf_sha256"):
        data = (private_root / name).read_bytes()
        bad_hash += hashlib.sha256(data).hexdigest() != sha
        # The PDF and any copy a second save would have left beside it (named code_xxxxxxx.pdf).
        files += len(list((private_root / "certificates" / code[:2]).glob(f"{code}*")))
    events = CertificateEvent.objects.filter(certificate__in=mine).values("action")
    counts = {row["action"]: row["n"] for row in events.annotate(n=Count("pk"))}
    return {
        "certificates": mine.count(),
        "issued": issued.count(),
        "pending": mine.filter(status=Certificate.Status.PENDING).count(),
        "duplicates": duplicates,
        "losses": losses,
        "bad_hash": bad_hash,
        "files": files,
        "issued_events": counts.get("issued", 0),
        "emailed_events": counts.get("emailed", 0),
        "failed_events": counts.get("failed", 0),
        "max_attempts": mine.aggregate(m=Max("attempts"))["m"] or 0,
    }


def drop_database(url: str) -> None:
    from urllib.parse import urlsplit, urlunsplit

    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    maintenance = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(parts.path.lstrip("/"))
            )
        )


def prepare_services(redis_url: str, *, prefix: str):
    """Check Redis, recreate the bench database, make a work folder, the workers' environment
    and a private queue. None (after saying why) when a service is missing."""
    url = bench_database_url()
    why_not = redis_reachable(redis_url)
    if why_not:
        print(f"skipped: Redis not reachable at {redis_url} ({why_not})")
        return None
    version, why_not = recreate_database(url)
    if version is None:
        print(f"skipped: PostgreSQL not reachable at {shown(url)} ({why_not})")
        return None
    print(f"database: {shown(url)} (PostgreSQL {version}, dropped and created again)")
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    return url, workdir, base_env(url, workdir), f"isoko-bench-{uuid.uuid4().hex[:8]}"


def render_floor(count: int = 5) -> float:
    """The baseline: seconds per certificate PDF rendered alone in a warm process (render_pdf:
    no queue, no database, no signing, no e-mail). N certificates on W workers cannot be issued
    faster than N x this / W."""
    import datetime

    from certificates.pdf import DEFAULT_LOOK, CertificateContent, render_pdf

    def sample(serial: int) -> CertificateContent:
        code = f"bench-floor-{serial:06d}"
        return CertificateContent(
            name=f"Mutoni Ingabire {serial}",
            course="Coffee seller readiness: from farm to online store",
            issued_on=datetime.date(2026, 3, 3),
            hours=12,
            code=code,
            verify_url=f"https://isoko.example/certificates/verify/{code}/",
            language="en",
            issuer_name="Isoko Digital Trade Academy",
        )

    render_pdf(sample(0), DEFAULT_LOOK)  # warm: fonts loaded, stylesheet parsed
    started = time.perf_counter()
    for serial in range(1, count + 1):
        render_pdf(sample(serial), DEFAULT_LOOK)
    return (time.perf_counter() - started) / count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--learners", type=int, default=1_000)
    parser.add_argument("--workers", type=int, default=2, help="solo worker processes")
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds")
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL)
    parser.add_argument("--keep-database", action="store_true")
    args = parser.parse_args()

    prepared = prepare_services(args.redis_url, prefix="isoko-graduation-")
    if prepared is None:
        return
    url, workdir, env, queue = prepared
    workers = []
    try:
        setup_started = time.perf_counter()
        prepare_database(env)
        # This process: the same settings, with Redis as the broker (tasks are sent, not run).
        os.environ.update({**env, "REDIS_URL": args.redis_url})
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from config.celery import app
        from lms.models import Completion
        from lms.signals import course_completed

        app.conf.task_default_queue = queue
        course, completion_ids = add_graduates(args.learners)
        # Before the workers start, so it does not compete with them.
        per_pdf = render_floor()
        print(
            f"seeded in {time.perf_counter() - setup_started:.1f} s: {len(completion_ids):,} "
            f"graduates of {course.title!r}; starting {args.workers} solo workers on {queue}"
        )
        worker_env = {**env, "REDIS_URL": args.redis_url}
        workers = start_workers(args.workers, queue, worker_env, workdir)
        wait_ready(app, workers)

        started = time.perf_counter()
        # As lms sends them once each completion commits (no transaction is open here, so each
        # receiver's enqueue-on-commit goes to the broker at once).
        for pk in completion_ids:
            course_completed.send(sender=Completion, completion_id=pk)
        sent_after = time.perf_counter() - started
        issued_after, emailed_after = wait_all(course, len(completion_ids), started, args.timeout)
        stop_workers(workers)
        workers = []
        results = check(course, completion_ids, workdir / "private")
        per_worker = [
            (workdir / f"worker-{n}.log")
            .read_text(errors="replace")
            .count("Task certificates.issue_for_completion[")
            // 2  # "received" and "succeeded"
            for n in range(1, args.workers + 1)
        ]
    finally:
        stop_workers(workers)
        try:
            from config.celery import app

            with app.connection_for_write() as conn:
                conn.default_channel.queue_purge(queue)
        except Exception:  # noqa: BLE001 (Django not set up yet: nothing was queued)
            pass
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # noqa: BLE001
            pass
        if not args.keep_database:
            drop_database(url)
        shutil.rmtree(workdir, ignore_errors=True)

    count = len(completion_ids)
    print(f"{count:,} completion events sent in {sent_after:.2f} s")
    rows = [
        ("workers", f"{args.workers} × celery worker --pool solo"),
        ("issue tasks per worker", " / ".join(f"{n:,}" for n in per_worker)),
        (
            "baseline: render alone",
            f"{per_pdf * 1000:.0f} ms per PDF in a warm process; floor for {count:,} on "
            f"{args.workers} workers: {count * per_pdf / args.workers:.1f} s",
        ),
        (
            "all issued after",
            f"{issued_after:.1f} s ({issued_after / (count * per_pdf / args.workers):.2f}x "
            "the floor)"
            if issued_after
            else "NOT ALL",
        ),
        ("certificates issued / s", f"{count / issued_after:.1f}" if issued_after else "—"),
        ("all e-mailed after", f"{emailed_after:.1f} s" if emailed_after else "NOT ALL"),
        ("certificates", f"{results['certificates']:,}"),
        ("issued", f"{results['issued']:,}"),
        ("pending", f"{results['pending']:,}"),
        ("duplicates", f"{results['duplicates']:,}"),
        ("losses", f"{results['losses']:,}"),
        ("PDF hash mismatches", f"{results['bad_hash']:,}"),
        ("PDF files on disk", f"{results['files']:,}"),
        (
            "'issued' / 'e-mailed' events",
            f"{results['issued_events']:,} / {results['emailed_events']:,}",
        ),
        ("failed attempts, max attempts", f"{results['failed_events']}, {results['max_attempts']}"),
    ]
    width = max(len(name) for name, _value in rows) + 2
    for name, value in rows:
        print(f"{name:<{width}}{value}")
    sound = (
        issued_after
        and results["issued"] == count == results["certificates"] == results["files"]
        and results["duplicates"] == results["losses"] == results["bad_hash"] == 0
        and results["issued_events"] == results["emailed_events"] == count
    )
    if not sound:
        sys.exit("FAILED: duplicates, losses or bad PDFs (see above)")
    print("ok: zero duplicates, zero losses, every PDF matches its hash")


if __name__ == "__main__":
    main()
