"""Shared by bench/lighthouse.py and bench/offline.py: Isoko served the way production runs.

config.settings.production under gunicorn (DEBUG off), static files collected (hashed, with
WhiteNoise's gzip and Brotli copies) and served by WhiteNoise, on a PostgreSQL database seeded
with the demo and Redis (its database flushed) as cache and broker.

The seeded database and its media, and the collected static files, are reused while what they
depend on is unchanged (the migrations and demo/; the static sources and requirements/base.txt).
They are kept in ~/.cache/isoko-lighthouse (LIGHTHOUSE_CACHE), outside the checkout, so that
CI's fresh clone reuses what an earlier run on the same machine made. A cold start seeds and
collects side by side (1 to 4 minutes on 2 cores, depending on the load); a warm one takes
seconds.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from _support import ROOT, demo_env, gunicorn_server, seed_demo
from learning_data import recreate_database, shown
from production_pages import (
    flush_redis,
    production_env,
    source_fingerprint,
    store_fingerprint,
    stored_fingerprint,
)

SEED_TABLE = "lighthouse_seed"

BENCH_DIR = Path(__file__).resolve().parent
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/9"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
# Debian's Chromium, headless, with nothing reaching out to the network by itself.
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def skip(reason: str) -> None:
    """No PostgreSQL or Redis: "skipped" and exit 0 as the other benches do; under CI
    (CI=true) a failure instead."""
    if os.environ.get("CI") == "true":
        sys.exit(f"{Path(sys.argv[0]).stem}: {reason} (required under CI)")
    print(f"skipped: {reason}")
    sys.exit(0)


def database_url(name: str) -> str:
    """Database `name` on DATABASE_URL's server (127.0.0.1:5432 without one)."""
    parts = urlsplit(os.environ.get("DATABASE_URL", ""))
    if not parts.scheme.startswith("postgres"):
        parts = urlsplit("postgres://postgres@127.0.0.1:5432/")
    return urlunsplit(parts._replace(path=f"/{name}"))


def cache_dir() -> Path:
    default = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "isoko-lighthouse"
    return Path(os.environ.get("LIGHTHOUSE_CACHE") or default)


def seed_fingerprint() -> str:
    """What a seeded database depends on: the migrations and the demo content."""
    return source_fingerprint(b"lighthouse-1", [])


def static_fingerprint() -> str:
    """What the collected files depend on: the pinned packages and the static sources."""
    digest = hashlib.sha256((ROOT / "requirements" / "base.txt").read_bytes())
    for path in sorted([*ROOT.glob("static/**/*"), *ROOT.glob("*/static/**/*")]):
        if path.is_file() and path.parts[len(ROOT.parts)] not in {"var", ".venv", "node_modules"}:
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def collected_static(env: dict, cache: Path) -> Path:
    """collectstatic under the production settings, once per static fingerprint."""
    target = cache / f"static-{static_fingerprint()}"
    if (target / "staticfiles.json").exists():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=".building-", dir=cache))
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
        cwd=ROOT,
        env={**env, "STATIC_ROOT": str(building)},
        check=True,
        stdout=subprocess.DEVNULL,
    )
    for old in cache.glob("static-*"):
        shutil.rmtree(old, ignore_errors=True)
    try:
        building.rename(target)
    except OSError:  # another run collected the same version meanwhile
        shutil.rmtree(building, ignore_errors=True)
    return target


@contextlib.contextmanager
def production_site(
    database: str, pick: str, *, fresh: bool = False, redis_url: str = ""
) -> Iterator[tuple[int, dict, str]]:
    """Serve Isoko in production shape on PostgreSQL `database` (dropped and seeded unless its
    seed is reusable); yield (port, picked, a line saying how it was set up). `pick` is
    "module.function": run in `manage.py shell` with `out=<a JSON file>` after seeding, to
    choose the pages (and make a session: it shares the server's SECRET_KEY); `picked` is
    what it wrote."""
    started = time.perf_counter()
    url = database_url(database)
    cache = cache_dir()
    media = cache / database / "media"
    wanted = seed_fingerprint()
    reuse = not fresh and media.is_dir() and stored_fingerprint(url, SEED_TABLE) == wanted
    if not reuse:
        server_version, why_not = recreate_database(url)
        if server_version is None:
            skip(f"PostgreSQL not reachable at {shown(url)} ({why_not})")
    redis_url = redis_url or DEFAULT_REDIS_URL
    why_not = flush_redis(redis_url)
    if why_not:
        skip(f"Redis not reachable at {redis_url} ({why_not})")

    workdir = Path(tempfile.mkdtemp(prefix="isoko-production-site-"))
    try:
        seed_env = demo_env(url, workdir)
        seed_env["MEDIA_ROOT"] = str(media)
        seed_env["SECRET_KEY"] = secrets.token_urlsafe(50)  # the session's and the server's
        env = production_env(seed_env, redis_url)

        def seed() -> None:
            if not reuse:
                shutil.rmtree(media, ignore_errors=True)
                media.mkdir(parents=True)
                seed_demo(seed_env)
                store_fingerprint(url, wanted, SEED_TABLE)

        # Seeding (PostgreSQL and one Python process) and collecting (one CPU-bound process)
        # side by side: the machine's two cores, each busy.
        with ThreadPoolExecutor(max_workers=2) as pool:
            seeding = pool.submit(seed)
            static = pool.submit(collected_static, env, cache)
            seeding.result()
            env["STATIC_ROOT"] = str(static.result())
        out = workdir / "picked.json"
        module, _, function = pick.rpartition(".")
        subprocess.run(
            [
                sys.executable,
                "manage.py",
                "shell",
                "-v",
                "0",
                "-c",
                f"import sys; sys.path.insert(0, {str(BENCH_DIR)!r}); import {module}; "
                f"{module}.{function}(out={str(out)!r})",
            ],
            cwd=ROOT,
            env=seed_env,
            check=True,
        )
        picked = json.loads(out.read_text())
        setup = (
            f"PostgreSQL {shown(url)} ({'reused' if reuse else 'seeded'}), Redis {redis_url} "
            f"(flushed), static files and media in {cache}; "
            f"set up in {time.perf_counter() - started:.0f} s"
        )
        with gunicorn_server(env, workers=2) as port:
            yield port, picked, setup
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def chromium_version() -> str:
    done = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True)
    return done.stdout.strip() or "Chromium"
