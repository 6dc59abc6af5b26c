"""What every fuzzed response must satisfy."""

from __future__ import annotations

from tests.fuzz.strategies import MARKERS, TAG

DEBUG_SIGNS = (
    "You’re seeing this error because you have",
    "You're seeing this error because you have",
    'id="traceback"',
    "Traceback (most recent call last)",
)


def assert_safe(response, label: str) -> None:
    """No 5xx, no debug page, and no injected marker unescaped in an HTML page.

    The test client re-raises a view's exception, so a crash fails here with its traceback.
    The markers (strategies.MARKERS) appear in no template: finding one verbatim in HTML means
    some input went out unescaped."""
    assert response.status_code < 500, f"{label}: {response.status_code}"
    if getattr(response, "streaming", False):
        return
    content_type = response.get("Content-Type", "")
    body = response.content.decode("utf-8", errors="replace")
    for sign in DEBUG_SIGNS:
        assert sign not in body, f"{label}: a debug page"
    if content_type.startswith("text/html"):
        for marker in MARKERS:
            assert marker not in body, f"{label}: {marker!r} unescaped in the page"
    elif TAG in body and not content_type.startswith(("application/json", "application/ld+json")):
        # Anything a browser might sniff as HTML must not carry the tag either.
        raise AssertionError(f"{label}: {TAG!r} in a {content_type!r} response")
