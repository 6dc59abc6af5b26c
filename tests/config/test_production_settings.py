"""Production settings refuse to start without secrets and pass `check --deploy` with them."""

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


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    leaky = {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in SECRETS and k not in leaky}
    clean.update(env, DJANGO_SETTINGS_MODULE="config.settings.production")
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("missing", sorted(SECRETS))
def test_production_refuses_to_start_without(missing):
    env = {k: v for k, v in SECRETS.items() if k != missing}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert f"Production settings need the {missing} environment variable" in result.stderr


def test_check_deploy_is_clean_with_secrets():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=SECRETS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
