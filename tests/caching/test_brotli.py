"""Brotli for cached public pages (config/page_cache.py): ``Accept-Encoding`` picks brotli when
accepted, gzip otherwise, the HTML itself when neither; q-values are honoured; ``Vary:
Accept-Encoding`` on each; nothing is compressed twice; the weak ETag is the same for every
encoding of the same HTML. Pages that are not shared stay gzip only (BREACH: docs/caching.md)."""

from __future__ import annotations

import gzip
import pickle

import brotli
import pytest

from config.page_cache import Entry, negotiated_encoding
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("gzip, deflate, br, zstd", "br"),  # Chrome, Firefox
        ("br", "br"),
        ("gzip;q=1.0, br;q=0.5", "br"),  # brotli is ours to prefer while it is accepted
        ("gzip", "gzip"),
        ("gzip, deflate", "gzip"),
        ("br;q=0, gzip", "gzip"),
        ("BR;Q=0, GZIP", "gzip"),
        ("*", "br"),
        ("*;q=0, gzip", "gzip"),
        ("gzip;q=0, *", "br"),
        ("", None),
        ("identity", None),
        ("deflate", None),
        ("br;q=0, gzip;q=0", None),
        ("*;q=0", None),
        ("br;q=abc, gzip", "gzip"),  # an unreadable q is a refusal, never a 500
        ("br;q=0.000", None),
        (";;;, ,,=", None),
        ("gzip" + ", x" * 5000, "gzip"),
    ],
)
def test_negotiation(header, expected):
    assert negotiated_encoding(header) == expected


def test_only_codings_on_offer_are_chosen():
    assert negotiated_encoding("br, gzip", ("gzip",)) == "gzip"
    assert negotiated_encoding("br", ("gzip",)) is None


@pytest.mark.parametrize("state", ["miss", "hit"])
def test_brotli_when_accepted_gzip_otherwise_identity_when_neither(
    client, public_pages, page_cache_on, state
):
    url = public_pages["preview"].url
    if state == "hit":
        client.get(url)
    browser = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br, zstd")
    assert browser["X-Page-Cache"] == state
    assert browser["Content-Encoding"] == "br"  # one coding: not gzip then brotli
    html = brotli.decompress(browser.content)
    assert html.lstrip().lower().startswith(b"<!doctype html")
    assert int(browser["Content-Length"]) == len(browser.content)

    zipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == html

    plain = client.get(url, HTTP_ACCEPT_ENCODING="identity")
    assert "Content-Encoding" not in plain
    assert plain.content == html
    # Brotli is the smaller of the two.
    assert len(browser.content) < len(zipped.content) < len(html)
    for response in (browser, zipped, plain):
        assert response["Vary"].split(",")[0].strip() == "Accept-Encoding"
        # Weak, and the same whatever the encoding: it names the HTML, not the bytes sent.
        assert response["ETag"].startswith('W/"') and response["ETag"] == browser["ETag"]


def test_a_revalidation_in_any_encoding_is_304(client, public_pages, page_cache_on):
    url = public_pages["course"].url
    etag = client.get(url, HTTP_ACCEPT_ENCODING="gzip")["ETag"]
    again = client.get(url, HTTP_ACCEPT_ENCODING="br", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and not again.content
    assert "Content-Encoding" not in again


def test_head_says_the_length_of_the_brotli_body(client, public_pages, page_cache_on):
    url = public_pages["catalog"].url
    body = client.get(url, HTTP_ACCEPT_ENCODING="br")
    head = client.head(url, HTTP_ACCEPT_ENCODING="br")
    assert head["Content-Encoding"] == "br" and not head.content
    assert head["Content-Length"] == str(len(body.content))


def test_the_showcase_is_served_in_brotli_too(client, page_cache_on, site):
    response = client.get("/storefronts/", HTTP_ACCEPT_ENCODING="br")
    assert response["Content-Encoding"] == "br"
    assert b"</html>" in brotli.decompress(response.content)


def test_a_page_that_is_not_shared_stays_gzip(client, public_pages):
    """A learner's page carries a CSRF token: gzip with Django's random header bytes
    (BREACH mitigation), never brotli, which has no such field."""
    client.force_login(UserFactory())
    response = client.get("/dashboard/", HTTP_ACCEPT_ENCODING="br, gzip")
    assert response.status_code == 200 and response["Content-Encoding"] == "gzip"
    assert b"</html>" in gzip.decompress(response.content)
    only_br = client.get("/dashboard/", HTTP_ACCEPT_ENCODING="br")
    assert "Content-Encoding" not in only_br and b"</html>" in only_br.content


def test_an_entry_stored_before_brotli_is_served_gzipped(client, public_pages, page_cache_on):
    from config.page_cache import _entry, _local, page_cache

    url = public_pages["impact"].url
    client.get(url)
    # Rewrite the stored entry as the previous version pickled it: seven fields, no brotli.
    cache = page_cache()
    key = next(k for k in _local.entries)
    stored = cache.get(key)
    old = (
        stored.generation,
        stored.headers,
        stored.html,
        stored.gzipped,
        stored.etag,
        stored.last_modified,
        stored.vary,
    )
    entry = pickle.loads(pickle.dumps(_entry(*old)))
    assert isinstance(entry, Entry) and entry.brotli is None
    cache.set(key, entry, 60)
    _local.reset()
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip, br")
    assert response["X-Page-Cache"] == "hit" and response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content) == stored.html


def test_with_the_cache_off_each_response_is_gzipped_not_brotli(client, public_pages, settings):
    """Brotli 11 costs milliseconds: paid once per stored entry, never per response."""
    settings.ISOKO_PAGE_CACHE = False
    response = client.get(public_pages["course"].url, HTTP_ACCEPT_ENCODING="br, gzip")
    assert response["X-Page-Cache"] == "off" and response["Content-Encoding"] == "gzip"
    assert b"</html>" in gzip.decompress(response.content)
