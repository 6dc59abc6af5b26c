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
# Seconds each long unit took in the full run of 6 December 2026 (1,912 tests, on the shared
# 2-core machine under a load of about 17, so every figure is two to five times CI's: a
# CPU-bound unit stretches more than one that waits), less what that day's speed-ups took off
# (docs/architecture.md, "Running the tests": three offline and marketplace modules that
# rebuilt their data per test dropped below the list). Only the order matters: the longest go
# out first, and no long unit is left for the end of the run. Every unit above about 90 s here
# (about 25 s in CI) is listed, and the units that mostly wait on processes of their own (the
# real `make run`, the two-node cluster) even below it; the others keep xdist's order. Three
# figures are those of the run of 7 December times what that day's speed-ups took off each
# unit, measured alone before and after (docs/architecture.md). When a unit grows, sum
# var/test-durations.json per unit (unit_of below) or read .ci/run's "slowest tests" list.
LONG = {
    "tests/crawl/test_crawl.py": 480.0,  # 530 before: 405 pages rendered, not 449
    "tests/fuzz/test_paths.py": 192.0,
    "tests/offline/test_pack_browser.py": 169.0,
    "tests/offline/test_quiz_browser.py": 168.0,
    "tests/courses/test_admin_search_input.py": 154.0,
    "tests/services/": 150.0,  # 314 before: Django processes start and exit for less CPU
    "tests/courses/test_quiz_validation.py": 139.0,
    "tests/perf/test_dashboard_queries.py": 134.0,
    "tests/fuzz/test_pages.py": 125.0,
    "tests/offline/test_pack_queries.py": 125.0,
    "tests/courses/test_moderation.py": 116.0,
    "tests/certificates/test_admin.py": 111.0,
    "tests/courses/test_query_counts.py": 108.0,
    "tests/config/test_seed_demo.py": 105.0,
    "tests/config/test_language.py": 104.0,
    "tests/lms/cohorts/test_admin.py": 100.0,
    "tests/lms/test_enrolment.py": 99.0,
    "tests/offline/test_queue_race.py": 98.0,
    "tests/marketplace/test_provisioning.py": 98.0,
    "tests/config/test_production_settings.py": 96.0,
    "tests/marketplace/test_review.py": 93.0,
    "tests/lms/test_document_access.py": 93.0,
    "tests/run/test_make_run.py": 90.0,  # 132 before: the same, and a cheaper seed_demo
    "tests/nodes/test_two_nodes.py": 60.0,  # 92 before: six Django processes start faster
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
