"""The offline context loader and the strict canonicaliser."""

import hashlib
import json
import socket

import pytest
from pyld import jsonld, nquads

from certificates.credentials import loader
from certificates.credentials.canon import (
    CanonicalizationError,
    UndefinedTermError,
    canonicalize,
)

VC = "https://www.w3.org/ns/credentials/v2"
OB = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"

# The SHA-256 of each pinned context, as certificates/credentials/contexts/README.md lists them
# (the ones the W3C publishes for VCDM 2.0, Data Integrity, Bitstring Status List and CID are
# equal).
PINNED = {
    "cid-v1.json": "ea216ecc1cb02cd39b693dba2250141e270ba0bf95890be107dd9a9e8e43de85",
    "citizenship-v4rc1.json": "5038c7383afd7ab2158f1b997913a8f60978a0abcf96e0b0d08e29f146d2db1e",
    "credentials-examples-v2.json": (
        "57393fbc69d6efb9b9b5dc9cb6b9880b0944360abfe2eaf459c9e58cf2279d7c"
    ),
    "credentials-status-v1.json": (
        "fda5add353231e6a6884a46b12e6c75464281900cb348284d9c360f62381d9f7"
    ),
    "credentials-v2.json": "59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734",
    "data-integrity-v2.json": "67f21e6e33a6c14e5ccfd2fc7865f7474fb71a04af7e94136cb399dfac8ae8f4",
    "multikey-v1.json": "ba2c182de2d92f7e47184bcca8fcf0beaee6d3986c527bf664c195bbc7c58597",
    "ob-v3p0-context-3.0.1.json": (
        "d582f3564282fb3b709136d28412e78e70b678b4dbc2f0221f67d84932748355"
    ),
    "ob-v3p0-context-3.0.2.json": (
        "00666ad080ba407687ed1846b7f5e7495f5019042b202a727de47c48a1755c53"
    ),
    "ob-v3p0-context-3.0.3.json": (
        "ef2fa9c7846dce233cc166b43639027278be4ee44f00bb1d45c75de2dd0cd761"
    ),
}


def credential(**extra):
    return {
        "@context": [VC, OB],
        "id": "urn:uuid:2b2d4a36-8f0c-4b52-9f5e-7d7c6c1d9a10",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": "https://isoko.example/certificates/issuer", "type": ["Profile"]},
        "validFrom": "2026-11-30T08:00:00Z",
        "name": "Selling coffee online",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "https://isoko.example/courses/coffee/",
                "type": ["Achievement"],
                "name": "Selling coffee online",
                "criteria": {"narrative": "Completed every lesson and passed the quiz."},
            },
        },
        **extra,
    }


# -- loader ------------------------------------------------------------------------------------


def test_pinned_contexts_are_the_published_files():
    index = json.loads((loader.CONTEXTS_DIR / "index.json").read_text())
    assert sorted(index.values()) == sorted(PINNED)
    for name, digest in PINNED.items():
        assert hashlib.sha256((loader.CONTEXTS_DIR / name).read_bytes()).hexdigest() == digest
    assert loader.known_urls() == set(index)


def test_loader_serves_pinned_contexts_as_copies():
    first = loader.document_loader(VC)
    assert first["documentUrl"] == VC
    assert first["document"]["@context"]["@protected"] is True
    first["document"]["@context"]["id"] = "https://evil.example/id"
    assert loader.document_loader(VC)["document"]["@context"]["id"] == "@id"


@pytest.mark.parametrize(
    "url", ["https://example.com/context.json", "https://www.w3.org/ns/credentials/v2/", None]
)
def test_loader_refuses_anything_else(url):
    with pytest.raises(loader.UnknownContextError, match="refusing to fetch"):
        loader.document_loader(url)


def test_canonicalising_changes_nothing_in_pyld_for_the_rest_of_the_process():
    """The loader, the escaping and the work budget are ours alone: other pyld users in the
    process keep pyld's own default loader and serialisation."""
    default_loader = jsonld.get_document_loader()
    canonicalize(credential(name="form\ffeed"))
    assert jsonld.get_document_loader() is default_loader
    triple = {
        "subject": {"type": "IRI", "value": "https://isoko.example/s"},
        "predicate": {"type": "IRI", "value": "https://isoko.example/p"},
        "object": {"type": "literal", "value": "a\fb", "datatype": jsonld.XSD_STRING},
    }
    assert jsonld.JsonLdProcessor.to_nquad(triple) == nquads.serialize_nquad(triple)
    assert "\f" in nquads.serialize_nquad(triple)  # pyld's own: the form feed written raw


