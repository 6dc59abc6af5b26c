"""Turn what a visitor types into a search box into text every search backend accepts.

Wagtail's database search backend passes each space-separated term to the database's own query
language: SQLite FTS5 wraps it in double quotes without escaping them (a lone `"` gives
"unterminated string"), and PostgreSQL's tsquery has its own operators (`& | ! <-> :*`). Both
backends' tokenizers split indexed text into runs of letters and digits anyway (FTS5's unicode61,
PostgreSQL's parser), so keeping only those runs loses nothing a search could match, and leaves no
syntax for either backend to choke on. Every place that hands user text to ``.search()`` goes
through ``search_terms``.
"""

from __future__ import annotations

import re
import unicodedata

# Runs of letters and digits in any script; `_` is punctuation to both tokenizers.
_WORD = re.compile(r"[^\W_]+")
# Longer words match nothing (no language has them), and PostgreSQL refuses to index words
# over 2,047 bytes; cutting them keeps every query small.
MAX_WORD_LENGTH = 60


def search_terms(text: str) -> str:
    """The words of ``text`` joined by single spaces; "" when it has none (e.g. only `"><*`)."""
    # NFKC joins decomposed accents (e + U+0301) to the letter, so "café" stays one word.
    normalised = unicodedata.normalize("NFKC", text or "")
    return " ".join(word[:MAX_WORD_LENGTH] for word in _WORD.findall(normalised))
