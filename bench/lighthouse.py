"""Lighthouse on a lesson and the dashboard, as a learner's phone sees them: issue 16's check.

Isoko runs the way production runs: config.settings.production under gunicorn (DEBUG off), the
static files collected (hashed, compressed) and served by WhiteNoise, on PostgreSQL (a database
named isoko_lighthouse, seeded with the demo) and Redis (db 9 unless --redis-url; flushed).
A demo learner (entrepreneur@example.com, enrolled in the coffee course) is logged in by a
session made for the run, and Lighthouse (npm, pinned in package-lock.json; Debian's Chromium,
never a downloaded browser) audits the dashboard and the learner's richest lesson with its
default mobile settings: a Moto G Power-sized screen and *simulated* slow 4G (150 ms RTT,
1.6 Mbit/s down, 750 kbit/s up, CPU slowed 4x). The session cookie is sent with --extra-headers.

Passes (exit 0) when every page scores accessibility 100, best practices >= 95 and performance
>= 90, and the site is installable: Chromium's own installability check
(CDP `Page.getInstallabilityErrors`, through Playwright) finds no error on the dashboard once
its service worker controls the page. Lighthouse 12 has no PWA category any more, hence CDP.
(Until static/js/offline/sw.js, the worker, is in the checkout, a missing manifest is reported
and not counted.)
Performance varies run to run on a busy 2-core machine: a page under 90 is audited once more
and its better performance score counts (both runs are printed); the other categories must
hold in every run.

    .venv/bin/python bench/lighthouse.py [--fresh] [--redis-url URL] [--pages dashboard,lesson]

The seeded database, its media and the collected static files are reused between runs
(bench/_production_site.py says when and where): a warm run takes about a minute. --fresh seeds
again. Reports (HTML and JSON) go to var/lighthouse/. Without PostgreSQL or Redis it prints
"skipped: ..." and exits 0 (as the other benches do); under CI (CI=true) that is a failure.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from _production_site import CHROME_FLAGS, CHROMIUM, chromium_version, production_site
from _support import ROOT

OUT = ROOT / "var" / "lighthouse"
DATABASE_NAME = "isoko_lighthouse"
LEARNER = "entrepreneur@example.com"
# The service worker's source (the pwa work): once it is in the checkout, installability counts.
PWA_SOURCE = ROOT / "static" / "js" / "offline" / "sw.js"
CATEGORIES = ["performance", "accessibility", "best-practices"]
BARS = {"accessibility": 100, "best-practices": 95, "performance": 90}


# ---------------------------------------------------------------------------------------------
# Runs in Isoko's `manage.py shell`: the pages to audit and a logged-in session
# ---------------------------------------------------------------------------------------------
def pick_pages(*, out: str, email: str = LEARNER) -> None:
    """The learner's dashboard and the richest lesson (longest body) of their courses."""
    from django.contrib.auth import get_user_model
    from learning_data import session_for

    from courses.api import LessonPage, course_of
    from lms.models import Enrolment

    learner = get_user_model().objects.get(email=email)
    enrolled = set(Enrolment.objects.filter(learner=learner).values_list("course", flat=True))
    lessons = [
        lesson
        for lesson in LessonPage.objects.live().filter(locale__language_code="en")
        if course_of(lesson).pk in enrolled
    ]
    lesson = max(lessons, key=lambda page: len(str(page.body)))
    Path(out).write_text(
        json.dumps(
            {
                # The lesson and the dashboard are the gate; the others on request (--pages).
                "pages": {
                    "dashboard": "/dashboard/",
                    "lesson": lesson.url,
                    "course": course_of(lesson).url,
                    "offline": "/offline/",
                    "catalogue": "/courses/",
                },
                "session": session_for(learner),
            }
        )
    )


def lighthouse_binary() -> Path:
    binary = ROOT / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        sys.exit(
            "Lighthouse not installed: run `npm ci` (or `make setup-test`); it is pinned in "
            "package-lock.json"
        )
    if not Path(CHROMIUM).exists():
        sys.exit(f"Chromium not found at {CHROMIUM}: `apt-get install chromium` (or CHROME_PATH)")
    return binary


