"""The learning data set at scale, loaded in bulk into a seeded demo database (PostgreSQL).

On top of seed_demo: 10,000 learners with profiles and verified e-mail addresses, each enrolled
in 1-4 of the demo courses, and 1,000,000 lesson-progress rows, written with COPY. The demo
curriculum has only 31 lessons and a learner has one progress row per lesson, so each course's
first module first gets 100 more live lessons (all but the last `plain_courses` courses). A
learner has done the first lessons of a course's outline, as someone reading it in order would.
The first learner (by e-mail) is the "dashboard learner": four enrolments, 85% of their lessons
done.

Used by bench/learning_load.py (quiz submissions and the dashboard) and
bench/production_pages.py (every page beside a bare Wagtail site): load_dataset runs in
`manage.py shell` after migrate and seed_demo. The database helpers (bench_database_url,
recreate_database, shown) are shared by the PostgreSQL benches.
"""

from __future__ import annotations

import json
import os
import random
import time
import uuid
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/isoko_bench"
POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql", "postgis"}
EMAIL_DOMAIN = "bench.isoko.test"
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
                summary="A lesson added by bench/learning_data.py.",
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


def session_for(user) -> str:
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
        + ["preferred_language", "updated_at", "low_data"],
        (
            (uid, f"Learner {n}", "", rng.choice(audiences), "", "RW", "", "en", now, False)
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
                "session": session_for(users[uid]),
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
            "session": session_for(User.objects.get(pk=ids[0])),
            "enrolments": len(mine),
            "done": sum(counts[i] for i in mine),
            "lessons": sum(caps[i] for i in mine),
        },
        "quiz": {"title": quiz.title, "questions": len(attempt.questions) if takers else 0},
        "submissions": submissions,
    }
    Path(out).write_text(json.dumps(result))
    _log(f"loaded in {load_seconds:.1f} s (bulk part); attempts and sessions ready")
