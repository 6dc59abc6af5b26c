"""Publish → review → webhooks, received and signature-checked by a real HTTP receiver."""

from __future__ import annotations

import time

from .conftest import PRODUCT, STORE, wait_until


def _by_type(events, kind):
    return [e for e in events if e["type"] == kind]


def test_publish_reviews_store_and_listings_and_sends_signed_webhooks(api, sandbox, receiver):
    store = api("POST", "/v1/stores", STORE).body
    base = f"/v1/stores/{store['id']}"
    good = api("POST", f"{base}/products", PRODUCT).body
    bad = api("POST", f"{base}/products", {**PRODUCT, "sku": "p2", "title": "REJECT me"}).body

    # Before publish, nothing is reviewed.
    assert api("GET", f"{base}/products/{good['id']}").body["status"] == "PENDING"

    published = api("POST", f"{base}/publish")
    assert (published.status, published.body["status"]) == (202, "PENDING")
    assert api("POST", f"{base}/publish").status == 202  # already scheduled: nothing more

    events = receiver.wait_for(
        lambda ev: (
            len(_by_type(ev, "store.status_changed")) == 2
            and len(_by_type(ev, "listing.approved")) == 1
            and len(_by_type(ev, "listing.rejected")) == 1
        )
    )
    assert all(d["valid"] for d in receiver.deliveries)
    assert {d["key_id"] for d in receiver.deliveries} == {sandbox.key_id}

    changes = _by_type(events, "store.status_changed")
    assert [(e["data"]["status"], e["sequence"]) for e in changes] == [
        ("IN_REVIEW", 1),
        ("ACTIVE", 2),
    ]
    assert changes[1]["data"] == {
        "store_id": store["id"],
        "external_id": "app-1",
        "status": "ACTIVE",
        "reason": "",
    }
    (approved,) = _by_type(events, "listing.approved")
    assert approved["data"] == {
        "store_id": store["id"],
        "product_id": good["id"],
        "sku": "prod-1",
        "status": "ACTIVE",
    }
    (rejected,) = _by_type(events, "listing.rejected")
    assert rejected["data"]["product_id"] == bad["id"]
    assert "REJECT" in rejected["data"]["reason"]
    assert len({e["id"] for e in events}) == len(events) == 4
    assert all(e["id"].startswith("ev_") and e["created_at"].endswith("Z") for e in events)

    assert api("GET", base).body["status"] == "ACTIVE"
    assert api("GET", f"{base}/products/{bad['id']}").body["status"] == "REJECTED"
    assert api("POST", f"{base}/publish").status == 200  # already live

    # An edit of a live listing goes back to review and is approved again, with sequence 2.
    edited = api("PATCH", f"{base}/products/{good['id']}", {"stock": 7})
    assert edited.body["status"] == "PENDING"
    events = receiver.wait_for(lambda ev: len(_by_type(ev, "listing.approved")) == 2)
    assert [e["sequence"] for e in _by_type(events, "listing.approved")] == [1, 2]
    # An update that changes nothing does not take it offline.
    assert api("PATCH", f"{base}/products/{good['id']}", {"stock": 7}).body["status"] == "ACTIVE"

    # A new listing in a published store is reviewed at once.
    late = api("POST", f"{base}/products", {**PRODUCT, "sku": "p3"}).body
    wait_until(lambda: api("GET", f"{base}/products/{late['id']}").body["status"] == "ACTIVE")


