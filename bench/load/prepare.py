"""The load test's data: runs in `manage.py shell` after migrate and seed_demo (run.py's prepare).

It loads the learning bench's data set with that bench's own loader (bench/learning_data.py:
learners with profiles and verified addresses, enrolments, lesson-progress rows, 100 extra live
lessons per course), then writes what the Locust users need to a JSON file: the public URLs an
anonymous visitor browses, every live course's lessons and unlimited quizzes, and logged-in
sessions (as django.contrib.auth.login leaves them) for a sample of the loaded learners with the
courses each is enrolled in. Sessions are made here, not by logging in through allauth during the
run: allauth limits logins per address (every Locust user comes from 127.0.0.1) and a login hashes
a password on purpose slowly, which would make the test measure the hasher. run.py times a few
real allauth logins on their own instead.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BENCH_DIR))

import learning_data  # noqa: E402  (bench/learning_data.py: the loader is reused, not copied)

_started = time.perf_counter()


def _log(message: str) -> None:
    print(f"  [{time.perf_counter() - _started:6.1f} s] {message}", flush=True)


def _public_urls() -> dict:
    """What an anonymous visitor browses: home pages, catalogue, course pages, free previews."""
    from django.conf import settings

    from courses.api import CoursePage, LessonPage
    from courses.models import CatalogPage, HomePage

    def url(page) -> str:
        return page.get_url()

    courses = CoursePage.objects.live().public().order_by("path")
    previews = LessonPage.objects.live().public().filter(free_preview=True).order_by("path")
    return {
        "home": [url(page) for page in HomePage.objects.live().order_by("path")],
        "catalogue": [url(page) for page in CatalogPage.objects.live().order_by("path")],
        "course": [url(page) for page in courses],
        "course_en": [
            url(page) for page in courses.filter(locale__language_code=settings.LANGUAGE_CODE)
        ],
        "preview": [url(page) for page in previews],
    }


def _curriculum() -> dict:
    """Per live course (by id): its lessons in outline order and its quizzes with no attempt
    limit and no time limit (a Locust learner may take them again and again)."""
    from courses.api import CoursePage, LessonPage, QuizPage

    result = {}
    for course in CoursePage.objects.live().order_by("path"):
        lessons = LessonPage.objects.live().descendant_of(course).order_by("path")
        quizzes = QuizPage.objects.live().descendant_of(course).order_by("path")
        result[str(course.pk)] = {
            "url": course.get_url(),
            "lessons": [[page.pk, page.get_url()] for page in lessons],
            "quizzes": [
                [page.pk, page.get_url()]
                for page in quizzes
                if not page.max_attempts and not page.time_limit_minutes
            ],
        }
    return result


def prepare(
    *, out: str, learners: int, progress_rows: int, extra_lessons: int, sessions: int, seed: int
) -> None:
    from django.contrib.auth import get_user_model

    from lms.models import Enrolment

    global _started
    _started = time.perf_counter()
    scratch = Path(out).with_suffix(".loader.json")
    learning_data.load_dataset(
        out=str(scratch),
        learners=learners,
        progress_rows=progress_rows,
        extra_lessons=extra_lessons,
        attempts=0,
        seed=seed,
    )
    loaded = json.loads(scratch.read_text())
    scratch.unlink()

    rng = random.Random(seed)
    User = get_user_model()
    domain = f"@{learning_data.EMAIL_DOMAIN}"
    ids = list(
        User.objects.filter(email__endswith=domain).order_by("email").values_list("pk", flat=True)
    )
    chosen = rng.sample(ids[1:], min(sessions, len(ids) - 1))  # ids[0]: the loader's own
    enrolled: dict[int, list[int]] = {}
    for learner, course in Enrolment.objects.filter(
        learner_id__in=chosen, status=Enrolment.Status.ACTIVE
    ).values_list("learner_id", "course_id"):
        enrolled.setdefault(learner, []).append(course)
    _log(f"{len(chosen)} logged-in sessions for the Locust learners")
    users = User.objects.in_bulk(chosen)
    people = [
        {
            "session": learning_data.session_for(users[pk]),
            "courses": sorted(enrolled.get(pk, [])),
        }
        for pk in chosen
        if enrolled.get(pk)
    ]
    data = {
        "learners": loaded["learners"],
        "enrolments": loaded["enrolments"],
        "progress_rows": loaded["progress_rows"],
        "lessons": loaded["lessons"],
        "load_seconds": loaded["load_seconds"],
        "public": _public_urls(),
        "courses": _curriculum(),
        "people": people,
    }
    Path(out).write_text(json.dumps(data))
    _log(f"wrote {out}")
