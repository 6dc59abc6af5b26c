"""Sends fuzzed requests to one target and checks each response (checks.assert_safe)."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import _clear_cache
from tests.fuzz.checks import assert_safe
from tests.fuzz.strategies import NASTY, PROFILE, params, text

FIELD_RE = re.compile(r"<(?:input|select|textarea|button)\b[^>]*\bname=\"([^\"]+)\"", re.I)
FILE_RE = re.compile(r"<input\b[^>]*\btype=\"file\"[^>]*\bname=\"([^\"]+)\"", re.I)
SKIP = {"csrfmiddlewaretoken"}

files = st.tuples(text.filter(lambda name: "\x00" not in name), st.binary(max_size=4096))


def form_fields(client, path: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The names of the fields the page's forms show (files apart): the fuzz sends what a
    browser would, so a field added later is fuzzed without anyone listing it."""
    response = client.get(path)
    if response.status_code != 200 or getattr(response, "streaming", False):
        return (), ()
    html = response.content.decode("utf-8", errors="replace")
    names = {name for name in FIELD_RE.findall(html) if name not in SKIP}
    uploads = set(FILE_RE.findall(html))
    return tuple(sorted(names - uploads)), tuple(sorted(uploads))


def send(client, method: str, path: str, pairs, uploads=()):
    response = _send(client, method, path, pairs, uploads)
    if response.status_code == 429:
        # Rate limits would soon answer 429 to everything and hide the view: forget them.
        _clear_cache()
        response = _send(client, method, path, pairs, uploads)
    return response


def _send(client, method: str, path: str, pairs, uploads=()):
    if method == "GET":
        query = urlencode(pairs)
        return client.get(f"{path}?{query}" if query else path)
    data: dict[str, list] = {}
    for name, value in pairs:
        data.setdefault(name, []).append(value)
    for name, (filename, content) in uploads:
        data.setdefault(name, []).append(SimpleUploadedFile(filename or "f", content))
    return client.post(path, data)


def fuzz(client, method, path, names, file_names=(), drawn_examples=True, profile=PROFILE):
    """Each NASTY value in every named field at once, then drawn examples (``profile``)."""

    def one(pairs, uploads=()):
        response = send(client, method, path, pairs, uploads)
        assert_safe(response, f"{method} {path} {pairs!r:.300}")

    for nasty in NASTY:
        one([(name, nasty) for name in names] or [("q", nasty)])
    if not drawn_examples:
        return

    upload_pairs = (
        st.lists(st.tuples(st.sampled_from(file_names), files), max_size=2)
        if file_names
        else st.just([])
    )

    @profile
    @given(pairs=params(names), uploads=upload_pairs)
    def drawn(pairs, uploads):
        one(pairs, uploads)

    drawn()
