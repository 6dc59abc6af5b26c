"""RDFC-1.0 canonical N-Quads of a JSON-LD document, refusing anything that would not be signed.

eddsa-rdfc-2022 signs the canonical RDF of a credential, not its JSON. A JSON-LD processor
silently drops a key that no context defines (and an ``id`` or ``type`` that does not become an
absolute IRI), so such a field would be outside the signature: anyone could add or change it
without breaking the proof. ``canonicalize`` therefore refuses such documents.

How the check works: pyld expands each JSON object in ``_expand_object`` with the exact active
context that applies there (embedded, property-scoped and type-scoped contexts already applied,
``@nest`` handled by recursion). Our subclass expands every key with that same context first,
just as pyld is about to, and records the keys that would be dropped. After expansion, a walk of
the expanded document finds node ids, types and datatypes that are not absolute IRIs, which the
RDF conversion would drop. Both run inside the one expansion that canonicalisation does anyway.

Canonicalisation is pyld's URDNA2015, the algorithm W3C standardised as RDFC-1.0, with three
corrections measured against the RDFC-1.0 test suite (tests/certificates/test_credential_rdfc.py):

- pyld 2.0.4 writes N-Quads escaping only ``\\ \t \n \r "``. RDFC-1.0 output (RDF 1.2
  canonical N-Quads) also writes ``\b`` and ``\f``, and ``\\uXXXX`` (upper-case hex) for every
  other control character and U+007F. The serialisation feeds the blank-node hashes as well as
  the output, so a certificate whose text held such a character would get a signature that other
  verifiers (e.g. digitalbazaar's rdf-canonize) compute differently. We replace pyld's
  ``to_nquad`` for the process; for any text without those characters it is identical.
- a budget on the "hash N-degree quads" step: RDFC-1.0 requires implementations to stop on
  "poison" graphs, whose cost grows factorially. The public verify endpoint takes credentials
  from anyone, and pyld has no such limit.
- the hash function is a parameter (the suite has one SHA-384 test; eddsa-rdfc-2022 is SHA-256).
"""

from __future__ import annotations

import copy
import hashlib
import re
import threading

from cachetools import LRUCache
from pyld import jsonld
from pyld.context_resolver import ContextResolver

from .loader import UnknownContextError, document_loader

# Our own cache of processed contexts, so that contexts resolved elsewhere in the process (with
# another loader) can never be mixed into ours. One per thread: cachetools caches are not
# thread-safe, and a thread processes the few contexts once. pyld's default holds 100 too.
_local = threading.local()


def _resolved_contexts() -> LRUCache:
    if not hasattr(_local, "contexts"):
        _local.contexts = LRUCache(maxsize=100)
    return _local.contexts


class CanonicalizationError(ValueError):
    """The document is not JSON-LD we can canonicalise (bad syntax, unknown context, ...)."""