# ---------------------------------------------------------------------------------------------
# Auditing
# ---------------------------------------------------------------------------------------------
def audit(binary: Path, url: str, session: str, name: str) -> dict:
    """One Lighthouse run; returns its JSON report (also written, with the HTML, to var/)."""
    OUT.mkdir(parents=True, exist_ok=True)
    base = OUT / name
    command = [
        str(binary),
        url,
        f"--only-categories={','.join(CATEGORIES)}",
        "--form-factor=mobile",
        "--throttling-method=simulate",  # the default: slow 4G and a 4x slower CPU, simulated
        f"--chrome-flags={' '.join(CHROME_FLAGS)}",
        f"--extra-headers={json.dumps({'Cookie': f'sessionid={session}'})}",
        "--output=json",
        "--output=html",
        f"--output-path={base}",
        "--quiet",
    ]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=240)
    if done.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}:\n{done.stderr[-3000:]}")
    report = json.loads(Path(f"{base}.report.json").read_text())
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse on {url}: {report['runtimeError']}")
    final = report.get("finalDisplayedUrl") or report.get("finalUrl", "")
    if urlsplit(final).path != urlsplit(url).path:
        raise RuntimeError(f"lighthouse on {url} ended on {final}: not logged in?")
    return report


def scores(report: dict) -> dict:
    return {key: round((report["categories"][key]["score"] or 0) * 100) for key in CATEGORIES}


def failing_audits(report: dict) -> list[str]:
    """The audits that cost points, with their weight, for the categories that miss a bar."""
    lines = []
    for key in CATEGORIES:
        category = report["categories"][key]
        if round((category["score"] or 0) * 100) >= 100:
            continue
        for ref in category["auditRefs"]:
            result = report["audits"][ref["id"]]
            score = result.get("score")
            if ref["weight"] and score is not None and score < 1:
                shown_value = result.get("displayValue", "")
                lines.append(
                    f"    {key}: {ref['id']} (weight {ref['weight']}, score {score:.2f}) "
                    f"{result['title']} {shown_value}".rstrip()
                )
    return lines


def metrics(report: dict) -> str:
    audits = report["audits"]
    keys = [
        ("first-contentful-paint", "FCP"),
        ("largest-contentful-paint", "LCP"),
        ("total-blocking-time", "TBT"),
        ("cumulative-layout-shift", "CLS"),
        ("speed-index", "SI"),
    ]
    return ", ".join(f"{label} {audits[key]['displayValue']}" for key, label in keys)


def installability(port: int, session: str) -> list[str]:
    """Chromium's installability errors on the dashboard (empty: installable), read through
    CDP's Page.getInstallabilityErrors after the service worker, if any, controls the page."""
    from playwright.sync_api import sync_playwright

    # A persistent profile: Chromium refuses to install from an incognito one, which is what a
    # plain new_context() is.
    profile = tempfile.mkdtemp(prefix="isoko-lighthouse-profile-")
    try:
        with sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                profile,
                executable_path=CHROMIUM,
                args=[f for f in CHROME_FLAGS if f != "--headless=new"],
                viewport={"width": 412, "height": 823},
            )
            try:
                context.add_cookies(
                    [{"name": "sessionid", "value": session, "url": f"http://127.0.0.1:{port}"}]
                )
                page = context.new_page()
                page.goto(f"http://127.0.0.1:{port}/dashboard/", wait_until="load")
                # A worker that registers takes a moment to activate and claim the page
                # (polled: the site's CSP forbids the eval wait_for_function needs).
                deadline = time.monotonic() + 10
                while time.monotonic() < deadline:
                    if page.evaluate("() => !!(navigator.serviceWorker || {}).controller"):
                        break
                    page.wait_for_timeout(250)
                page.reload(wait_until="load")
                cdp = context.new_cdp_session(page)
                manifest = cdp.send("Page.getAppManifest")
                errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    problems = [
        error["errorId"]
        + "".join(f" {arg['name']}={arg['value']}" for arg in error.get("errorArguments", []))
        for error in errors
    ]
    if not manifest.get("url"):
        problems.insert(0, "no manifest linked from the page (<link rel=manifest>)")
    return problems