def test_canonicalising_never_touches_the_network(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("network used")

    # Undone before teardown: other fixtures' teardown may use Redis (the cache in CI).
    with monkeypatch.context() as patch:
        patch.setattr(socket.socket, "connect", no_network)
        patch.setattr(socket, "create_connection", no_network)
        assert "OpenBadgeCredential" in canonicalize(credential())
        with pytest.raises(
            CanonicalizationError, match="refusing to fetch 'https://example.com/x'"
        ):
            canonicalize({**credential(), "@context": [VC, OB, "https://example.com/x"]})


# -- strictness --------------------------------------------------------------------------------


def test_a_well_formed_credential_passes_and_is_left_alone():
    document = credential()
    before = json.dumps(document, sort_keys=True)
    canonical = canonicalize(document)
    assert json.dumps(document, sort_keys=True) == before
    assert '"Completed every lesson and passed the quiz."' in canonical


@pytest.mark.parametrize(
    "change, named",
    [
        (lambda d: d.update(grade="A"), "'grade'"),
        (lambda d: d["issuer"].update(motto="x"), "'motto' (in 'issuer')"),
        (lambda d: d["credentialSubject"].update(score=99), "'score' (in 'credentialSubject')"),
        # inside a type-scoped context (Achievement's, from the OB context)
        (lambda d: d["credentialSubject"]["achievement"].update(level="B2"), "'level'"),
        (lambda d: d["credentialSubject"]["achievement"]["criteria"].update(x=1), "'x'"),
        (lambda d: d.update({"@foo": "bar"}), "'@foo'"),
        (lambda d: d.update({"_:b0": "blank-node property"}), "'_:b0'"),
        (lambda d: d["type"].append("GoldBadge"), "type 'GoldBadge'"),
        (lambda d: d.update(id="certificate-42"), "id 'certificate-42'"),
    ],
)
def test_terms_that_would_go_unsigned_are_refused(change, named):
    document = credential()
    change(document)
    with pytest.raises(UndefinedTermError) as caught:
        canonicalize(document)
    assert named in str(caught.value)


def test_every_undefined_key_is_named_at_once():
    document = credential(grade="A")
    document["credentialSubject"]["score"] = 99
    with pytest.raises(UndefinedTermError) as caught:
        canonicalize(document)
    assert len(caught.value.problems) == 2


def test_terms_defined_by_an_embedded_context_or_absolute_iris_pass():
    document = credential(**{"https://isoko.example/vocab#cohort": "2026-A"})
    document["@context"] = [VC, OB, {"cohortName": "https://isoko.example/vocab#cohortName"}]
    document["cohortName"] = "Kigali, spring"
    canonical = canonicalize(document)
    assert '<https://isoko.example/vocab#cohort> "2026-A"' in canonical
    assert '<https://isoko.example/vocab#cohortName> "Kigali, spring"' in canonical


def test_a_null_value_is_not_an_undefined_term():
    # null means "no value" in JSON-LD; it adds nothing to the data, so nothing goes unsigned.
    canonicalize(credential(description=None))


@pytest.mark.parametrize(
    "document", [None, [], "x", {"@context": 5}, {"@context": [{"@version": 2}]}]
)
def test_malformed_documents_raise_canonicalization_error(document):
    with pytest.raises(CanonicalizationError):
        canonicalize(document)


def test_control_characters_are_written_as_rdfc_1_0_requires():
    # pyld alone would write the form feed, backspace, U+0001 and DEL raw; RDFC-1.0 escapes them.
    canonical = canonicalize(credential(name='a\tb\bc\fd\x01e\x7ff"g\\h\ni\rj'))
    assert '"a\\tb\\bc\\fd\\u0001e\\u007Ff\\"g\\\\h\\ni\\rj"' in canonical
    assert "\x01" not in canonical and "\x7f" not in canonical and "\f" not in canonical
