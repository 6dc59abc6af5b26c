"""Bytes and CPU time of gzip and brotli on Isoko's public pages: the measurement behind
brotli in the page cache (config/page_cache.py, docs/caching.md "Compression").

Renders each public page once as an anonymous visitor (Django's test client, dev settings with
DEBUG off), then compresses the HTML with:
- gzip level 9, as the page cache stores it; gzip level 6, as Django's GZipMiddleware does;
- brotli at qualities 4, 5, 6, 9 and 11 (text mode).
It reports each one's size and its CPU time per page (the median of --repeat runs of
``time.process_time``), and the render's own CPU time for scale.

    .venv/bin/python bench/compression.py [--repeat 30] [--database-url URL]

Without --database-url it migrates and seeds the demo into a throw-away SQLite database first,
as the other benches do (`make bench` runs it so); with one, that database must hold the demo.
"""

from __future__ import annotations

import argparse
import atexit
import functools
import gzip
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _support import demo_env, seed_demo  # noqa: E402


def cpu_ms(function, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        started = time.process_time()
        function()
        runs.append((time.process_time() - started) * 1000)
    return statistics.median(runs)


def public_pages():
    from courses.models import CoursePage, LessonPage

    course = CoursePage.objects.live().filter(locale__language_code="en").order_by("path").first()
    lesson = (
        LessonPage.objects.live()
        .filter(free_preview=True, locale__language_code="en")
        .order_by("path")
        .first()
    )
    pages = [("home", "/"), ("catalogue", "/courses/")]
    if course is not None:
        pages.append(("course page", course.url))
    if lesson is not None:
        pages.append(("free-preview lesson", lesson.url))
    pages.append(("showcase", "/storefronts/"))
    return pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--database-url", default="", help="a database holding the demo")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="isoko-compression-"))
    atexit.register(shutil.rmtree, workdir, True)
    env = demo_env(args.database_url or f"sqlite:///{workdir / 'demo.sqlite3'}", workdir)
    if not args.database_url:
        print("migrating and seeding the demo into a throw-away SQLite database", flush=True)
        seed_demo(env)
    # This process renders the pages itself: the same environment as the seeded database's.
    os.environ.update({k: v for k, v in env.items() if k != "PYTHONWARNINGS"})
    import django

    django.setup()
    import brotli
    from django.conf import settings
    from django.test import Client
    from django.utils.text import compress_string

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.ISOKO_PAGE_CACHE = False  # render every time: the render's cost is the baseline
    client = Client()
    codings = {
        "gzip 9": lambda html: gzip.compress(html, compresslevel=9, mtime=0),
        "gzip 6 (middleware)": compress_string,
        **{
            f"br {q}": functools.partial(brotli.compress, quality=q, mode=brotli.MODE_TEXT)
            for q in (4, 5, 6, 9, 11)
        },
    }
    print(f"| page | HTML | render CPU | {' | '.join(codings)} |")
    print(f"|---|---|---|{'---|' * len(codings)}")
    for name, url in public_pages():
        response = client.get(url)
        if response.status_code != 200:
            print(f"{name}: {url} answered {response.status_code}", file=sys.stderr)
            return 1
        html = response.content
        render = cpu_ms(lambda url=url: client.get(url), max(3, args.repeat // 10))
        cells = []
        for function in codings.values():
            size = len(function(html))
            ms = cpu_ms(functools.partial(function, html), args.repeat)
            cells.append(f"{size:,} B, {ms:.2f} ms")
        print(f"| {name} | {len(html):,} B | {render:.1f} ms | {' | '.join(cells)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
