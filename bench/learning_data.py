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
from datetime import UTC, datetime, timedelta
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


def _unlisted_defaults(model, names: list[str]) -> tuple[list[str], list]:
    """The model's NOT NULL fields that `names` leaves out but that have a default, and those
    defaults (or "" for a blank text field without one, as Django saves it). Django sets a
    field's default in Python, not in the database (an AddField's default is dropped from the
    column after the migration), so a COPY that leaves out a field added after this loader was
    written (Profile.low_data, Profile.district, say) would write NULL and fail."""
    from django.db import connection

    extra, values = [], []
    for field in model._meta.concrete_fields:
        if field.name in names or field.primary_key or field.null:
            continue
        # A blank text field without a default (Profile.district) is saved as "" by Django.
        blank_text = field.blank and field.empty_strings_allowed
        if not field.has_default() and not blank_text:
            continue
        if field.unique:  # one default for every row would collide: list the field instead
            raise RuntimeError(f"{model.__name__}.{field.name}: unique, give it a value per row")
        extra.append(field.name)
        values.append(field.get_db_prep_save(field.get_default(), connection))
    return extra, values


def _copy_rows(model, names: list[str], rows) -> None:
    from django.db import connection

    extra, defaults = _unlisted_defaults(model, names)
    statement = f"COPY {model._meta.db_table} ({_columns(model, names + extra)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row((*row, *defaults))


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


# ---------------------------------------------------------------------------------------------
# The programme-impact extras (bench/impact.py): places, graduates, attempts, storefronts
# ---------------------------------------------------------------------------------------------
PLACE_FIELDS = ("district", "sector")


def _places(profile_model, ids: list[int], seed: int) -> tuple[list[str], dict[int, tuple]]:
    """(field names, {user id: values}) for the Profile fields of PLACE_FIELDS that exist (added
    by the impact work): a district and a sector from the field's choices, one in eight left
    blank ("Not stated")."""
    from django.core.exceptions import FieldDoesNotExist

    rng = random.Random(seed + 101)
    names, choices = [], []
    for name in PLACE_FIELDS:
        try:
            field = profile_model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        values = [value for value, _label in field.flatchoices if value]
        if values:
            names.append(name)
            choices.append(values)
    if not names:
        _log("Profile has no district or sector field yet: profiles get no places")
        return [], {}
    return names, {
        uid: tuple("" if rng.random() < 0.125 else rng.choice(values) for values in choices)
        for uid in ids
    }


