"""RDFC-1.0 canonical N-Quads of a JSON-LD document, refusing anything that would not be signed.

eddsa-rdfc-2022 signs the canonical RDF of a credential, not its JSON. A JSON-LD processor
silently drops a key that no context defines (and an ``id`` or ``type`` that does not become an
absolute IRI), so such a field would be outside the signature: anyone could add or change it
without breaking the proof. ``canonicalize`` therefore refuses such documents.

How the check works: pyld calls the processor's public ``on_property_dropped`` hook for every
key it drops while expanding (with the key, or None for a keyword-like ``@word``). The hook does
not say where the key was, so the keys it names are then looked up in the document to say in
which object they sit. After expansion, a walk of the expanded document finds blank-node
properties and node ids, types and datatypes that are not absolute IRIs, which the conversion to
RDF would drop.

Canonicalisation is pyld's URDNA2015, the algorithm W3C standardised as RDFC-1.0, with three
corrections measured against the RDFC-1.0 test suite (tests/certificates/test_credential_rdfc.py),
made in a subclass used only here (nothing in pyld is changed for the rest of the process):

- pyld writes N-Quads escaping only ``\\ \t \n \r "``. RDFC-1.0 output (RDF 1.2 canonical
  N-Quads) also writes ``\b`` and ``\f``, and ``\\uXXXX`` (upper-case hex) for every other control
  character and U+007F. The serialisation feeds the blank-node hashes as well as the output, so a
  certificate whose text held such a character would get a signature that other verifiers (e.g.
  digitalbazaar's rdf-canonize) compute differently. For any text without those characters our
  serialisation is identical to pyld's.
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
from pyld import ContextResolver, jsonld
from pyld.canon import URDNA2015

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


class _Rdfc10(URDNA2015):
    """pyld's URDNA2015 with RDFC-1.0's escaping, a work budget and a choice of hash."""

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
        super().main(dataset, {"format": "application/n-quads"})
        # pyld serialises its result with its own escaping; by now it has relabelled every
        # blank node of every quad (in place) with its canonical label, so write them again.
        return "".join(sorted(to_nquad(quad) for quad in self.quads))

    def hash_first_degree_quads(self, id_):
        # pyld's, serialising with to_nquad (4.6 in RDFC-1.0: "_:a" for the reference blank
        # node, "_:z" for any other).
        info = self.blank_node_info[id_]
        if "hash" not in info:
            nquads = []
            for quad in info["quads"]:
                labelled = {
                    key: component
                    if key == "predicate"
                    else self.modify_first_degree_component(id_, component, key)
                    for key, component in quad.items()
                }
                nquads.append(to_nquad(labelled))
            info["hash"] = self.hash_nquads(sorted(nquads))
        return info["hash"]

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


# What pyld counts as an absolute IRI (a blank node id ``_:b0`` included), for the same verdicts.
_ABSOLUTE_IRI = re.compile(r"^([A-Za-z][A-Za-z0-9+-.]*|_):[^\s]*$")


def _is_iri(value: object) -> bool:
    return isinstance(value, str) and bool(_ABSOLUTE_IRI.match(value))


def _dropped_keys(document, dropped: list[str | None]) -> list[str]:
    """Where in the document the keys pyld dropped sit, one problem per key and object.

    pyld's hook names the key (None for a keyword-like ``@word``), not the object; the keys are
    looked up by name, and a key that some objects define and others do not is named in each
    object that has it: a message may then name a place too many, never one too few."""
    names = {name for name in dropped if name is not None}
    keyword_like = None in dropped
    found: list[str] = []

    def walk(element, parent: str | None) -> None:
        if isinstance(element, list):
            for item in element:
                walk(item, parent)
            return
        if not isinstance(element, dict):
            return
        for key, value in element.items():
            if key == "@context":
                continue
            unknown_keyword = keyword_like and key.startswith("@") and key not in _KEYWORDS
            if key in names or unknown_keyword:
                found.append(f"{key!r}" + (f" (in {parent!r})" if parent else ""))
            walk(value, key if not key.startswith("@") else parent)

    walk(document, None)
    # A key pyld expanded to some other non-IRI (a relative @vocab, say) is not found by name:
    # name what pyld reported, so that nothing dropped ever passes.
    named = {problem.split(" (in ")[0] for problem in found}
    found += [f"{name!r}" for name in dropped if name is not None and f"{name!r}" not in named]
    if None in dropped and not any(problem.startswith("'@") for problem in found):
        found.append("a keyword-like '@' key")
    return found


# JSON-LD 1.1's keywords: any other "@word" key is ignored by a processor.
_KEYWORDS = frozenset(
    "@base @container @context @direction @graph @id @import @included @index @json "
    "@language @list @nest @none @prefix @propagate @protected @reverse @set @type @value "
    "@version @vocab".split()
)


def _relative_iris(element, found: list[str]) -> None:
    """Blank-node properties, and ids, types and datatypes that are not absolute IRIs, in an
    expanded document: expansion keeps them, the conversion to RDF drops them."""
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
        if key.startswith("_:"):
            found.append(f"{key!r}")
        if key not in ("@id", "@type"):
            _relative_iris(value, found)


def _options(**extra) -> dict:
    return {
        "documentLoader": document_loader,
        "contextResolver": ContextResolver(_resolved_contexts(), document_loader),
        "produceGeneralizedRdf": False,
        # No base IRI: pyld 3 would otherwise resolve a relative id or type against
        # http://example.org/base/ (its stand-in for a missing base), and the made-up IRI would
        # be signed; left relative, it is refused below.
        "base": None,
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


def _pyld(step, document):
    """One pyld step over the document, every failure as a CanonicalizationError."""
    try:
        return step(document, _options())
    except jsonld.JsonLdError as error:
        raise _clear_error(error) from error
    except RecursionError:
        raise CanonicalizationError("the document is nested too deeply") from None
    except (TypeError, AttributeError, KeyError, IndexError, ValueError) as error:
        # pyld assumes well-formed JSON-LD in places; malformed input must still fail cleanly.
        raise CanonicalizationError(f"not valid JSON-LD: {error!r}") from error


def _canonical_nquads(dataset: dict, hash_name: str = "sha256") -> str:
    return _Rdfc10(hash_name).main(dataset, {"format": "application/n-quads"})


def canonicalize(document: dict) -> str:
    """RDFC-1.0 canonical N-Quads of a JSON-LD document (contexts from the offline loader).

    Raises ``UndefinedTermError`` naming every key, id or type that JSON-LD would drop, and
    ``CanonicalizationError`` for anything else that stops canonicalisation.
    """
    if not isinstance(document, dict):
        raise CanonicalizationError("a JSON-LD document must be a JSON object")
    dropped: list[str | None] = []
    # pyld may annotate its input; the caller's document must stay as it was.
    expanded = _pyld(
        jsonld.JsonLdProcessor(on_property_dropped=dropped.append).expand,
        copy.deepcopy(document),
    )
    problems = _dropped_keys(document, dropped) if dropped else []
    _relative_iris(expanded, problems)
    if problems:
        raise UndefinedTermError(problems)
    dataset = _pyld(jsonld.JsonLdProcessor().to_rdf, expanded)
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
