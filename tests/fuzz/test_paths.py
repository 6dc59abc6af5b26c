"""Codes, tokens and ids in the path (paths.PATHS): every value answers below 500."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.urls import NoReverseMatch, reverse
from hypothesis import assume, given

from tests.fuzz.checks import assert_safe
from tests.fuzz.driver import send
from tests.fuzz.paths import DRAWN, FIXED, PATHS
from tests.fuzz.strategies import PROFILE
from tests.fuzz.world import client_for

pytestmark = pytest.mark.django_db


def address(world, target, value) -> str | None:
    """The target's path with ``value`` in its slot, or None where no such path exists."""
    kwargs = {**target.kwargs(world), target.slot: value}
    if target.name == "media":
        return "/media/images/" + quote(value, safe="")
    if target.name == "wagtail_serve":
        return "/" + "".join(quote(part, safe="") + "/" for part in value)
    if target.name == "wagtaildocs_serve":
        return f"/documents/{kwargs['document_id']}/{quote(str(kwargs['document_filename']))}"
    try:
        return reverse(target.name, kwargs=kwargs)
    except NoReverseMatch:  # a value the pattern itself refuses (a newline in a regex group)
        if target.kind != "str":
            return None
    # A pattern narrower than any text (a slug): the value is still sent, in the real value's
    # place, as a visitor would type it; the resolver or the view must answer it safely.
    real = target.kwargs(world)
    path = reverse(target.name, kwargs=real)
    return path.replace(str(real[target.slot]), quote(value, safe=""), 1)


def fuzz_path(world, target, who, method) -> None:
    client = client_for(world, who)

    def one(path):
        assert_safe(send(client, method, path, []), f"{who} {method} {path!r:.300}")

    for value in FIXED[target.kind]:
        if (path := address(world, target, value)) is not None:
            one(path)

    @PROFILE
    @given(DRAWN[target.kind])
    def drawn(value):
        path = address(world, target, value)
        assume(path is not None)
        one(path)

    drawn()


def test_codes_tokens_and_ids_in_the_path(world):
    failures = []
    for target in PATHS:
        for who in target.who:
            for method in target.methods:
                try:
                    fuzz_path(world, target, who, method)
                except Exception as error:  # noqa: BLE001 - collected and reported below
                    failures.append(
                        f"{target.name} {who} {method}: {type(error).__name__}: {error}"
                    )
    assert not failures, "\n\n".join(failures)