def test_store_rejection_suspension_and_orders(api, sandbox, receiver):
    refused = api("POST", "/v1/stores", {**STORE, "external_id": "r", "trading_name": "REJECT"})
    api("POST", f"/v1/stores/{refused.body['id']}/publish")
    store = api("POST", "/v1/stores", STORE).body
    base = f"/v1/stores/{store['id']}"
    api("POST", f"{base}/publish")
    events = receiver.wait_for(
        lambda ev: (
            {e["data"]["status"] for e in _by_type(ev, "store.status_changed")}
            >= {"ACTIVE", "REJECTED"}
        )
    )
    (rejected,) = [e for e in events if e["data"]["status"] == "REJECTED"]
    assert rejected["data"]["store_id"] == refused.body["id"]
    assert "REJECT" in rejected["data"]["reason"]

    order = sandbox.control("POST", "/_sandbox/orders", {"store_id": store["id"]})
    events = receiver.wait_for(lambda ev: _by_type(ev, "order.created"))
    (created,) = _by_type(events, "order.created")
    assert created["id"] == order["event_id"]
    assert created["data"] == {
        "store_id": store["id"],
        "external_id": "app-1",
        "order_id": order["id"],
        "total": {"usd": "25.00"},
        "created_at": order["created_at"],
    }

    reply = api("POST", f"{base}/suspend", {"reason": "Certificate revoked"})
    assert (reply.body["status"], reply.body["status_reason"]) == (
        "SUSPENDED",
        "Certificate revoked",
    )
    events = receiver.wait_for(lambda ev: any(e["data"].get("status") == "SUSPENDED" for e in ev))
    suspended = [e for e in events if e["data"].get("status") == "SUSPENDED"][0]
    assert (suspended["sequence"], suspended["data"]["reason"]) == (3, "Certificate revoked")
    assert api("POST", f"{base}/suspend", {"reason": "again"}).body["status_reason"] == (
        "Certificate revoked"
    )
    assert api("POST", f"{base}/publish").error == "store_suspended"
    assert api("POST", f"{base}/products", PRODUCT).error == "store_suspended"
    assert api("POST", f"{base}/suspend", {}).status == 400


def test_webhooks_are_retried_until_acknowledged(api, sandbox, receiver):
    receiver.fail_next = 2
    store = api("POST", "/v1/stores", STORE).body
    api("POST", f"/v1/stores/{store['id']}/publish")
    # The retried IN_REVIEW may well arrive after ACTIVE: what receivers use `sequence` for.
    events = receiver.wait_for(lambda ev: len(ev) == 2, timeout=15)
    assert sorted((e["sequence"], e["data"]["status"]) for e in events) == [
        (1, "IN_REVIEW"),
        (2, "ACTIVE"),
    ]
    assert [d["answered"] for d in receiver.deliveries].count(500) == 2
    stats = wait_until(lambda: (s := sandbox.stats())["webhooks"]["delivered"] == 2 and s)
    assert stats["webhooks"]["retried"] == 2
    assert stats["webhooks"]["pending"] == 0


def test_listings_are_not_decided_in_a_store_that_is_not_live(api, sandbox, receiver):
    store = api("POST", "/v1/stores", {**STORE, "trading_name": "REJECT Coffee"}).body
    base = f"/v1/stores/{store['id']}"
    api("POST", f"{base}/products", PRODUCT)
    api("POST", f"{base}/publish")
    receiver.wait_for(lambda ev: any(e["data"].get("status") == "REJECTED" for e in ev))
    api("POST", f"{base}/products", {**PRODUCT, "sku": "p2"})  # into the rejected store
    time.sleep(0.4)  # four review steps: time enough for a decision that must not come
    assert {p["status"] for p in api("GET", f"{base}/products").body["data"]} == {"PENDING"}
    assert not [e for e in receiver.events() if e["type"].startswith("listing.")]

    # Corrected and published again: the store goes live, and then its listings.
    api("PATCH", base, {"trading_name": "Huye Coffee"})
    assert api("POST", f"{base}/publish").status == 202
    events = receiver.wait_for(lambda ev: len(_by_type(ev, "listing.approved")) == 2)
    statuses = [e["data"]["status"] for e in _by_type(events, "store.status_changed")]
    assert statuses == ["IN_REVIEW", "REJECTED", "IN_REVIEW", "ACTIVE"]
