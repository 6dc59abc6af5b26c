"""What a test run leaves for CI under var/: the outcome of every service-bound, browser and
make-run test (marked-tests.json: .ci/run fails if one was skipped) and every test's durations
(test-durations.json: .ci/run prints the slowest).

A developer may run pytest more than once in a row (a part, then another), so each run merges
what it saw into the files instead of replacing them, under a lock. Only the process that
reports (a plain run, or xdist's controller, which receives every worker's reports) writes;
`make test` removes both files before it runs.
"""

from __future__ import annotations

import fcntl
import json
import os
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
MARKED_FILE = VAR / "marked-tests.json"
DURATIONS_FILE = VAR / "test-durations.json"
MARKED = ("services", "browser", "make_run", "storage")


class Records:
    def __init__(self):
        self.outcomes: dict[str, dict] = {}
        self.durations: dict[str, dict[str, float]] = {}

    def add(self, report) -> None:
        phases = self.durations.setdefault(report.nodeid, {})
        phases[report.when] = round(phases.get(report.when, 0.0) + report.duration, 3)
        markers = getattr(report, "isoko_markers", None)
        if markers and (report.when == "call" or report.outcome != "passed"):
            _worst(self.outcomes, report.nodeid, {"markers": markers, "outcome": report.outcome})

    def write(self) -> None:
        VAR.mkdir(exist_ok=True)
        with _locked(VAR / ".test-records.lock"):
            if self.outcomes:
                merged = _read(MARKED_FILE)
                for nodeid, entry in self.outcomes.items():
                    _worst(merged, nodeid, entry)
                _write(MARKED_FILE, merged)
            if self.durations:
                merged = _read(DURATIONS_FILE)
                merged.update(self.durations)
                _write(DURATIONS_FILE, merged)


def _worst(outcomes: dict, nodeid: str, entry: dict) -> None:
    """A test's first failure or skip is its outcome: a later phase's pass never hides it."""
    if outcomes.get(nodeid, {}).get("outcome") in (None, "passed"):
        outcomes[nodeid] = entry


def _read(path: Path) -> dict:
    try:
        return json.loads(path.read_text())
    except (FileNotFoundError, ValueError):
        return {}


def _write(path: Path, data: dict) -> None:
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_text(json.dumps(data, indent=1, sort_keys=True))
    partial.replace(path)


@contextmanager
def _locked(path: Path):
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
