"""Sentry is optional: initialised only when SENTRY_DSN is set, and never with personal data."""

from __future__ import annotations

import runpy
from pathlib import Path

import sentry_sdk

SETTINGS = Path(__file__).resolve().parents[2] / "config" / "settings" / "observability.py"


def test_sentry_is_not_initialised_without_a_dsn(monkeypatch):
    # The settings this test process runs on have no DSN: no Sentry client is active.
    assert not sentry_sdk.get_client().is_active()
    # And the settings module, read again without one, does not call init.
    monkeypatch.delenv("SENTRY_DSN", raising=False)
    calls = []
    monkeypatch.setattr(sentry_sdk, "init", lambda **kwargs: calls.append(kwargs))
    settings = runpy.run_path(str(SETTINGS))
    assert settings["SENTRY_DSN"] == ""
    assert calls == []


def test_with_a_dsn_sentry_gets_django_and_celery_and_no_personal_data(monkeypatch):
    # sentry_sdk.init is replaced only so that this test process does not start reporting.
    monkeypatch.setenv("SENTRY_DSN", "https://public@sentry.example/1")
    monkeypatch.setenv("SENTRY_TRACES_SAMPLE_RATE", "0.05")
    calls = []
    monkeypatch.setattr(sentry_sdk, "init", lambda **kwargs: calls.append(kwargs))
    runpy.run_path(str(SETTINGS))
    [options] = calls
    assert options["dsn"] == "https://public@sentry.example/1"
    assert options["send_default_pii"] is False
    assert options["traces_sample_rate"] == 0.05
    assert {type(i).__name__ for i in options["integrations"]} == {
        "DjangoIntegration",
        "CeleryIntegration",
    }
