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
# Seconds each long unit takes on the quiet 2-core CI machine (every other module takes < 30 s):
# the last CI run's figures, and for the units added on 6 December 2026 that day's run (under a
# load of 13) divided by 4. Only the order matters: the longest go out first, and no long unit
# is left for the end of the run.
# See .ci/run's "slowest tests" list: update when a unit joins or leaves it.
LONG = {
    "tests/crawl/test_crawl.py": 233.0,
    "tests/services/": 190.0,
    "tests/nodes/test_two_nodes.py": 165.0,
    "tests/run/test_make_run.py": 43.0,
    "tests/fuzz/test_pages.py": 40.0,
    "tests/e2e/test_catalogue_journey.py": 35.0,
    "tests/courses/test_demo_content.py": 33.0,
    "tests/perf/test_lesson_queries.py": 32.0,
    "tests/config/test_seed_demo.py": 20.0,  # two seeds of the demo since that day, not three
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
