"""The seller-facing pages: plain, accessible HTML of the live store."""

from __future__ import annotations

import urllib.error
import urllib.request

from .conftest import PRODUCT, STORE, wait_until

_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _get(url: str) -> tuple[int, dict, str]:
    try:
        with _opener.open(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read().decode()


def test_seller_page_shows_the_live_store(api, sandbox):
    store = api("POST", "/v1/stores", {**STORE, "trading_name": "Huye <Coffee> & Co"}).body
    base = f"/v1/stores/{store['id']}"
    api("POST", f"{base}/products", PRODUCT)
    api("POST", f"{base}/products", {**PRODUCT, "sku": "x", "title": "REJECT this"})
    api("POST", f"{base}/publish")
    wait_until(lambda: api("GET", base).body["status"] == "ACTIVE")
    wait_until(
        lambda: (
            {p["status"] for p in api("GET", f"{base}/products").body["data"]}
            == {"ACTIVE", "REJECTED"}
        )
    )

    status, headers, html = _get(store["public_url"])
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert '<html lang="en">' in html
    assert "<h1>Huye &lt;Coffee&gt; &amp; Co</h1>" in html  # escaped
    assert 'alt="Logo of Huye &lt;Coffee&gt; &amp; Co"' in html
    assert f'src="{STORE["logo_url"]}"' in html
    assert "Store status: <span" in html and ">Live</span>" in html
    assert '<section lang="fr"><h3>Français</h3><p>Arabica lavé de Huye.</p>' in html
    assert f'<section lang="zh-Hans"><h3>中文</h3><p>{STORE["description"]["zh"]}</p>' in html
    assert PRODUCT["title"] in html and "12,000 RWF / $9.50" in html
    assert ">Rejected</span>" in html and "contains REJECT" in html
    assert "<script" not in html and "http://cdn" not in html and "https://" not in html

    status, _, index = _get(sandbox.url + "/")
    assert status == 200
    assert f'href="/s/{store["id"]}"' in index

    assert _get(sandbox.url + "/s/st_missing")[0] == 404
