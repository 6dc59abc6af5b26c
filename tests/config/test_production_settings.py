"""Production settings refuse to start without secrets and pass `check --deploy` with them.

Two subprocesses, not one per case (each boots Python and Django: seconds of CPU): one loads the
production settings once per missing secret, as Django does at start-up, and reports what each
load raised; one runs the real `manage.py check --deploy`.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SECRETS = {
    "SECRET_KEY": "x" * 30 + "-production-grade-secret-key-" + "y" * 30,
    "ALLOWED_HOSTS": "isoko.example.rw",
    "DATABASE_URL": "postgres://isoko@127.0.0.1:5432/isoko",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    # The W3C eddsa-rdfc-2022 test vector's key: public, fine for a settings test.
    "ISOKO_CREDENTIAL_KEYS": '[{"id": "2026-11", '
    '"secretKeyMultibase": "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq"}]',
    "WAGTAILADMIN_BASE_URL": "https://isoko.example.rw",
    "ISOKO_MARKETPLACE_KEY_ID": "isoko-live-1",
    "ISOKO_MARKETPLACE_SECRET": "m" * 48,
}


# For each secret: the environment without it, the settings module loaded afresh by Django's own
# loader (django.conf.Settings, what `manage.py` and gunicorn go through), and what it raised.
# First, as a control, with every secret ("" missing): then it must raise nothing.
LOAD_WITHOUT_EACH = """
import json, os, sys
from django.conf import Settings

secrets = json.loads(sys.argv[1])
base = dict(os.environ)
raised = {}
for missing in ["", *sorted(secrets)]:
    for name in [name for name in sys.modules if name.startswith("config.settings")]:
        del sys.modules[name]
    os.environ.clear()
    os.environ.update(base, **{k: v for k, v in secrets.items() if k != missing})
    try:
        Settings("config.settings.production")
    except Exception as error:
        raised[missing] = f"{type(error).__name__}: {error}"
    else:
        raised[missing] = None
print(json.dumps(raised))
"""


def clean_env(env: dict[str, str]) -> dict[str, str]:
    leaky = {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in SECRETS and k not in leaky}
    clean.update(env, DJANGO_SETTINGS_MODULE="config.settings.production")
    return clean


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean_env(env),
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def raised_without() -> dict[str, str | None]:
    """What loading the production settings raised without each secret, in one subprocess."""
    done = subprocess.run(
        [sys.executable, "-c", LOAD_WITHOUT_EACH, json.dumps(SECRETS)],
        cwd=ROOT,
        env=clean_env({}),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout.splitlines()[-1])


@pytest.mark.parametrize("missing", sorted(SECRETS))
def test_production_refuses_to_start_without(missing, raised_without):
    assert raised_without[missing] == (
        f"ImproperlyConfigured: Production settings need the {missing} environment variable."
    )


def test_the_same_loader_starts_with_every_secret(raised_without):
    assert raised_without[""] is None


def test_check_deploy_is_clean_with_secrets():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=SECRETS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
