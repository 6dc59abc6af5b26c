"""Saving a course for offline and opening a saved lesson, in Chromium: issue 16's measurement.

Isoko runs in production shape (bench/_production_site.py: config.settings.production under
gunicorn, WhiteNoise, PostgreSQL isoko_lighthouse as bench/lighthouse.py seeds it, Redis db 9), the
demo account academic@example.com enrolled in every self-paced demo course. Playwright drives
Debian's Chromium (a phone-sized context, the learner's session cookie):

1. **Bytes to save the largest demo course.** The course whose pack is largest
   (`GET /learn/courses/<id>/offline/`, the savecourse manifest; documents left out as the
   page's default) is saved as static/js/offline/save-course.js saves it: every item fetched
   and put into the cache `isoko-course:<pk>:<version>`, plus its meta.json entry. The page's
   own "Save for offline" button is clicked when the page has one (save-course.js), else the
   bench does the same steps itself. Bytes are what crossed the wire (CDP
   `Network.loadingFinished`'s encodedDataLength: headers and compressed bodies), counted cold:
   the service worker is bypassed while saving, so nothing comes from a cache.
2. **Opening a saved lesson offline** (`context.set_offline(True)`, the real offline mode): the
   navigation's duration (Navigation Timing, start to the load event), served by the service
   worker from the course's cache; median over --offline-runs. Target: median < 300 ms.
3. **The same lesson online over slow 4G**: DevTools throttling (CDP
   `Network.emulateNetworkConditions`: Lighthouse's slow-4G profile as DevTools applies it,
   562.5 ms request latency, 1.47 Mbit/s down, 675 kbit/s up), HTTP cache and service worker
   off: a first visit. Median over --online-runs.

    .venv/bin/python bench/offline.py [--offline-runs 15] [--online-runs 5] [--strict] [--fresh]

Prints a table. Exits 1 if saving or opening fails; --strict also when the 300 ms target is
missed. Without the service worker (the pwa work) the offline open cannot happen: it says so
and exits 1 (the bench is built on the contract in docs/offline.md).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

from _production_site import CHROME_FLAGS, CHROMIUM, chromium_version, production_site

DATABASE_NAME = "isoko_lighthouse"  # shared with bench/lighthouse.py: one seed
# Not the Lighthouse learner: enrolling this one in every course leaves that dashboard alone.
LEARNER = "academic@example.com"
OFFLINE_TARGET_MS = 300
# Lighthouse's slow 4G (rtt 150 ms, 1.6 Mbit/s) as DevTools throttling applies it (Lighthouse's
# constants.throttling.mobileSlow4G: request latency = rtt x 3.75, throughput x 0.9).
SLOW_4G = {
    "offline": False,
    "latency": 150 * 3.75,
    "downloadThroughput": 1.6 * 1024 * 1024 * 0.9 / 8,
    "uploadThroughput": 750 * 1024 * 0.9 / 8,
}
PHONE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75}
PHONE_ARGS = [flag for flag in CHROME_FLAGS if flag != "--headless=new"]


# ---------------------------------------------------------------------------------------------
# Runs in Isoko's `manage.py shell`: enrol the learner, list the courses, make a session
# ---------------------------------------------------------------------------------------------
def pick(*, out: str) -> None:
    import json
    from pathlib import Path

    from django.contrib.auth import get_user_model
    from learning_data import session_for

    from courses.api import CoursePage
    from lms.errors import LmsError
    from lms.services.enrolment import enrolment_create

    learner = get_user_model().objects.get(email=LEARNER)
    courses = []
    for course in CoursePage.objects.live().filter(locale__language_code="en").order_by("path"):
        try:
            enrolment_create(learner=learner, course=course)
        except LmsError:
            continue  # cohort-only or closed: not one this learner can save
        courses.append({"pk": course.pk, "title": course.title, "url": course.url})
    Path(out).write_text(json.dumps({"courses": courses, "session": session_for(learner)}))


# ---------------------------------------------------------------------------------------------
# In the page: the save, as save-course.js does it (the contract in docs/offline.md)
# ---------------------------------------------------------------------------------------------
SAVE_JS = """
async (pack) => {
  const name = `isoko-course:${pack.course}:${pack.version}`;
  const cache = await caches.open(name);
  const items = pack.items.filter((item) => item.kind !== "document");
  for (const item of items) {
    const response = await fetch(item.url, {credentials: "same-origin", cache: "no-store"});
    if (!response.ok) throw new Error(`${item.url}: ${response.status}`);
    await cache.put(item.url, response);
  }
  const meta = {course: pack.course, title: pack.title, url: pack.url, version: pack.version,
                saved_at: new Date().toISOString(), bytes: pack.total_bytes,
                low_data: pack.low_data, lessons: pack.lessons || []};
  await cache.put(`/offline/courses/${pack.course}/meta.json`,
                  new Response(JSON.stringify(meta),
                               {headers: {"Content-Type": "application/json"}}));
  return {cache: name, items: items.length};
}
"""

SAVED_JS = """
async (course) => {
  const names = (await caches.keys()).filter((n) => n.startsWith(`isoko-course:${course}:`));
  if (!names.length) return null;
  const cache = await caches.open(names[0]);
  return {cache: names[0], entries: (await cache.keys()).length};
}
"""

NAVIGATION_MS = (
    "() => { const n = performance.getEntriesByType('navigation')[0];"
    " return n ? n.loadEventEnd - n.startTime : null; }"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--offline-runs", type=int, default=15)
    parser.add_argument("--online-runs", type=int, default=5)
    parser.add_argument("--strict", action="store_true", help="exit 1 if the target is missed")
    parser.add_argument("--fresh", action="store_true", help="seed the database again")
    parser.add_argument("--redis-url", default=os.environ.get("LIGHTHOUSE_REDIS_URL", ""))
    args = parser.parse_args()
    started = time.perf_counter()
    with production_site(
        DATABASE_NAME, "offline.pick", fresh=args.fresh, redis_url=args.redis_url
    ) as (port, picked, setup):
        print(f"{chromium_version()}; {setup}", flush=True)
        rows, ok = measure(f"http://127.0.0.1:{port}", picked, args)
    print_table(rows)
    print(f"offline: {time.perf_counter() - started:.0f} s in all")
    if not ok:
        sys.exit(1)


def measure(base: str, picked: dict, args: argparse.Namespace) -> tuple[list, bool]:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    rows: list[tuple[str, str]] = []
    ok = True
    cookie = [{"name": "sessionid", "value": picked["session"], "url": base}]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=PHONE_ARGS)
        try:
            context = browser.new_context(**PHONE)
            context.add_cookies(cookie)
            # The largest pack among the learner's courses (documents left out, as saved).
            packs = []
            for course in picked["courses"]:
                response = context.request.get(f"{base}/learn/courses/{course['pk']}/offline/")
                if response.status != 200:
                    sys.exit(
                        f"offline: GET /learn/courses/{course['pk']}/offline/ answered "
                        f"{response.status} (the savecourse pack manifest): "
                        f"{response.text()[:200]}"
                    )
                pack = response.json()
                pack["saved_bytes"] = sum(
                    item["bytes"] for item in pack["items"] if item["kind"] != "document"
                )
                packs.append(pack)
            pack = max(packs, key=lambda p: p["saved_bytes"])
            counts = {}
            for item in pack["items"]:
                counts[item["kind"]] = counts.get(item["kind"], 0) + 1
            rows.append(
                (
                    "course saved (the largest pack)",
                    f"{pack['title']}: "
                    + ", ".join(f"{n} {kind}s" for kind, n in sorted(counts.items())),
                )
            )
            rows.append(
                ("its manifest says (uncompressed)", f"{pack['saved_bytes'] / 1024:.0f} KiB")
            )

            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            page.goto(base + pack["url"], wait_until="load")
            worker = wait_for_worker(page)
            rows.append(("service worker", "controls the page" if worker else "none"))

            # 1. The save, cold: every byte over the network.
            transferred = {"bytes": 0, "requests": 0}

            def finished(event: dict) -> None:
                transferred["bytes"] += event.get("encodedDataLength", 0)
                transferred["requests"] += 1

            cdp.send("Network.setBypassServiceWorker", {"bypass": True})
            cdp.on("Network.loadingFinished", finished)
            save_started = time.perf_counter()
            how = save(page, base, pack)
            save_seconds = time.perf_counter() - save_started
            cdp.send("Network.setBypassServiceWorker", {"bypass": False})
            saved = page.evaluate(SAVED_JS, pack["course"])
            if not saved:
                raise RuntimeError("the course is not in any isoko-course:* cache after saving")
            rows.append(
                (
                    "bytes transferred to save it (cold)",
                    f"{transferred['bytes'] / 1024:.0f} KiB in {transferred['requests']} "
                    f"requests, {save_seconds:.1f} s unthrottled ({how})",
                )
            )

            # 2. A saved lesson, offline.
            lessons = [item["url"] for item in pack["items"] if item["kind"] == "page"]
            lesson = (pack.get("lessons") or [{"url": lessons[-1]}])[0]["url"]
            rows.append(("the lesson", lesson))
            context.set_offline(True)
            offline_ms = []
            failure = ""
            for _ in range(args.offline_runs):
                try:
                    page.goto(base + lesson, wait_until="load", timeout=15_000)
                except PlaywrightError as error:
                    failure = str(error).splitlines()[0]
                    break
                offline_ms.append(page.evaluate(NAVIGATION_MS))
            context.set_offline(False)
            if offline_ms and not failure:
                median = statistics.median(offline_ms)
                met = median < OFFLINE_TARGET_MS
                if args.strict and not met:
                    ok = False
                rows.append(
                    (
                        "open it offline (median, p90)",
                        f"{median:.0f} ms, {percentile(offline_ms, 90):.0f} ms "
                        f"(n={len(offline_ms)}; target median < {OFFLINE_TARGET_MS} ms: "
                        f"{'PASS' if met else 'FAIL'})",
                    )
                )
            else:
                ok = False
                rows.append(("open it offline", f"FAILED: {failure or 'no timing'}"))
            page.close()
            context.close()

            # 3. The same lesson online, slow 4G, a first visit.
            online_ms = []
            for _ in range(args.online_runs):
                fresh = browser.new_context(**PHONE)
                fresh.add_cookies(cookie)
                online = fresh.new_page()
                session = fresh.new_cdp_session(online)
                session.send("Network.enable")
                session.send("Network.setCacheDisabled", {"cacheDisabled": True})
                session.send("Network.setBypassServiceWorker", {"bypass": True})
                session.send("Network.emulateNetworkConditions", SLOW_4G)
                online.goto(base + lesson, wait_until="load", timeout=60_000)
                online_ms.append(online.evaluate(NAVIGATION_MS))
                fresh.close()
            rows.append(
                (
                    "the same lesson online, slow 4G (median)",
                    f"{statistics.median(online_ms):.0f} ms (n={len(online_ms)}, first visit, "
                    "DevTools throttling: 562.5 ms latency, 1.47/0.68 Mbit/s)",
                )
            )
        finally:
            browser.close()
    return rows, ok


def wait_for_worker(page, seconds: float = 10.0) -> bool:
    """Until a service worker controls the page (polled: the site's CSP forbids the eval
    Playwright's wait_for_function needs)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if page.evaluate("() => !!(navigator.serviceWorker || {}).controller"):
            return True
        page.wait_for_timeout(250)
    return False


def save(page, base: str, pack: dict) -> str:
    """Save the course: the page's own button (save-course.js) if it shows one, else the same
    steps from here. Returns which."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    button = page.locator("[data-save-offline] [data-action=save]:visible").first
    try:  # the widget asks for the pack's size first, then offers the button
        button.wait_for(state="visible", timeout=10_000)
    except PlaywrightTimeout:
        button = None
    if button:
        button.click()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if page.evaluate(SAVED_JS, pack["course"]):
                # The meta.json entry is written last: wait for it.
                if page.evaluate(
                    "async (c) => !!(await caches.match(`/offline/courses/${c}/meta.json`))",
                    pack["course"],
                ):
                    return "the page's Save for offline button"
            page.wait_for_timeout(200)
        raise RuntimeError("the Save for offline button did not save the course in 120 s")
    page.evaluate(SAVE_JS, pack)
    return "the manifest's items fetched into the cache by the bench"


def percentile(values: list[float], percent: int) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(round(percent / 100 * len(ordered))) - 1)]


def print_table(rows: list[tuple[str, str]]) -> None:
    width = max(len(name) for name, _ in rows) + 2
    print()
    for name, value in rows:
        print(f"{name:<{width}}{value}")


if __name__ == "__main__":
    main()