class UndefinedTermError(CanonicalizationError):
    """Parts of the document would be dropped by JSON-LD processing, so they would go unsigned."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(
            "terms not defined by any @context (they would be left out of the signature): "
            + "; ".join(problems)
        )


# RDFC-1.0 work budget. One unit is one "hash N-degree quads" call or one permutation it will
# try (it tries every ordering of each group of same-hash related blank nodes: k! of them).
# The heaviest datasets of the RDFC-1.0 suite ("poison – evil", 12 blank nodes) need 3,348
# units (468 calls, 2,880 permutations) and 0.07 s; a credential needs a handful. The suite's
# negative test, a 10-node clique, would need 9! permutations in its first call alone.
WORK_PER_BLANK_NODE = 1_000
MAX_WORK = 100_000

_ECHAR = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f"\\\x7f]')


def _escape(text: str) -> str:
    return _NEEDS_ESCAPE.sub(lambda m: _ECHAR.get(m[0]) or f"\\u{ord(m[0]):04X}", text)


def _term(component: dict) -> str:
    if component["type"] == "IRI":
        return f"<{component['value']}>"
    return component["value"]  # blank node


def to_nquad(triple: dict, graph_name: str | None = None) -> str:
    """One quad in RDFC-1.0 canonical N-Quads (same interface as pyld's ``to_nquad``)."""
    subject, predicate, obj = triple["subject"], triple["predicate"], triple["object"]
    parts = [_term(subject), _term(predicate)]
    if obj["type"] == "literal":
        literal = f'"{_escape(obj["value"])}"'
        if obj["datatype"] == jsonld.RDF_LANGSTRING:
            if obj.get("language"):
                literal += "@" + obj["language"]
        elif obj["datatype"] != jsonld.XSD_STRING:
            literal += f"^^<{obj['datatype']}>"
        parts.append(literal)
    else:
        parts.append(_term(obj))
    graph = triple.get("name", {"value": graph_name})["value"]
    if graph is not None:
        parts.append(graph if graph.startswith("_:") else f"<{graph}>")
    return " ".join(parts) + " .\n"


# pyld's URDNA2015 calls JsonLdProcessor.to_nquad for both hashing and output (see above).
jsonld.JsonLdProcessor.to_nquad = staticmethod(to_nquad)


class _Rdfc10(jsonld.URDNA2015):
    def __init__(self, hash_name: str = "sha256"):
        super().__init__()
        self.hash_name = hash_name
        self.work_left = 0

    def create_hash(self):
        return hashlib.new(self.hash_name)

    def main(self, dataset, options):
        blank_nodes = {
            component["value"]
            for triples in dataset.values()
            for triple in triples
            for component in triple.values()
            if component.get("type") == "blank node"
        }
        blank_nodes.update(name for name in dataset if name.startswith("_:"))
        self.work_left = min(WORK_PER_BLANK_NODE * max(len(blank_nodes), 1), MAX_WORK)
        return super().main(dataset, options)

    def _spend(self, units: int) -> None:
        self.work_left -= units
        if self.work_left < 0:
            raise CanonicalizationError(
                "refusing to canonicalise: the blank nodes form a graph too costly to "
                "canonicalise (an RDFC-1.0 'poison' dataset)"
            )

    def create_hash_to_related(self, id_, issuer):
        # pyld calls this once at the start of each "hash N-degree quads", before it loops over
        # the permutations of each group; charging for them here stops the loop before it runs.
        groups = super().create_hash_to_related(id_, issuer)
        self._spend(1)
        for related in groups.values():
            permutations = 1
            for count in range(2, len(related) + 1):
                permutations *= count
                if permutations > self.work_left:
                    break
            self._spend(permutations)
        return groups


def _is_iri(value: object) -> bool:
    return isinstance(value, str) and bool(jsonld._is_absolute_iri(value))


class _StrictProcessor(jsonld.JsonLdProcessor):
    def __init__(self):
        super().__init__()
        self.undefined: list[str] = []
        self.expanded = None

    def expand(self, input_, options):
        self.expanded = super().expand(input_, options)
        return self.expanded

    def _expand_object(
        self,
        active_ctx,
        active_property,
        expanded_active_property,
        element,
        expanded_parent,
        options,
        *args,
        **kwargs,
    ):
        for key in element:
            if key == "@context":
                continue
            # The same call and the same test pyld makes before dropping a key.
            iri = self._expand_iri(active_ctx, key, vocab=True)
            dropped = iri is None or not (jsonld._is_keyword(iri) or _is_iri(iri))
            # A blank-node property survives expansion but not the conversion to RDF.
            if dropped or (isinstance(iri, str) and iri.startswith("_:")):
                where = f" (in {active_property!r})" if active_property else ""
                self.undefined.append(f"{key!r}{where}")
        return super()._expand_object(
            active_ctx,
            active_property,
            expanded_active_property,
            element,
            expanded_parent,
            options,
            *args,
            **kwargs,
        )


def _relative_iris(element, found: list[str]) -> None:
    """Ids, types and datatypes in an expanded document that are not absolute IRIs."""
    if isinstance(element, list):
        for item in element:
            _relative_iris(item, found)
        return
    if not isinstance(element, dict):
        return
    if "@value" in element:
        datatype = element.get("@type")
        if datatype is not None and datatype != "@json" and not _is_iri(datatype):
            found.append(f"datatype {datatype!r}")
        return
    if "@id" in element and not _is_iri(element["@id"]):
        found.append(f"id {element['@id']!r}")
    for type_ in element.get("@type", []):
        if not _is_iri(type_):
            found.append(f"type {type_!r}")
    for key, value in element.items():
        if key not in ("@id", "@type"):
            _relative_iris(value, found)


def _options(**extra) -> dict:
    return {
        "documentLoader": document_loader,
        "contextResolver": ContextResolver(_resolved_contexts(), document_loader),
        "produceGeneralizedRdf": False,
        **extra,
    }


def _causes(error: BaseException):
    # pyld keeps the cause in ``.cause`` or raises inside ``except`` (``__context__``).
    while error is not None:
        yield error
        error = getattr(error, "cause", None) or error.__cause__ or error.__context__


def _clear_error(error: Exception) -> CanonicalizationError:
    """pyld nests the real reason several causes deep; bring it up (a refused URL above all)."""
    causes = list(_causes(error))
    for cause in causes:
        if isinstance(cause, UnknownContextError):
            return CanonicalizationError(str(cause))
    messages = [str(c.args[0]) for c in causes if c.args and isinstance(c, jsonld.JsonLdError)]
    return CanonicalizationError(" ← ".join(messages) or repr(error))


def _canonical_nquads(dataset: dict, hash_name: str = "sha256") -> str:
    return _Rdfc10(hash_name).main(dataset, {"format": "application/n-quads"})


def canonicalize(document: dict) -> str:
    """RDFC-1.0 canonical N-Quads of a JSON-LD document (contexts from the offline loader).

    Raises ``UndefinedTermError`` naming every key, id or type that JSON-LD would drop, and
    ``CanonicalizationError`` for anything else that stops canonicalisation.
    """
    if not isinstance(document, dict):
        raise CanonicalizationError("a JSON-LD document must be a JSON object")
    processor = _StrictProcessor()
    try:
        # pyld may annotate its input; the caller's document must stay as it was.
        dataset = processor.to_rdf(copy.deepcopy(document), _options())
    except jsonld.JsonLdError as error:
        raise _clear_error(error) from error
    except RecursionError:
        raise CanonicalizationError("the document is nested too deeply") from None
    except (TypeError, AttributeError, KeyError, IndexError, ValueError) as error:
        # pyld assumes well-formed JSON-LD in places; malformed input must still fail cleanly.
        raise CanonicalizationError(f"not valid JSON-LD: {error!r}") from error
    problems = list(processor.undefined)
    _relative_iris(processor.expanded, problems)
    if problems:
        raise UndefinedTermError(problems)
    return _canonical_nquads(dataset)


# N-Quads input, for the conformance suite. pyld's own parser does not decode \u escapes and
# unescapes "\\n" wrongly (it replaces escapes one kind after another), so we parse here.
_IRI = r"<([^<>\"{}|^`\\\x00-\x20]*(?:\\[uU][0-9A-Fa-f]+[^<>\"{}|^`\\\x00-\x20]*)*)>"
_BNODE = r"(_:[^\s<>\".]+(?:\.+[^\s<>\".]+)*)"
_LITERAL = r'"((?:[^"\\\n\r]|\\.)*)"(?:\^\^' + _IRI + r"|@([a-zA-Z]+(?:-[a-zA-Z0-9]+)*))?"
_QUAD = re.compile(
    rf"\s*(?:{_IRI}|{_BNODE})\s*{_IRI}\s*(?:{_IRI}|{_BNODE}|{_LITERAL})\s*"
    rf"(?:{_IRI}|{_BNODE})?\s*\.\s*(?:#.*)?"
)
_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[tbnrf\"'\\])")
_UNESCAPED = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: _UNESCAPED.get(m[1]) or chr(int(m[1][1:], 16)), text)


