"""The Lighthouse gate's verdicts (bench/lighthouse.py, run by `make lighthouse` in CI): which
scores pass, how a second performance run counts, and when installability is counted. The
audits themselves need Chromium and a seeded production server: .ci/run runs them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import lighthouse  # noqa: E402


def fake_report(performance: float, accessibility: float, best: float) -> dict:
    """The parts of a Lighthouse JSON report the gate reads."""
    audits = {
        "color-contrast": {"score": 0 if accessibility < 1 else 1, "title": "Contrast"},
        "uses-long-cache-ttl": {"score": 0.5, "title": "Cache policy", "displayValue": "1"},
        "errors-in-console": {"score": 0 if best < 1 else 1, "title": "Console errors"},
    }
    return {
        "categories": {
            "performance": {
                "score": performance,
                "auditRefs": [{"id": "uses-long-cache-ttl", "weight": 0}],
            },
            "accessibility": {
                "score": accessibility,
                "auditRefs": [{"id": "color-contrast", "weight": 7}],
            },
            "best-practices": {
                "score": best,
                "auditRefs": [{"id": "errors-in-console", "weight": 1}],
            },
        },
        "audits": audits,
    }


def runs(*reports: dict) -> list[tuple[dict, dict]]:
    return [(lighthouse.scores(report), report) for report in reports]


def test_the_bars_pass_at_their_edges_and_fail_below(capsys):
    at_bars = {"lesson": runs(fake_report(0.90, 1.0, 0.95))}
    assert lighthouse.report(at_bars, []) is True
    assert lighthouse.report({"lesson": runs(fake_report(0.89, 1.0, 1.0))}, []) is False
    assert lighthouse.report({"lesson": runs(fake_report(1.0, 0.99, 1.0))}, []) is False
    assert lighthouse.report({"lesson": runs(fake_report(1.0, 1.0, 0.94))}, []) is False
    out = capsys.readouterr().out
    assert "FAIL: accessibility" in out and "FAIL: best-practices" in out
    # The audit that cost the points is named, with its weight.
    assert "accessibility: color-contrast (weight 7, score 0.00) Contrast" in out


def test_a_second_run_counts_its_better_performance_but_never_hides_other_failures(capsys):
    retried = runs(fake_report(0.80, 1.0, 1.0), fake_report(0.93, 1.0, 1.0))
    assert lighthouse.report({"dashboard": retried}, []) is True
    worse_a11y = runs(fake_report(0.80, 0.95, 1.0), fake_report(0.93, 1.0, 1.0))
    assert lighthouse.report({"dashboard": worse_a11y}, []) is False
    assert "FAIL: accessibility" in capsys.readouterr().out


@pytest.mark.parametrize("worker_in_checkout", [False, True])
def test_installability_counts_once_the_service_worker_is_in_the_checkout(
    tmp_path, monkeypatch, capsys, worker_in_checkout
):
    worker = tmp_path / "static" / "js" / "offline" / "sw.js"
    if worker_in_checkout:
        worker.parent.mkdir(parents=True)
        worker.write_text("// the worker")
    monkeypatch.setattr(lighthouse, "ROOT", tmp_path)
    monkeypatch.setattr(lighthouse, "PWA_SOURCE", worker)
    good = {"lesson": runs(fake_report(1.0, 1.0, 1.0))}
    assert lighthouse.report(good, ["no-manifest"]) is (not worker_in_checkout)
    out = capsys.readouterr().out
    assert "no-manifest" in out
    assert ("installable: FAIL" in out) is worker_in_checkout
    assert lighthouse.report(good, []) is True
    assert "installable: PASS" in capsys.readouterr().out
