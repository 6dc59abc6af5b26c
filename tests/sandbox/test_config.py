"""Configuration from the environment: a mistake stops the start with a message, not a trace."""

from __future__ import annotations

import json

import pytest

from marketplace_sandbox.config import ConfigError, from_env

KEYS = {"SANDBOX_KEYS": json.dumps({"k": "secret"})}


@pytest.mark.parametrize("seed", ["--5", "²", "5x", "1.5"])
def test_a_seed_that_is_not_a_whole_number_is_refused(seed):
    with pytest.raises(ConfigError, match="SANDBOX_SEED"):
        from_env({**KEYS, "SANDBOX_SEED": seed})


def test_a_seed_may_be_negative_or_unset():
    assert from_env({**KEYS, "SANDBOX_SEED": " -5 "}).seed == -5
    assert from_env(KEYS).seed is None


def test_a_failure_rate_for_no_endpoint_is_refused_at_start():
    faults = {"failure_rate": {"*": 0.1, "POST /v1/stores/{id}/products": 1.0}}
    with pytest.raises(ConfigError, match=r"'POST /v1/stores/\{id\}/products'"):
        from_env({**KEYS, "SANDBOX_FAULTS": json.dumps(faults)})
    faults = {"failure_rate": {"*": 0.1, "POST /v1/stores/{store_id}/products": 1.0}}
    assert (
        from_env({**KEYS, "SANDBOX_FAULTS": json.dumps(faults)}).faults["failure_rate"]
        == (faults["failure_rate"])
    )