def parse_nquads(text: str) -> dict:
    """An N-Quads document as pyld's dataset structure (a set: duplicate quads count once)."""
    dataset: dict[str, list] = {}
    seen = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _QUAD.fullmatch(line)
        if match is None:
            raise CanonicalizationError(f"N-Quads line {number} is not a quad: {line!r}")
        (s_iri, s_bnode, p_iri, o_iri, o_bnode, o_text, o_datatype, o_lang, g_iri, g_bnode) = (
            match.groups()
        )

        def node(iri, bnode):
            return (
                {"type": "IRI", "value": _unescape(iri)}
                if iri is not None
                else {
                    "type": "blank node",
                    "value": bnode,
                }
            )

        if o_text is not None:
            obj = {"type": "literal", "value": _unescape(o_text)}
            if o_lang:
                obj.update(datatype=jsonld.RDF_LANGSTRING, language=o_lang)
            else:
                obj["datatype"] = _unescape(o_datatype) if o_datatype else jsonld.XSD_STRING
        else:
            obj = node(o_iri, o_bnode)
        triple = {"subject": node(s_iri, s_bnode), "predicate": node(p_iri, None), "object": obj}
        graph = "@default"
        if g_iri is not None or g_bnode is not None:
            graph = node(g_iri, g_bnode)["value"]
        key = (graph, *(tuple(sorted(c.items())) for c in triple.values()))
        if key not in seen:
            seen.add(key)
            dataset.setdefault(graph, []).append(triple)
    return dataset


def canonicalize_nquads(nquads: str, hash_name: str = "sha256") -> str:
    """RDFC-1.0 canonical form of an N-Quads dataset (for the W3C conformance suite)."""
    return _canonical_nquads(parse_nquads(nquads), hash_name)