def load_impact_extras(
    *,
    ids: list[int],
    graduates: int,
    storefronts: int,
    quiz_attempts: int,
    joined_before_enrolling: bool,
    seed: int,
) -> dict[str, int]:
    """What the programme-impact numbers count beyond enrolments and progress, for learners
    `ids` (already enrolled). Returns {table: rows written} (for VACUUM ANALYZE and the report).
    Everything goes through the same tables the application writes, with the same invariants:
    a completed enrolment has its Completion and audit row, an issued certificate its PDF hash
    and date, an application its certificate, a storefront its approved application, an order
    its order.created webhook event (and the storefront's order_count and last_order_at)."""
    from django.db import connection
    from django.utils import timezone

    from certificates.models import Certificate
    from lms.models import Completion, Enrolment, EnrolmentEvent
    from marketplace_link.choices import DISTRICTS, Sector
    from marketplace_link.models import (
        ApplicationEvent,
        Listing,
        Product,
        Storefront,
        StorefrontApplication,
        WebhookEvent,
    )

    rng = random.Random(seed + 202)
    now = timezone.now()
    written: dict[str, int] = {}
    if joined_before_enrolling:
        # Sign-ups spread over the months the enrolments cover (by month charts have a shape).
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE accounts_user AS u SET date_joined = first.at - random() * interval "
                "'20 days' FROM (SELECT learner_id, min(enrolled_at) AS at FROM "
                f"{Enrolment._meta.db_table} GROUP BY learner_id) AS first "
                "WHERE u.id = first.learner_id AND u.id = ANY(%s)",
                [ids],
            )
            written["accounts_user"] = cursor.rowcount
    if graduates:
        _log(f"{graduates:,} graduates: a completed course each, most with a certificate")
        enrolments = list(
            Enrolment.objects.filter(learner_id__in=rng.sample(ids, min(graduates, len(ids))))
            .order_by("learner_id", "pk")
            .values_list("pk", "learner_id", "course_id", "enrolled_at", "course__title")
        )
        first_of: dict[int, tuple] = {}
        for row in enrolments:
            first_of.setdefault(row[1], row)
        completed = []
        for pk, learner, course, enrolled_at, title in first_of.values():
            at = min(now - timedelta(days=1), enrolled_at + timedelta(days=rng.uniform(3, 90)))
            completed.append((pk, learner, course, at, title))
        Enrolment.objects.filter(pk__in=[row[0] for row in completed]).update(
            status=Enrolment.Status.COMPLETED
        )
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {Enrolment._meta.db_table} SET completed_at = %s WHERE id = %s",
                [(at, pk) for pk, _l, _c, at, _t in completed],
            )
        completions = Completion.objects.bulk_create(
            [
                Completion(enrolment_id=pk, completed_at=at, event_enqueued_at=at)
                for pk, _l, _c, at, _t in completed
            ],
            batch_size=2000,
        )
        EnrolmentEvent.objects.bulk_create(
            [
                EnrolmentEvent(
                    enrolment_id=pk, action=EnrolmentEvent.Action.COMPLETED, actor_id=lid
                )
                for pk, lid, _c, _at, _t in completed
            ],
            batch_size=2000,
        )
        certified = [
            (row, completion)
            for row, completion in zip(completed, completions, strict=True)
            if rng.random() < 0.9 or storefronts  # (rows for storefronts come from these)
        ]
        certified = certified[: max(int(len(completed) * 0.9), int(storefronts * 1.3))]
        certificates = Certificate.objects.bulk_create(
            [
                Certificate(
                    learner_id=learner,
                    course_id=course,
                    completion=completion,
                    name=f"Learner {learner}",
                    course_title=title,
                    status=Certificate.Status.ISSUED,
                    issued_at=at + timedelta(hours=1),
                    issued_on=(at + timedelta(hours=1)).date(),
                    pdf_sha256="0" * 64,
                    created_at=at,
                )
                for (_pk, learner, course, at, title), completion in certified
            ],
            batch_size=2000,
        )
        written.update(
            {
                Enrolment._meta.db_table: len(completed),
                Completion._meta.db_table: len(completions),
                Certificate._meta.db_table: len(certificates),
            }
        )
    if quiz_attempts:
        written.update(_load_quiz_attempts(ids, quiz_attempts, rng))
    if storefronts:
        if not graduates:
            raise RuntimeError("storefronts need graduates (an application needs a certificate)")
        applied = storefronts + storefronts // 5 + storefronts // 10
        if len(certificates) < applied:
            raise RuntimeError(f"{applied} applications need as many certificates")
        _log(
            f"{applied:,} storefront applications, {storefronts:,} approved with their "
            "storefronts, products, listings and order webhook events"
        )
        districts = [value for value, _label in DISTRICTS]
        sectors = list(Sector.values)
        statuses = (
            [StorefrontApplication.Status.APPROVED] * storefronts
            + [StorefrontApplication.Status.SUBMITTED] * (storefronts // 5)
            + [StorefrontApplication.Status.REJECTED] * (storefronts // 10)
        )
        applications = StorefrontApplication.objects.bulk_create(
            [
                StorefrontApplication(
                    applicant_id=certificate.learner_id,
                    certificate=certificate,
                    status=status,
                    legal_name=f"Bench Enterprise {n} Ltd",
                    trading_name=f"Bench {n}",
                    registration_number=f"{100000000 + n}",
                    tin=f"{100000000 + n}",
                    district=rng.choice(districts),
                    sector=rng.choice(sectors),
                    contact_email=f"shop{n}@{EMAIL_DOMAIN}",
                    description_en="A storefront added by bench/learning_data.py.",
                    submitted_at=certificate.issued_at + timedelta(days=rng.uniform(1, 20)),
                    created_at=certificate.issued_at,
                )
                for n, (certificate, status) in enumerate(
                    zip(certificates[: len(statuses)], statuses, strict=True)
                )
            ],
            batch_size=1000,
        )
        events, fronts = [], []
        for application in applications:
            events.append(
                ApplicationEvent(
                    application=application,
                    action=ApplicationEvent.Action.SUBMITTED,
                    actor_id=application.applicant_id,
                    at=application.submitted_at,
                )
            )
            if application.status == StorefrontApplication.Status.SUBMITTED:
                continue
            application.decided_at = min(
                now - timedelta(hours=1), application.submitted_at + timedelta(days=3)
            )
            approved = application.status == StorefrontApplication.Status.APPROVED
            events.append(
                ApplicationEvent(
                    application=application,
                    action=(
                        ApplicationEvent.Action.APPROVED
                        if approved
                        else ApplicationEvent.Action.REJECTED
                    ),
                    at=application.decided_at,
                )
            )
            if approved:
                fronts.append(_storefront_for(application, now, rng))
                if fronts[-1].went_live_at:
                    events.append(
                        ApplicationEvent(
                            application=application,
                            action=ApplicationEvent.Action.PROVISIONED,
                            at=fronts[-1].went_live_at,
                        )
                    )
        StorefrontApplication.objects.bulk_update(applications, ["decided_at"], batch_size=1000)
        Storefront.objects.bulk_create(fronts, batch_size=1000)
        products, listings, orders = [], [], []
        for front in fronts:
            application = front.application
            for number in range(rng.randint(1, 8)):
                products.append(
                    Product(
                        application=application,
                        sku=f"isoko-bench-{application.pk}-{number}",
                        title=f"Bench product {number}",
                        description="A product added by bench/learning_data.py.",
                        category=application.sector or Sector.OTHER,
                        price_rwf=rng.randint(1000, 90000),
                        price_usd=f"{rng.randint(1, 90)}.50",
                        hs_code="090111",
                        origin_district=application.district or districts[0],
                        created_at=application.decided_at,
                    )
                )
            if front.went_live_at:
                for number in range(front.order_count):
                    at = front.went_live_at + (now - front.went_live_at) * rng.random()
                    orders.append(_order_event(front, number, at))
                if front.order_count:
                    front.last_order_at = max(
                        event.received_at for event in orders[-front.order_count :]
                    )
        Storefront.objects.bulk_update(fronts, ["last_order_at"], batch_size=1000)
        Product.objects.bulk_create(products, batch_size=2000)
        storefront_of = {front.application_id: front for front in fronts}
        for product in products:
            front = storefront_of[product.application_id]
            if front.went_live_at:
                listings.append(
                    Listing(
                        product=product,
                        storefront=front,
                        marketplace_product_id=f"pr_bench_{product.pk}",
                        status="ACTIVE",
                        status_sequence=1,
                        synced_at=front.went_live_at,
                    )
                )
        Listing.objects.bulk_create(listings, batch_size=2000)
        WebhookEvent.objects.bulk_create(orders, batch_size=2000)
        ApplicationEvent.objects.bulk_create(events, batch_size=2000)
        for model, rows in (
            (StorefrontApplication, applications),
            (ApplicationEvent, events),
            (Storefront, fronts),
            (Product, products),
            (Listing, listings),
            (WebhookEvent, orders),
        ):
            written[model._meta.db_table] = len(rows)
    return written


# Storefront statuses after approval, and how often: most live, a few in every other state.
STOREFRONT_MIX = [("live", 0.80), ("suspended", 0.06), ("provisioning", 0.08)]
STOREFRONT_MIX += [("needs_attention", 0.06)]


def _storefront_for(application, now, rng: random.Random):
    from marketplace_link.models import Storefront

    roll, status = rng.random(), "needs_attention"
    for name, share in STOREFRONT_MIX:
        if roll < share:
            status = name
            break
        roll -= share
    went_live = status in {"live", "suspended"}
    went_live_at = (
        min(now - timedelta(hours=1), application.decided_at + timedelta(days=rng.uniform(1, 5)))
        if went_live
        else None
    )
    return Storefront(
        application=application,
        status=status,
        marketplace_store_id=f"st_bench_{application.pk}" if went_live else "",
        marketplace_status={"live": "ACTIVE", "suspended": "SUSPENDED"}.get(status, ""),
        status_sequence=2 if went_live else 0,
        order_count=rng.choice([0, 0, 1, 2, 3, 5, 8, 13, 21]) if went_live else 0,
        went_live_at=went_live_at,
        created_at=application.decided_at,
    )


def _order_event(front, number: int, at):
    """An order.created event as the marketplace sends it (marketplace_link/openapi.yaml)."""
    from marketplace_link.models import WebhookEvent

    event_id = f"ev_bench_{front.application_id}_{number}"
    return WebhookEvent(
        event_id=event_id,
        type="order.created",
        payload={
            "id": event_id,
            "type": "order.created",
            "created_at": at.isoformat(),
            "sequence": 1,
            "data": {
                "store_id": front.marketplace_store_id,
                "external_id": str(front.application.public_id),
                "order_id": f"or_bench_{front.application_id}_{number}",
                "total": {"usd": "25.00"},
                "created_at": at.isoformat(),
            },
        },
        received_at=at,
    )


def _load_quiz_attempts(ids: list[int], count: int, rng: random.Random) -> dict[str, int]:
    """`count` submitted attempts by enrolled learners at their courses' quizzes (COPY), seven
    in ten passed."""
    from django.db import connection

    from courses.api import CoursePage, QuizPage
    from lms.models import Enrolment, QuizAttempt

    _log(f"{count:,} submitted quiz attempts (COPY)")
    quizzes = {
        course.pk: list(QuizPage.objects.live().descendant_of(course).values_list("pk", flat=True))
        for course in CoursePage.objects.live()
    }
    enrolled = [
        (learner, course)
        for learner, course in Enrolment.objects.filter(learner_id__in=ids).values_list(
            "learner_id", "course_id"
        )
        if quizzes.get(course)
    ]
    if not enrolled:
        return {}
    numbers: dict[tuple[int, int], int] = {}
    names = ["public_id", "learner", "quiz", "course", "number", "status", "started_at"]
    names += ["finished_at", "questions", "answers", "answers_seq", "score", "passed", "results"]
    now = datetime.now(UTC)
    lines = []
    for _ in range(count):
        learner, course = rng.choice(enrolled)
        quiz = rng.choice(quizzes[course])
        number = numbers[(learner, quiz)] = numbers.get((learner, quiz), 0) + 1
        started = now - timedelta(days=rng.uniform(1, 300))
        score = rng.uniform(30, 100)
        passed = "t" if score >= 60 else "f"
        lines.append(
            f"{uuid.uuid4()}\t{learner}\t{quiz}\t{course}\t{number}\t"
            f"{QuizAttempt.Status.SUBMITTED}\t{started.isoformat()}\t"
            f"{(started + timedelta(minutes=12)).isoformat()}\t[]\t{{}}\t0\t{score:.2f}\t"
            f"{passed}\t{{}}\n"
        )
    extra, defaults = _unlisted_defaults(QuizAttempt, names)
    if extra:
        raise RuntimeError(f"QuizAttempt has new fields the loader does not fill: {extra}")
    statement = f"COPY {QuizAttempt._meta.db_table} ({_columns(QuizAttempt, names)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(statement) as copy:
        copy.write("".join(lines))
    return {QuizAttempt._meta.db_table: count}


def load_dataset(
    *,
    out: str,
    learners: int,
    progress_rows: int,
    extra_lessons: int,
    attempts: int,
    seed: int,
    plain_courses: int = 0,
    graduates: int = 0,
    storefronts: int = 0,
    quiz_attempts: int = 0,
    places: bool = False,
) -> None:
    """Load the learners, enrolments and progress rows; write what the measurements need (the
    dashboard learner's session, open attempts) to `out` as JSON. The last `plain_courses`
    courses (in tree order) keep the demo's own lessons, without the `extra_lessons`: a course
    page of ordinary size beside the long ones.

    The programme-impact extras (bench/impact.py), all off by default so that the other benches'
    data set is unchanged: `places` gives profiles a district and a sector (when Profile has
    those fields) and each learner a sign-up date shortly before their first enrolment;
    `graduates` learners complete one course and most of them get an issued certificate;
    `quiz_attempts` submitted quiz attempts; `storefronts` approved storefront applications
    with their storefront (most live), products, listings and order.created webhook events,
    beside a fifth as many submitted and a tenth as many rejected applications (see
    load_impact_extras)."""
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
    # The places come from a generator of their own: the main one's sequence (and so the other
    # benches' data set) stays as it was.
    place_names, place_of = _places(Profile, ids, seed) if places else ([], {})
    _copy_rows(
        Profile,
        ["user", "full_name", "preferred_name", "audience", "organisation", "country", "phone"]
        + ["preferred_language", "updated_at"]
        + place_names,
        (
            (uid, f"Learner {n}", "", rng.choice(audiences), "", "RW", "", "en", now)
            + place_of.get(uid, ())
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
    extras = load_impact_extras(
        ids=ids[1:],  # never the dashboard learner: their page stays as the other benches know it
        graduates=graduates,
        storefronts=storefronts,
        quiz_attempts=quiz_attempts,
        joined_before_enrolling=places,
        seed=seed,
    )
    _log("VACUUM ANALYZE (the planner's statistics, as autovacuum would leave them)")
    with connection.cursor() as cursor:
        for model in (User, Profile, EmailAddress, Enrolment, EnrolmentEvent, LessonProgress):
            cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")
        for table in extras:
            cursor.execute(f"VACUUM ANALYZE {table}")
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
        "impact": extras,
    }
    Path(out).write_text(json.dumps(result))
    _log(f"loaded in {load_seconds:.1f} s (bulk part); attempts and sessions ready")
