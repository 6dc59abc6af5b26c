"""Fault injection: the ways a real marketplace misbehaves, on demand.

A client that survives these is one that relies on idempotency and retries rather than on luck:
failures are answered either *before* the change is applied or *after* it (the sandbox picks at
random), because in real life a 502 from a proxy says nothing about whether the change happened.
"""

from __future__ import annotations

import copy
import random
import threading
from dataclasses import dataclass

DEFAULTS: dict = {
    "failure_rate": {},
    "latency_ms": 0,
    "force_429": {"every": 0, "retry_after": 1},
    "webhook_duplicates": 0.0,
    "webhook_shuffle": False,
    "webhook_shuffle_window_ms": 1000,
    "down": False,
}
FAILURE_STATUSES = (500, 502, 503)


class FaultConfigError(Exception):
    def __init__(self, fields: dict[str, list[str]]):
        super().__init__(str(fields))
        self.fields = fields


def _rate(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 1


def _count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _failure_rate_errors(value, endpoints: frozenset[str]) -> list[str]:
    if not isinstance(value, dict) or not all(_rate(v) for v in value.values()):
        return ['must map "METHOD /path/template" or "*" to a rate in [0, 1]']
    # A misspelt key would inject nothing, and a test relying on it would pass untested.
    unknown = sorted(str(k) for k in value if k != "*" and k not in endpoints)
    return [
        f'unknown endpoint {key!r}: use "*" or one of {", ".join(sorted(endpoints))}'
        for key in unknown
    ]


def validate_faults(patch, base: dict | None = None, *, endpoints: frozenset[str]) -> dict:
    """Merge ``patch`` over ``base`` (the defaults when None) and check every field.

    Top-level keys merge; ``failure_rate`` and ``force_429`` are replaced as a whole.
    ``{"clear": true}`` starts again from the defaults before merging the rest.
    ``endpoints`` are the keys ``failure_rate`` accepts besides ``"*"`` (``Route.endpoint``).
    """
    if not isinstance(patch, dict):
        raise FaultConfigError({"": ["must be a JSON object"]})
    patch = dict(patch)
    result = copy.deepcopy(DEFAULTS if base is None or patch.pop("clear", False) else base)
    errors: dict[str, list[str]] = {}
    for key, value in patch.items():
        if key not in DEFAULTS:
            errors[key] = ["unknown fault"]
        elif key == "failure_rate":
            if problems := _failure_rate_errors(value, endpoints):
                errors[key] = problems
        elif key == "force_429":
            if not isinstance(value, dict) or set(value) - {"every", "retry_after"}:
                errors[key] = ['must be {"every": n, "retry_after": seconds}']
            elif not all(_count(v) for v in value.values()):
                errors[key] = ["every and retry_after must be whole numbers >= 0"]
            else:
                value = {**DEFAULTS["force_429"], **value}
        elif key in ("latency_ms", "webhook_shuffle_window_ms"):
            if not _count(value):
                errors[key] = ["must be a whole number of milliseconds >= 0"]
        elif key == "webhook_duplicates":
            if not _rate(value):
                errors[key] = ["must be a probability in [0, 1]"]
        elif not isinstance(value, bool):
            errors[key] = ["must be true or false"]
        if key not in errors:
            result[key] = value
    if errors:
        raise FaultConfigError(errors)
    return result


@dataclass(frozen=True)
class Decision:
    """What to do to one API call: nothing, a 429, or a failure before or after the change."""

    kind: str = ""  # "", "rate_limited", "before", "after"
    status: int = 200
    retry_after: int = 0


class Faults:
    def __init__(self, config: dict, rng: random.Random, endpoints: frozenset[str]):
        self._lock = threading.Lock()
        self._endpoints = endpoints
        self._config = validate_faults(config, endpoints=endpoints)
        self._rng = rng
        self._calls = 0

    def get(self) -> dict:
        with self._lock:
            return copy.deepcopy(self._config)

    def update(self, patch) -> dict:
        with self._lock:
            self._config = validate_faults(patch, self._config, endpoints=self._endpoints)
            self._calls = 0
            return copy.deepcopy(self._config)

    def __getitem__(self, key):
        with self._lock:
            return self._config[key]

    def random(self) -> float:
        with self._lock:
            return self._rng.random()

    def shuffle(self, items: list) -> None:
        with self._lock:
            self._rng.shuffle(items)

    def decide(self, endpoint: str) -> Decision:
        with self._lock:
            self._calls += 1
            limit = self._config["force_429"]
            if limit["every"] and self._calls % limit["every"] == 0:
                return Decision("rate_limited", 429, limit["retry_after"])
            rates = self._config["failure_rate"]
            rate = rates.get(endpoint, rates.get("*", 0.0))
            if rate and self._rng.random() < rate:
                status = self._rng.choice(FAILURE_STATUSES)
                return Decision(self._rng.choice(("before", "after")), status, 1)
            return Decision()
