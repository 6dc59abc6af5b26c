"""`make bench`: every bench to the end, then a summary; exits 1 if any failed.

Each bench runs as its own process with its output shown as it comes. A bench that exits
non-zero is a failure, but the next one still runs (one broken bench used to hide every bench
after it). A bench that prints a line starting with "skipped:" (no PostgreSQL, no Redis) and
exits 0 is counted as skipped, with its reason in the summary.

    .venv/bin/python bench/_run_all.py [name ...]     (names: home_page, lesson_page, ...)

Not benches: modules starting with "_" (shared code) and the modules other benches import
(HARNESSES below: the two-node harness, the data set's loader); bench/load/ is the Locust load
test, run on its own (docs/capacity.md).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
# Imported by benches, not benches: the two-node harness two_nodes.py starts, and the learning
# data set's loader (learning_load.py, production_pages.py).
HARNESSES = {"cluster.py", "learning_data.py"}


def benches(names: list[str]) -> list[Path]:
    found = sorted(
        path
        for path in BENCH_DIR.glob("*.py")
        if not path.name.startswith("_") and path.name not in HARNESSES
    )
    if not names:
        return found
    wanted = {name.removesuffix(".py") for name in names}
    unknown = wanted - {path.stem for path in found}
    if unknown:
        sys.exit(
            f"no such bench: {', '.join(sorted(unknown))} (have: "
            f"{', '.join(path.stem for path in found)})"
        )
    return [path for path in found if path.stem in wanted]


def run(path: Path) -> tuple[int, str, float]:
    """Run one bench, echoing its output; (exit status, its "skipped:" reason or "", seconds)."""
    started = time.perf_counter()
    skipped = ""
    process = subprocess.Popen(
        [sys.executable, "-u", str(path)],
        cwd=BENCH_DIR.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stdout is not None
    for line in process.stdout:
        print(line, end="", flush=True)
        if line.startswith("skipped:"):
            skipped = line.removeprefix("skipped:").strip()
    status = process.wait()
    return status, skipped, time.perf_counter() - started


def main() -> None:
    results = []
    for path in benches(sys.argv[1:]):
        print(f"\n== {path.relative_to(BENCH_DIR.parent)}", flush=True)
        status, skipped, seconds = run(path)
        if status != 0:
            verdict = f"FAILED (exit {status})"
        elif skipped:
            verdict = f"skipped: {skipped}"
        else:
            verdict = "ok"
        results.append((path.stem, verdict, seconds))

    print("\n== make bench: summary")
    width = max(len(name) for name, _verdict, _seconds in results) + 2
    for name, verdict, seconds in results:
        print(f"{name:<{width}}{seconds:>7.0f} s  {verdict}")
    failed = [name for name, verdict, _seconds in results if verdict.startswith("FAILED")]
    if failed:
        sys.exit(f"make bench: {len(failed)} of {len(results)} failed: {', '.join(failed)}")
    print(f"make bench: {len(results)} benches ran, none failed")


if __name__ == "__main__":
    main()
