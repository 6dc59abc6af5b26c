"""The seller-facing pages: what a seller (or a Playwright test) sees of the live store.

Plain server-rendered HTML with inline CSS: no JavaScript, no CDN, every string escaped, the
description of each language marked with its ``lang`` so screen readers pronounce it right.
"""

from __future__ import annotations

from html import escape

LANGUAGE_NAMES = {"en": "English", "fr": "Français", "zh": "中文"}
HTML_LANG = {"en": "en", "fr": "fr", "zh": "zh-Hans"}
STATUS_LABELS = {
    "PENDING": "Pending",
    "IN_REVIEW": "In review",
    "ACTIVE": "Live",
    "REJECTED": "Rejected",
    "SUSPENDED": "Suspended",
    "DELISTED": "Delisted",
}
CSS = """
body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;color:#1a1a1a}
header{border-bottom:2px solid #1a1a1a;margin-bottom:1rem}
.status{display:inline-block;padding:0 .5rem;border:1px solid;border-radius:.25rem;font-weight:600}
.status-ACTIVE{color:#0b6b2e}.status-REJECTED,.status-SUSPENDED{color:#a4161a}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.4rem;border-bottom:1px solid #ccc}
img.logo{max-height:6rem;max-width:12rem}a{color:#0645ad}
"""


def _page(title: str, body: str) -> bytes:
    return (
        "<!doctype html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        # No favicon request (and no 404 for it in the browser's console).
        '<link rel="icon" href="data:,">'
        f"<title>{escape(title)} · eWTP sandbox marketplace</title><style>{CSS}</style></head>"
        f"<body>{body}<footer><p><small>Sandbox marketplace for Isoko's tests and demos: "
        "not the real eWTP marketplace.</small></p></footer></body></html>\n"
    ).encode()


def _status(status: str, reason: str = "") -> str:
    label = STATUS_LABELS.get(status, status)
    html = f'<span class="status status-{escape(status)}">{escape(label)}</span>'
    if reason:
        html += f" <span>{escape(reason)}</span>"
    return html


def index(stores: list[dict]) -> bytes:
    if stores:
        rows = "".join(
            f'<li><a href="/s/{escape(s["id"])}">{escape(s["trading_name"])}</a> '
            f"{_status(s['status'])}</li>"
            for s in stores
        )
        body = f"<ul>{rows}</ul>"
    else:
        body = "<p>No stores yet.</p>"
    return _page("Stores", f"<header><h1>Stores</h1></header><main>{body}</main>")


def store(doc: dict, products: list[dict]) -> bytes:
    logo = ""
    if doc.get("logo_url"):
        logo = (
            f'<img class="logo" src="{escape(doc["logo_url"])}" alt="Logo of '
            f'{escape(doc["trading_name"])}">'
        )
    descriptions = "".join(
        f'<section lang="{HTML_LANG[lang]}"><h3>{escape(LANGUAGE_NAMES[lang])}</h3>'
        f"<p>{escape(text)}</p></section>"
        for lang, text in doc["description"].items()
        if text
    )
    facts = "".join(
        f"<dt>{label}</dt><dd>{escape(doc[key])}</dd>"
        for key, label in (("district", "District"), ("sector", "Sector"))
        if doc.get(key)
    )
    facts = f"<dl>{facts}</dl>" if facts else ""
    if products:
        rows = "".join(
            "<tr>"
            f"<td>{escape(p['title'])}</td><td>{escape(p['sku'])}</td>"
            f"<td>{p['price']['rwf']:,} RWF / ${escape(p['price']['usd'])}</td>"
            f"<td>{_status(p['status'], p['status_reason'])}</td>"
            "</tr>"
            for p in products
        )
        listing = (
            "<table><caption>Listings</caption><thead><tr><th scope=col>Product</th>"
            "<th scope=col>SKU</th><th scope=col>Price</th><th scope=col>Status</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )
    else:
        listing = "<p>No listings yet.</p>"
    body = (
        f"<header>{logo}<h1>{escape(doc['trading_name'])}</h1>"
        f"<p>Store status: {_status(doc['status'], doc['status_reason'])}</p></header>"
        f"<main>{facts}<h2>About</h2>{descriptions or '<p>No description.</p>'}"
        f"<h2>Products</h2>{listing}"
        '<p><a href="/">All stores</a></p></main>'
    )
    return _page(doc["trading_name"], body)


def not_found() -> bytes:
    return _page(
        "Not found",
        '<main><h1>Store not found</h1><p><a href="/">All stores</a></p></main>',
    )
