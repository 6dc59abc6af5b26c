"""Lesson page cost: a demo lesson beside a bare Wagtail page with the same body, one server.

The lesson is the richest of the demo's self-paced courses (most blocks: tables, a diagram
image, a download, callouts, a case study), read by a demo learner enrolled in its course:
lessons answer 403 to a visitor who is not enrolled (only free-preview ones are open), so both
pages are requested with that learner's session cookie. The baseline is a StandardPage under
the home page with a copy of that lesson's body: same blocks, same renditions, but no course
around it (no outline sidebar, no previous/next, a shallower URL). The ratio is what the course
frame costs.

Prints requests per second and p50/p95 latency for both, their ratio, and the lesson's weight
(HTML + CSS gzip, plus the images a phone downloads at 400 px wide).

    .venv/bin/python bench/lesson_page.py [--requests 300]
"""

from __future__ import annotations

import argparse
import gzip
import re

from _support import demo_server, measure, print_table, summary

# Runs in `manage.py shell` after seed_demo: pick the self-paced lesson with the most blocks,
# enrol the demo entrepreneur in its course, copy its body to a StandardPage, log the learner in
# (a session as django.contrib.auth.login leaves it), and write both URLs and the session key.
PREPARE = """
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from courses.api import course_of
from courses.models import CourseFormat, HomePage, LessonPage, StandardPage
from lms.services.enrolment import enrolment_create
lessons = [
    page for page in LessonPage.objects.live().filter(locale__language_code="en")
    if course_of(page).format == CourseFormat.SELF_PACED
]
lesson = max(lessons, key=lambda page: len(page.body))
learner = get_user_model().objects.get(email="entrepreneur@example.com")
enrolment_create(learner=learner, course=course_of(lesson))
home = HomePage.objects.get(locale__language_code="en")
bare = StandardPage(title=lesson.title, slug="bench-bare", body=lesson.body.raw_data)
home.add_child(instance=bare)
bare.save_revision().publish()
session = import_module(settings.SESSION_ENGINE).SessionStore()
session[SESSION_KEY] = str(learner.pk)
session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
session[HASH_SESSION_KEY] = learner.get_session_auth_hash()
session.save()
lines = [lesson.url, bare.url, str(len(lesson.body)), session.session_key]
open("{out}", "w").write("\\n".join(lines))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    import tempfile
    from pathlib import Path

    out = Path(tempfile.mkstemp(suffix=".txt")[1])
    with demo_server(PREPARE.format(out=out)) as (port, _env):
        lesson_url, bare_url, blocks, session = out.read_text().split("\n")
        learner = {"Cookie": f"sessionid={session}"}
        measure(port, lesson_url, 20, learner)  # warm up: renditions, both workers
        measure(port, bare_url, 20, learner)
        lesson_t, html = measure(port, lesson_url, args.requests, learner)
        bare_t, _ = measure(port, bare_url, args.requests, learner)
        _, css = measure(port, "/static/css/isoko.css", 1)
        images = re.findall(r'<source sizes="[^"]*" srcset="([^ "]+) 400w', html.decode())
        image_bytes = sum(len(measure(port, src, 1)[1]) for src in images)
    out.unlink()

    lesson = summary(f"enrolled lesson ({blocks} blocks)", lesson_t)
    bare = summary("bare page, same body", bare_t)
    print(f"lesson: {lesson_url}")
    print_table([lesson, bare])
    print(f"lesson/bare throughput ratio: {lesson['rps'] / bare['rps']:.2f}")
    page_weight = len(gzip.compress(html)) + len(gzip.compress(css))
    print(
        f"lesson weight: HTML+CSS {page_weight} B gzip (HTML {len(html)} B raw), "
        f"{len(images)} WebP image(s) at 400w {image_bytes} B"
    )


if __name__ == "__main__":
    main()
