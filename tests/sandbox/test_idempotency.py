"""Idempotency records: every answer below 500 is recorded under its key, 401/429/5xx are not."""

from __future__ import annotations

import threading

from .conftest import STORE


def _replayed(reply) -> bool:
    return reply.headers.get("Idempotent-Replayed") == "true"


def test_a_body_that_is_not_json_is_recorded_like_any_4xx(api, sandbox):
    first = api("POST", "/v1/stores", raw=b"{not json", idempotency_key="bad-json")
    assert (first.status, first.error, _replayed(first)) == (400, "invalid_json", False)
    again = api("POST", "/v1/stores", raw=b"{not json", idempotency_key="bad-json")
    assert (again.status, again.body, _replayed(again)) == (400, first.body, True)
    # The key is spent on that request: a corrected body needs a new key.
    reused = api("POST", "/v1/stores", STORE, idempotency_key="bad-json")
    assert (reused.status, reused.error) == (422, "idempotency_key_reused")
    assert sandbox.stats()["stores"] == 0


def test_a_recorded_4xx_is_replayed(api):
    refused = api("POST", "/v1/stores", {"external_id": "x"}, idempotency_key="k-400")
    assert (refused.status, refused.error) == (400, "validation_failed")
    again = api("POST", "/v1/stores", {"external_id": "x"}, idempotency_key="k-400")
    assert (again.status, again.body, _replayed(again)) == (400, refused.body, True)

    missing = api("POST", "/v1/stores/st_missing/publish", idempotency_key="k-404")
    assert missing.status == 404
    again = api("POST", "/v1/stores/st_missing/publish", idempotency_key="k-404")
    assert (again.status, _replayed(again)) == (404, True)


def test_a_401_is_not_recorded(api, sandbox):
    refused = api("POST", "/v1/stores", STORE, idempotency_key="k-401", secret="wrong")
    assert refused.status == 401
    created = api("POST", "/v1/stores", STORE, idempotency_key="k-401")
    assert (created.status, _replayed(created)) == (201, False)
    assert sandbox.stats()["stores"] == 1


def test_the_same_key_on_another_path_or_method_is_422(api):
    store_id = api("POST", "/v1/stores", STORE, idempotency_key="k-path").body["id"]
    # Same body, another path.
    reply = api("POST", f"/v1/stores/{store_id}/products", STORE, idempotency_key="k-path")
    assert (reply.status, reply.error) == (422, "idempotency_key_reused")
    # Same (empty) body, same path, another method.
    assert api("POST", f"/v1/stores/{store_id}/publish", idempotency_key="k-method").status == 202
    reply = api("PATCH", f"/v1/stores/{store_id}", {}, idempotency_key="k-method")
    assert (reply.status, reply.error) == (422, "idempotency_key_reused")


def test_concurrent_requests_with_one_key_and_two_bodies(api, sandbox):
    replies = []
    barrier = threading.Barrier(2)

    def create(body):
        barrier.wait()
        replies.append(api("POST", "/v1/stores", body, idempotency_key="k-race"))

    bodies = [STORE, {**STORE, "external_id": "app-2"}]
    threads = [threading.Thread(target=create, args=(body,)) for body in bodies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(r.status for r in replies) == [201, 422]
    assert sandbox.stats()["stores"] == 1
