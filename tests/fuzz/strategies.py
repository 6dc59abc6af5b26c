"""Hypothesis strategies for hostile input, and the settings every fuzz test runs with.

Reproducible on purpose: ``derandomize=True`` draws the same examples on every run (CI and a
laptop alike), and ``database=None`` keeps no example database, so a run never depends on an
earlier one. ``max_examples`` is small and per target (each target also gets the fixed
``NASTY`` values first), which keeps the whole directory near a minute on PostgreSQL.
``HYPOTHESIS_PROFILE=explore`` draws random, more numerous examples for a local hunt.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

settings.register_profile(
    "fuzz",
    max_examples=3,
    deadline=None,
    derandomize=True,
    database=None,
    # One test function fuzzes many targets against data built once (a function-scoped fixture):
    # the examples only read it or add rows of their own, so sharing it is intended.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile(
    "explore",
    parent=settings.get_profile("fuzz"),
    max_examples=200,
    derandomize=False,
)
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "fuzz"))

# Markers that must never reach an HTML page unescaped: a tag, and both quote breakouts.
TAG = "<fz-tag>"
DQUOTE = '"fz-dq="'
SQUOTE = "'fz-sq='"
MARKERS = (TAG, DQUOTE, SQUOTE)
SCRIPT = f"<script>fz()</script>{TAG}"

# Values every target gets, in this order, before the drawn ones (the drawn ones also sample
# from them). Few on purpose: each is one request per target, field names filled all at once.
NASTY = [
    f"{SCRIPT}{DQUOTE}{SQUOTE}\u202e\u200bÿ中文🙂",
    "a\x00b",
    "' OR 1=1 -- & | ! : * ( ) <-> ~ % \\",
    "99999999999999999999999",
    "x" * 5000,
]
MORE_NASTY = [
    "-1",
    "",
    " ",
    "%",
    "%00",
    "%%",
    "'",
    '"',
    "0",
    "1e309",
    "NaN",
    "-9223372036854775809",
    "00000000-0000-0000-0000-000000000000",
    "../../etc/passwd",
    "//evil.example/",
    "javascript:alert(1)",
    f"{TAG} " * 200,
]

# Text without surrogates (a URL or a form cannot carry them as UTF-8) but with every other
# category: controls, NUL, combining marks, right-to-left, emoji.
text = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)
long_text = st.text(st.characters(exclude_categories=("Cs",)), min_size=200, max_size=20_000)
integers = st.one_of(
    st.integers(-(2**70), 2**70),
    st.sampled_from([-1, 0, 2**31, 2**31 - 1, 2**63, -(2**63) - 1, 10**30]),
).map(str)
with_markers = st.builds(
    lambda a, m, b: f"{a}{m}{b}", text, st.sampled_from(MARKERS + (SCRIPT,)), text
)

value = st.one_of(
    text,
    with_markers,
    integers,
    st.sampled_from(NASTY + MORE_NASTY),
    long_text,
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)


def params(names: tuple[str, ...]) -> st.SearchStrategy[list[tuple[str, str]]]:
    """Query or form pairs: the target's own names (some missing, some repeated) and strangers."""
    name = st.one_of(st.sampled_from(names), text) if names else text
    return st.lists(st.tuples(name, value), max_size=6)
