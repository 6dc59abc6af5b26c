"""Configuration from the environment, read once at start-up.

Everything a test or ``make run`` needs to change is an environment variable, so the sandbox is
started the same way everywhere: by the Makefile, by the tests and by CI.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .faults import FaultConfigError, validate_faults
from .routes import API_ENDPOINTS
from .validation import is_digits

# Dev-only default so that ``make run`` works with no configuration; Isoko's dev settings use the
# same pair. A warning is printed when it is used.
DEFAULT_KEYS = {"isoko-dev": "isoko-dev-sandbox-secret"}


class ConfigError(Exception):
    pass


@dataclass
class Config:
    keys: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_KEYS))
    webhook_url: str = ""
    webhook_key_id: str = ""
    webhook_secret: str = ""
    faults: dict = field(default_factory=dict)
    review_delay: float = 1.0
    db_path: Path = Path("var/sandbox.sqlite3")
    public_url: str = ""
    webhook_max_attempts: int = 8
    webhook_retry_base: float = 0.5
    webhook_timeout: float = 5.0
    webhook_workers: int = 4
    seed: int | None = None
    allow_remote_control: bool = False


def _json(env: dict, name: str, default):
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        return json.loads(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} is not valid JSON: {exc}") from exc


def _number(env: dict, name: str, default, kind=float):
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a number, got {raw!r}") from exc
    if value < 0:
        raise ConfigError(f"{name} must not be negative")
    return value


def _seed(env: dict) -> int | None:
    raw = env.get("SANDBOX_SEED", "").strip()
    if not raw:
        return None
    # A seed that is silently ignored would make a "reproducible" run random.
    if not is_digits(raw.removeprefix("-")):
        raise ConfigError(f"SANDBOX_SEED must be a whole number, got {raw!r}")
    return int(raw)


def from_env(env: dict | None = None) -> Config:
    env = dict(os.environ if env is None else env)
    keys = _json(env, "SANDBOX_KEYS", None)
    if keys is None:
        keys = dict(DEFAULT_KEYS)
        sys.stderr.write("marketplace sandbox: SANDBOX_KEYS unset, using the dev-only key\n")
    if (
        not isinstance(keys, dict)
        or not keys
        or not all(isinstance(k, str) and isinstance(v, str) and k and v for k, v in keys.items())
    ):
        raise ConfigError('SANDBOX_KEYS must be a JSON object {"key_id": "secret", ...}')

    webhook_key_id = env.get("SANDBOX_WEBHOOK_KEY_ID", "").strip() or next(iter(keys))
    webhook_secret = env.get("SANDBOX_WEBHOOK_SECRET", "") or keys.get(webhook_key_id, "")
    if not webhook_secret:
        raise ConfigError(
            "SANDBOX_WEBHOOK_KEY_ID is not in SANDBOX_KEYS: set SANDBOX_WEBHOOK_SECRET too"
        )
    try:
        faults = validate_faults(_json(env, "SANDBOX_FAULTS", {}), endpoints=API_ENDPOINTS)
    except FaultConfigError as exc:
        problems = "; ".join(f"{k}: {m}" for k, messages in exc.fields.items() for m in messages)
        raise ConfigError(f"SANDBOX_FAULTS: {problems}") from exc
    return Config(
        keys=keys,
        webhook_url=env.get("SANDBOX_WEBHOOK_URL", "").strip(),
        webhook_key_id=webhook_key_id,
        webhook_secret=webhook_secret,
        faults=faults,
        review_delay=_number(env, "SANDBOX_REVIEW_DELAY", 1.0),
        db_path=Path(env.get("SANDBOX_DB", "").strip() or "var/sandbox.sqlite3"),
        public_url=env.get("SANDBOX_PUBLIC_URL", "").strip().rstrip("/"),
        webhook_max_attempts=max(1, _number(env, "SANDBOX_WEBHOOK_MAX_ATTEMPTS", 8, int)),
        webhook_retry_base=_number(env, "SANDBOX_WEBHOOK_RETRY_BASE", 0.5),
        webhook_timeout=_number(env, "SANDBOX_WEBHOOK_TIMEOUT", 5.0),
        webhook_workers=max(1, _number(env, "SANDBOX_WEBHOOK_WORKERS", 4, int)),
        seed=_seed(env),
        allow_remote_control=env.get("SANDBOX_ALLOW_REMOTE_CONTROL", "") == "1",
    )
