"""The search backend of the site: Wagtail's database backend, given only words to search for.

Every search, the catalogue's and the admin's (pages, images, documents, snippets, choosers),
reaches the backend through ``_search``. The database backend hands each term to the database's
own query language unescaped: SQLite FTS5 wraps it in double quotes (a lone `"` gave
"unterminated string", a 500), PostgreSQL's tsquery has operators of its own. So the text of
every query is cut down to its words here, once, by accounts' search_terms: both tokenizers index
only words, so no match is lost.
"""

from __future__ import annotations

import copy

from modelsearch.backends import database
from modelsearch.query import And, Boost, Fuzzy, Not, Or, Phrase, PlainText, SearchQuery

from core.search_text import search_terms

_classes: dict[type, type] = {}


def words_only(query: str | SearchQuery) -> str | SearchQuery | None:
    """``query`` with the text of each of its terms cut down to words; None if none are left."""
    if isinstance(query, str):
        return search_terms(query) or None
    if isinstance(query, (PlainText, Phrase, Fuzzy)):
        words = search_terms(query.query_string)
        if not words:
            return None
        cleaned = copy.copy(query)
        cleaned.query_string = words
        return cleaned
    if isinstance(query, (And, Or)):
        kept = [sub for sub in map(words_only, query.subqueries) if sub is not None]
        return type(query)(kept) if kept else None
    if isinstance(query, Not):
        inner = words_only(query.subquery)
        return Not(inner) if inner is not None else None
    if isinstance(query, Boost):
        inner = words_only(query.subquery)
        return Boost(inner, query.boost) if inner is not None else None
    return query  # MatchAll and anything without text of its own


class WordsOnlyMixin:
    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        # "" is the backend's own "nothing to search for": an empty result, not every row.
        cleaned = words_only(query)
        return super()._search(
            query_compiler_class, "" if cleaned is None else cleaned, model_or_queryset, **kwargs
        )


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks up in a backend module)
    """The database backend Wagtail would pick for this database (FTS5, PostgreSQL, fallback),
    with WordsOnlyMixin in front of it."""
    backend = database.SearchBackend(params)
    base = type(backend)
    if base not in _classes:
        _classes[base] = type(f"WordsOnly{base.__name__}", (WordsOnlyMixin, base), {})
    return _classes[base](params)
