"""How pytest-xdist hands out the tests: one module at a time, the long waiting ones first.

`make test` runs the whole suite in one pytest-xdist run. Most of it is CPU-bound unit tests;
a few units are long and mostly wait (a browser crawling the demo, Celery workers killed and
restarted, the real `make run`). Handed out in xdist's order (modules with most tests first) they
came last: in a run with the unit part first and these after it, 500 s of waiting followed
280 s of unit tests on two cores. Handed out first, each to its own worker, they wait while the
other workers take the unit modules.

- A work unit is a test module (xdist's loadscope), except that the service-bound tests form one
  unit: their Celery workers must not compete with each other for the CPU their timing rests on.
- The units in LONG go first, longest first; the others keep xdist's order.
"""

from __future__ import annotations

from xdist.scheduler import LoadScopeScheduling

# Tests that must share one worker (their own unit), by path prefix.
SHARED_UNITS = ("tests/services/",)
# Seconds each long unit took in the full run of 7 December 2026 (2,316 tests, PostgreSQL, on
# the shared 2-core machine beside other work, so every figure is more than CI's; summed from
# var/test-durations.json per unit), and for the four marked, that figure less what the same
# day's speed-ups took off the unit, measured alone before and after (docs/architecture.md).
# Units whose first test waited for the run's one migrate (about a minute here) are left out:
# that wait is not theirs. Only the order matters: the longest go out first, and no long unit
# is left for the end of the run; the others keep xdist's order. When a unit grows, sum
# var/test-durations.json per unit (unit_of below) or read .ci/run's "slowest tests" list.
LONG = {
    "tests/crawl/test_crawl.py": 380.0,  # 476 before: 258 renders, not 410 (frame, <main> apart)
    "tests/services/": 150.0,  # 314 before: Django processes start and exit for less CPU
    "tests/fuzz/test_pages.py": 125.0,
    "tests/run/test_make_run.py": 90.0,  # 132 before: the same, and a cheaper seed_demo
    "tests/nodes/test_two_nodes.py": 60.0,  # 92 before: six Django processes start faster
    "tests/offline/test_quiz_browser.py": 47.0,
    "tests/e2e/test_catalogue_journey.py": 43.0,
    "tests/fuzz/test_paths.py": 34.0,
    "tests/offline/test_pack_browser.py": 30.0,
    "tests/marketplace/test_review.py": 28.0,
    "tests/config/test_production_settings.py": 28.0,
    "tests/offline/test_offline_journey.py": 27.0,
    "tests/offline/test_queue_browser.py": 26.0,
    "tests/e2e/test_storefront_journey.py": 26.0,
    "tests/perf/test_dashboard_cache.py": 25.0,
    "tests/concurrency/test_editor_bursts.py": 23.0,
    "tests/marketplace/test_provisioning.py": 21.0,
    "tests/certificates/test_admin.py": 21.0,
}


def unit_of(nodeid: str) -> str:
    for prefix in SHARED_UNITS:
        if nodeid.startswith(prefix):
            return prefix
    return nodeid.split("::", 1)[0]


class LongestFirst(LoadScopeScheduling):
    def _split_scope(self, nodeid: str) -> str:
        return unit_of(nodeid)

    def _assign_work_unit(self, node) -> None:
        # xdist takes the front of its queue: put the longest unit left there.
        longest = max(self.workqueue, key=lambda unit: LONG.get(unit, 0.0))
        self.workqueue.move_to_end(longest, last=False)
        super()._assign_work_unit(node)
