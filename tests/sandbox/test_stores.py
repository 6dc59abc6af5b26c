"""Stores: idempotent creates (by Idempotency-Key and by external_id), reads and updates."""

from __future__ import annotations

import threading

from .conftest import PRODUCT, STORE


def test_create_replay_and_key_reuse(api):
    first = api("POST", "/v1/stores", STORE, idempotency_key="key-1")
    assert first.status == 201
    store = first.body
    assert store["id"].startswith("st_")
    assert store["status"] == "PENDING"
    assert store["external_id"] == "app-1"
    assert store["description"]["zh"] == STORE["description"]["zh"]
    assert store["public_url"].endswith("/s/" + store["id"])
    assert "Idempotent-Replayed" not in first.headers

    # Same key, same body (keys in another order): the original response, marked as replayed.
    replay = api("POST", "/v1/stores", dict(reversed(STORE.items())), idempotency_key="key-1")
    assert (replay.status, replay.body) == (201, store)
    assert replay.headers["Idempotent-Replayed"] == "true"

    # Same key, another body: refused, and nothing changes.
    reused = api("POST", "/v1/stores", {**STORE, "trading_name": "Other"}, idempotency_key="key-1")
    assert (reused.status, reused.error) == (422, "idempotency_key_reused")

    # Another key, same external_id: 200 with the existing store, unchanged.
    again = api("POST", "/v1/stores", {**STORE, "trading_name": "Other"}, idempotency_key="key-2")
    assert (again.status, again.body) == (200, store)

    found = api("GET", "/v1/stores?external_id=app-1")
    assert found.body == {"data": [store], "has_more": False}
    assert api("GET", "/v1/stores?external_id=nope").body["data"] == []
    assert api("GET", f"/v1/stores/{store['id']}").body == store


def test_concurrent_identical_creates_make_one_store(api, sandbox):
    replies = []
    barrier = threading.Barrier(12)

    def create(key):
        barrier.wait()
        replies.append(api("POST", "/v1/stores", STORE, idempotency_key=key))

    # Eight with their own keys and four sharing one key, all at once.
    keys = [f"k{i}" for i in range(8)] + ["shared"] * 4
    threads = [threading.Thread(target=create, args=(key,)) for key in keys]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(r.status for r in replies).count(201) in (1, 4)  # the shared key replays 201
    assert {r.body["id"] for r in replies} == {replies[0].body["id"]}
    assert sum(r.status == 201 and "Idempotent-Replayed" not in r.headers for r in replies) == 1
    assert sandbox.stats()["stores"] == 1


def test_validation_errors_name_every_bad_field(api, sandbox):
    reply = api(
        "POST",
        "/v1/stores",
        {
            "external_id": "x",
            "legal_name": "",
            "contact_email": "not-an-email",
            "description": {"de": "Kaffee"},
            "tradingName": "typo",
        },
    )
    assert (reply.status, reply.error) == (400, "validation_failed")
    assert set(reply.body["error"]["fields"]) == {
        "trading_name",
        "legal_name",
        "contact_email",
        "description",
        "tradingName",
    }
    assert api("POST", "/v1/stores", STORE, idempotency_key=None).error == (
        "missing_idempotency_key"
    )
    assert api("POST", "/v1/stores", STORE, idempotency_key="k" * 201).error == (
        "invalid_idempotency_key"
    )
    assert sandbox.stats()["stores"] == 0


def test_update_changes_fields_but_not_external_id(api):
    store = api("POST", "/v1/stores", STORE).body
    reply = api(
        "PATCH",
        f"/v1/stores/{store['id']}",
        {"trading_name": "Huye Coffee", "description": {"en": "New.", "zh": "新。"}},
    )
    assert reply.status == 200
    assert reply.body["trading_name"] == "Huye Coffee"
    assert reply.body["description"] == {"en": "New.", "fr": "", "zh": "新。"}
    assert reply.body["status"] == "PENDING"
    refused = api("PATCH", f"/v1/stores/{store['id']}", {"external_id": "other"})
    assert refused.body["error"]["fields"] == {"external_id": ["cannot be changed"]}
    assert api("GET", "/v1/stores/st_missing").status == 404
    assert api("PATCH", "/v1/stores/st_missing", {"tin": "1"}).status == 404


def test_limit_is_checked_but_ignored_when_filtering(api):
    store = api("POST", "/v1/stores", STORE).body
    assert api("GET", "/v1/stores?external_id=app-1&limit=0").body == {
        "data": [store],
        "has_more": False,
    }
    product = api("POST", f"/v1/stores/{store['id']}/products", PRODUCT).body
    found = api("GET", f"/v1/stores/{store['id']}/products?sku=prod-1&limit=x")
    assert (found.status, found.body["data"]) == (200, [product])
    # "²" passes str.isdigit() but not int(): a 400, not a 500.
    for limit in ("0", "1001", "x", "%C2%B2"):
        reply = api("GET", f"/v1/stores?limit={limit}")
        assert (reply.status, reply.error) == (400, "validation_failed"), limit


def test_publish_and_suspend_refuse_what_the_contract_refuses(api):
    base = "/v1/stores/" + api("POST", "/v1/stores", STORE).body["id"]
    reply = api("POST", f"{base}/publish", {"now": True})
    assert (reply.status, reply.body["error"]["fields"]) == (400, {"now": ["unknown field"]})
    assert api("POST", f"{base}/publish", []).error == "invalid_body"
    assert api("GET", base).body["status"] == "PENDING"

    too_long = api("POST", f"{base}/suspend", {"reason": "x" * 5001})
    assert set(too_long.body["error"]["fields"]) == {"reason"}
    reply = api("POST", f"{base}/suspend", {"reason": "Revoked", "by": "admin"})
    assert set(reply.body["error"]["fields"]) == {"by"}
    assert api("POST", f"{base}/suspend", "Revoked").error == "invalid_body"
    assert api("GET", base).body["status"] == "PENDING"
    assert api("POST", f"{base}/suspend", {"reason": "x" * 5000}).body["status"] == "SUSPENDED"