# ---------------------------------------------------------------------------------------------
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fresh", action="store_true", help="seed the database again")
    parser.add_argument("--redis-url", default=os.environ.get("LIGHTHOUSE_REDIS_URL", ""))
    parser.add_argument(
        "--pages", default="lesson,dashboard", help="also: course, offline, catalogue"
    )
    parser.add_argument("--no-retry", action="store_true", help="one run per page, whatever")
    args = parser.parse_args()
    binary = lighthouse_binary()
    version = subprocess.run(
        [str(binary), "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    started = time.perf_counter()
    with production_site(
        DATABASE_NAME, "lighthouse.pick_pages", fresh=args.fresh, redis_url=args.redis_url
    ) as (port, picked, setup):
        print(f"Lighthouse {version}, {chromium_version()}; {setup}", flush=True)
        results = run_audits(binary, port, picked, args)
        installable = installability(port, picked["session"])
    ok = report(results, installable)
    print(f"lighthouse: {time.perf_counter() - started:.0f} s in all; reports in {OUT}")
    if not ok:
        sys.exit(1)


def run_audits(binary: Path, port: int, picked: dict, args: argparse.Namespace) -> dict:
    """{page: [(scores, report), ...]}: one run, a second when performance misses its bar."""
    results: dict[str, list[tuple[dict, dict]]] = {}
    for name in args.pages.split(","):
        path = picked["pages"][name]
        url = f"http://127.0.0.1:{port}{path}"
        # A first request warms the page cache and gunicorn's workers, as a real site is warm.
        subprocess.run(
            ["curl", "-s", "-o", "/dev/null", "-H", f"Cookie: sessionid={picked['session']}", url],
            check=False,
        )
        runs = []
        for attempt in range(1 if args.no_retry else 2):
            result = audit(binary, url, picked["session"], f"{name}-{attempt + 1}")
            runs.append((scores(result), result))
            got = runs[-1][0]
            print(
                f"  {name:<10} {path}  run {attempt + 1}: "
                + ", ".join(f"{key} {got[key]}" for key in CATEGORIES)
                + f"  ({metrics(result)})",
                flush=True,
            )
            if got["performance"] >= BARS["performance"]:
                break
        results[name] = runs
    return results


def report(results: dict, installable: list[str]) -> bool:
    ok = True
    print()
    print(f"{'page':<12}{'performance':>13}{'accessibility':>15}{'best practices':>16}  verdict")
    for name, runs in results.items():
        best = {
            "performance": max(got["performance"] for got, _ in runs),
            "accessibility": min(got["accessibility"] for got, _ in runs),
            "best-practices": min(got["best-practices"] for got, _ in runs),
        }
        missed = [key for key in CATEGORIES if best[key] < BARS[key]]
        ok &= not missed
        print(
            f"{name:<12}{best['performance']:>13}{best['accessibility']:>15}"
            f"{best['best-practices']:>16}  "
            + ("PASS" if not missed else "FAIL: " + ", ".join(missed))
        )
        if missed:
            for line in failing_audits(runs[-1][1]):
                print(line)
    print(
        "bars: accessibility 100, best practices >= 95, performance >= 90 (Lighthouse mobile, "
        "simulated slow 4G)"
    )
    if installable and not PWA_SOURCE.exists():
        # Before the pwa work lands there is no manifest or worker to find: said, not failed.
        print(
            f"installable: MISSING, not counted yet ({PWA_SOURCE.relative_to(ROOT)} is not in "
            "this checkout); Chromium's Page.getInstallabilityErrors on /dashboard/:"
        )
        for problem in installable:
            print(f"    {problem}")
    elif installable:
        ok = False
        print("installable: FAIL (Chromium's Page.getInstallabilityErrors on /dashboard/):")
        for problem in installable:
            print(f"    {problem}")
    else:
        print("installable: PASS (Chromium reports no installability error on /dashboard/)")
    return ok


if __name__ == "__main__":
    main()
