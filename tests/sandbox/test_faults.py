"""Fault injection, set at runtime through /_sandbox/faults (and by SANDBOX_FAULTS at start)."""

from __future__ import annotations

import json
import time

from .client import request
from .conftest import PRODUCT, STORE
from .server import start_sandbox


def test_failures_before_and_after_the_change_are_survived_by_idempotency(api, sandbox):
    sandbox.faults(failure_rate={"POST /v1/stores": 1.0})
    replies = [api("POST", "/v1/stores", STORE, idempotency_key="retry-me") for _ in range(30)]
    assert {r.status for r in replies} <= {500, 502, 503}
    assert len({r.status for r in replies}) > 1
    assert all(
        r.body["error"]["code"] in ("internal_error", "bad_gateway", "unavailable") for r in replies
    )
    assert all(r.headers.get("Retry-After") == "1" for r in replies if r.status == 503)
    faults = sandbox.stats()["faults"]
    # Both kinds happened (the odds of 30 of one kind are 2**-29), and one "after" created it.
    assert faults["failure_before"] + faults["failure_after"] == 30
    assert faults["failure_before"] and faults["failure_after"]
    assert sandbox.stats()["stores"] == 1
    # Other endpoints are not affected ("*" is unset).
    assert api("GET", "/v1/stores").status == 200

    sandbox.faults(failure_rate={})
    final = api("POST", "/v1/stores", STORE, idempotency_key="retry-me")
    assert final.status == 201
    assert final.headers["Idempotent-Replayed"] == "true"  # applied by a failed attempt
    assert sandbox.stats()["stores"] == 1


def test_wildcard_failure_rate_applies_to_every_endpoint(api, sandbox):
    sandbox.faults(failure_rate={"*": 1.0, "GET /v1/stores": 0.0})
    assert api("GET", "/v1/stores").status == 200
    assert api("GET", "/v1/stores/st_x").status in (500, 502, 503)


def test_forced_429_carries_retry_after(api, sandbox):
    sandbox.faults(force_429={"every": 2, "retry_after": 3})
    statuses = [api("GET", "/v1/stores") for _ in range(4)]
    assert [r.status for r in statuses] == [200, 429, 200, 429]
    assert statuses[1].headers["Retry-After"] == "3"
    assert statuses[1].error == "rate_limited"
    # A 429 is not recorded: the retry with the same key runs the call.
    sandbox.faults(force_429={"every": 1, "retry_after": 1})
    assert api("POST", "/v1/stores", STORE, idempotency_key="k").status == 429
    sandbox.faults(force_429={"every": 0})
    reply = api("POST", "/v1/stores", STORE, idempotency_key="k")
    assert reply.status == 201 and "Idempotent-Replayed" not in reply.headers
    assert sandbox.stats()["faults"]["rate_limited"] == 3


def test_latency_is_added(api, sandbox):
    sandbox.faults(latency_ms=300)
    started = time.monotonic()
    assert api("GET", "/v1/stores").status == 200
    assert time.monotonic() - started >= 0.3


def test_down_refuses_everything_but_sandbox_control(api, sandbox):
    store = api("POST", "/v1/stores", STORE).body
    sandbox.faults(down=True)
    reply = api("GET", "/v1/stores")
    assert (reply.status, reply.error, reply.headers["Retry-After"]) == (503, "unavailable", "1")
    assert request(sandbox.url, "GET", f"/s/{store['id']}", key_id="", secret="").status == 503
    assert sandbox.control("GET", "/_sandbox/health") == {"status": "ok", "down": True}
    sandbox.faults(down=False)
    assert api("GET", "/v1/stores").status == 200


def test_bad_fault_config_is_refused(sandbox):
    import urllib.error

    try:
        sandbox.faults(failure_rate={"*": 2}, bogus=True)
    except urllib.error.HTTPError as exc:
        assert exc.code == 400
        assert set(json.loads(exc.read())["error"]["fields"]) == {"failure_rate", "bogus"}
    else:
        raise AssertionError("accepted a bad fault config")
    assert sandbox.control("GET", "/_sandbox/faults")["failure_rate"] == {}


def test_a_failure_rate_key_that_names_no_endpoint_is_refused(sandbox):
    # A misspelt key would inject nothing, and the test relying on it would pass untested.
    for key in ("POST /v1/stores/{id}/products", "GET /", "post /v1/stores"):
        reply = request(
            sandbox.url,
            "POST",
            "/_sandbox/faults",
            {"failure_rate": {key: 1.0}},
            key_id="",
            secret="",
            signed=False,
        )
        assert (reply.status, reply.error) == (400, "validation_failed")
        (message,) = reply.body["error"]["fields"]["failure_rate"]
        assert repr(key) in message and "POST /v1/stores/{store_id}/products" in message
    assert sandbox.control("GET", "/_sandbox/faults")["failure_rate"] == {}


def test_duplicate_webhook_deliveries(api, sandbox, receiver):
    sandbox.faults(webhook_duplicates=1.0)
    receiver.delay = 0.2
    store = api("POST", "/v1/stores", STORE).body
    api("POST", f"/v1/stores/{store['id']}/publish")
    events = receiver.wait_for(lambda ev: len(ev) == 4)
    ids = [e["id"] for e in events]
    assert len(set(ids)) == 2
    assert all(ids.count(i) == 2 for i in ids)
    assert sandbox.stats()["webhooks"]["duplicated"] == 2
    # The two copies are at the receiver at the same time (sent by two threads), so its
    # concurrent dedupe is exercised, not only the sequential one.
    for event_id in set(ids):
        first, second = [d for d in receiver.deliveries if d["event"]["id"] == event_id]
        assert first["started"] < second["finished"] and second["started"] < first["finished"]


def test_shuffled_webhook_deliveries(api, sandbox, receiver):
    sandbox.faults(webhook_shuffle=True, webhook_shuffle_window_ms=400)
    store = api("POST", "/v1/stores", STORE).body
    for i in range(3):
        api("POST", f"/v1/stores/{store['id']}/products", {**PRODUCT, "sku": f"s{i}"})
    api("POST", f"/v1/stores/{store['id']}/publish")
    received = receiver.wait_for(lambda ev: len(ev) == 5)
    emitted = [e["event"]["id"] for e in sandbox.control("GET", "/_sandbox/events")["data"]]
    assert sorted(emitted) == sorted(e["id"] for e in received)
    assert [e["id"] for e in received] != emitted


def test_faults_from_the_environment(tmp_path):
    faults = {"failure_rate": {"*": 1.0}, "force_429": {"every": 0, "retry_after": 1}}
    sandbox = start_sandbox(tmp_path, SANDBOX_FAULTS=json.dumps(faults))
    try:
        reply = request(
            sandbox.url, "GET", "/v1/stores", key_id=sandbox.key_id, secret=sandbox.secret
        )
        assert reply.status in (500, 502, 503)
        assert sandbox.control("GET", "/_sandbox/faults")["failure_rate"] == {"*": 1.0}
    finally:
        sandbox.stop()
