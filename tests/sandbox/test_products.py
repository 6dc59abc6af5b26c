"""Listings: idempotent create by sku, update, delist."""

from __future__ import annotations

from .conftest import PRODUCT, STORE


def _store(api) -> str:
    return api("POST", "/v1/stores", STORE).body["id"]


def test_create_is_idempotent_by_sku(api):
    store_id = _store(api)
    path = f"/v1/stores/{store_id}/products"
    created = api("POST", path, PRODUCT)
    assert created.status == 201
    product = created.body
    assert product["id"].startswith("pr_")
    assert (product["store_id"], product["sku"], product["status"]) == (
        store_id,
        "prod-1",
        "PENDING",
    )
    assert product["price"] == {"rwf": 12000, "usd": "9.50"}
    assert product["certifications"] == ["organic", "fair_trade"]

    again = api("POST", path, {**PRODUCT, "title": "Changed"})
    assert (again.status, again.body) == (200, product)
    assert api("GET", f"{path}?sku=prod-1").body == {"data": [product], "has_more": False}
    assert api("GET", f"{path}/{product['id']}").body == product

    # The same sku in another store is another listing.
    other = api("POST", "/v1/stores", {**STORE, "external_id": "app-2"}).body["id"]
    assert api("POST", f"/v1/stores/{other}/products", PRODUCT).status == 201


def test_update_and_delist(api):
    store_id = _store(api)
    product = api("POST", f"/v1/stores/{store_id}/products", PRODUCT).body
    path = f"/v1/stores/{store_id}/products/{product['id']}"

    updated = api("PATCH", path, {"stock": 42, "price": {"rwf": 13000, "usd": "10.00"}})
    assert updated.status == 200
    assert (updated.body["stock"], updated.body["price"]["rwf"]) == (42, 13000)
    assert updated.body["title"] == PRODUCT["title"]

    delisted = api("DELETE", path)
    assert (delisted.status, delisted.body["status"]) == (200, "DELISTED")
    assert api("DELETE", path).body == delisted.body  # delisting is idempotent
    assert api("PATCH", path, {"stock": 1}).error == "listing_delisted"
    # The create by the same sku returns the delisted listing: delisting is final.
    recreate = api("POST", f"/v1/stores/{store_id}/products", PRODUCT)
    assert (recreate.status, recreate.body["status"]) == (200, "DELISTED")


def test_listing_validation(api):
    store_id = _store(api)
    reply = api(
        "POST",
        f"/v1/stores/{store_id}/products",
        {
            "sku": "p",
            "title": "T",
            "price": {"rwf": -1, "usd": "9.5"},
            "hs_code": "0901",
            "min_order_quantity": 0,
            "status": "ACTIVE",
        },
    )
    assert reply.status == 400
    assert set(reply.body["error"]["fields"]) == {
        "price",
        "hs_code",
        "min_order_quantity",
        "status",
    }
    assert api("POST", "/v1/stores/st_missing/products", PRODUCT).status == 404
    path = f"/v1/stores/{store_id}/products/pr_missing"
    assert api("PATCH", path, {"stock": 1}).status == 404
