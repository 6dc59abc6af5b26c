"""Lesson page cost: a demo lesson beside a bare Wagtail page with the same body, one server.

The lesson is the richest of the demo curriculum (most blocks: tables, a diagram image, a
download, callouts, a case study). The baseline is a StandardPage under the home page with a
copy of that lesson's body: same blocks, same renditions, but no course around it (no outline
sidebar, no previous/next, a shallower URL). The ratio is what the course frame costs.

Prints requests per second and p50/p95 latency for both, their ratio, and the lesson's weight
(HTML + CSS gzip, plus the images a phone downloads at 400 px wide).

    .venv/bin/python bench/lesson_page.py [--requests 300]
"""

from __future__ import annotations

import argparse
import gzip
import re

from _support import demo_server, measure, print_table, summary

# Runs in `manage.py shell` after seed_demo: pick the lesson with the most blocks, copy its body
# to a StandardPage, and print both URLs.
PREPARE = """
from courses.models import HomePage, LessonPage, StandardPage
lessons = LessonPage.objects.live().filter(locale__language_code="en")
lesson = max(lessons, key=lambda page: len(page.body))
home = HomePage.objects.get(locale__language_code="en")
bare = StandardPage(title=lesson.title, slug="bench-bare", body=lesson.body.raw_data)
home.add_child(instance=bare)
bare.save_revision().publish()
open("{out}", "w").write(lesson.url + "\\n" + bare.url + "\\n" + str(len(lesson.body)))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    import tempfile
    from pathlib import Path

    out = Path(tempfile.mkstemp(suffix=".txt")[1])
    with demo_server(PREPARE.format(out=out)) as (port, _env):
        lesson_url, bare_url, blocks = out.read_text().split("\n")
        measure(port, lesson_url, 20)  # warm up: renditions, both workers
        measure(port, bare_url, 20)
        lesson_t, html = measure(port, lesson_url, args.requests)
        bare_t, _ = measure(port, bare_url, args.requests)
        _, css = measure(port, "/static/css/isoko.css", 1)
        images = re.findall(r'<source sizes="[^"]*" srcset="([^ "]+) 400w', html.decode())
        image_bytes = sum(len(measure(port, src, 1)[1]) for src in images)
    out.unlink()

    lesson = summary(f"lesson ({blocks} blocks)", lesson_t)
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
