"""Any change to a signed credential fails verification, and the verifier never crashes.

The credential is 1EdTech's signed Open Badges 3.0 test vector, checked against a controller
document built from its published key.
"""

import copy
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from certificates.credentials import multibase, proof
from certificates.credentials.canon import UndefinedTermError

OB = Path(__file__).resolve().parent / "vectors" / "ob-v3p0-1edtech"
SIGNED = json.loads((OB / "signed-credential.json").read_text(encoding="utf-8"))
VECTOR = json.loads((OB / "vector.json").read_text(encoding="utf-8"))
PUBLIC = multibase.decode_public_key(VECTOR["publicKeyMultibase"])
CONTROLLER = proof.controller_document(
    VECTOR["controller"], {VECTOR["verificationMethod"].split("#")[1]: PUBLIC}
)
NOW = datetime(2026, 1, 1, tzinfo=UTC)


def check(document, controller=CONTROLLER):
    return proof.verify(
        document,
        resolve_key=lambda url: proof.key_from_controller_document(controller, url),
        now=NOW,
    )


def leaves(node, path=()):
    """(path, value) for every string, number or boolean in a JSON tree."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from leaves(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from leaves(value, (*path, index))
    else:
        yield path, node


def keys(node, path=()):
    """The path of every object member."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*path, key)
            yield from keys(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from keys(value, (*path, index))


def changed(value):
    """A different value of the same kind, as a forger would make it (still well-formed)."""
    assert isinstance(value, str)
    last = value[-1]
    if last.isdigit():
        replacement = "1" if last != "1" else "2"
    elif last.isalpha():
        replacement = "b" if last != "b" else "c"
    else:
        replacement = "x"
    return value[:-1] + replacement


def set_at(document, path, value):
    target = document
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value


def delete_at(document, path):
    target = document
    for step in path[:-1]:
        target = target[step]
    del target[path[-1]]


LEAVES = list(leaves(SIGNED))
KEYS = list(keys(SIGNED))


def test_the_untouched_credential_verifies():
    assert check(SIGNED).ok
    assert len(LEAVES) == 24  # every value of the vector, the proof's six included


@pytest.mark.parametrize("path", [p for p, _ in LEAVES], ids=lambda p: ".".join(map(str, p)))
def test_changing_any_value_fails(path):
    document = copy.deepcopy(SIGNED)
    original = dict(LEAVES)[path]
    set_at(document, path, changed(original))

    result = check(document)

    assert not result.ok
    assert result.errors


@pytest.mark.parametrize("path", KEYS, ids=lambda p: ".".join(map(str, p)))
def test_removing_any_member_fails(path):
    document = copy.deepcopy(SIGNED)
    delete_at(document, path)
    assert not check(document).ok


@pytest.mark.parametrize(
    "where", [(), ("issuer",), ("credentialSubject",), ("credentialSubject", "achievement")]
)
def test_adding_an_undefined_term_fails(where):
    document = copy.deepcopy(SIGNED)
    target = document
    for step in where:
        target = target[step]
    target["grade"] = "A+"

    result = check(document)

    assert not result.ok
    assert any("'grade'" in error and "not defined" in error for error in result.errors)


def test_adding_an_undefined_term_to_the_proof_fails():
    document = copy.deepcopy(SIGNED)
    document["proof"]["comment"] = "unsigned"
    result = check(document)
    assert not result.ok
    assert any("'comment'" in error for error in result.errors)


def test_adding_a_defined_term_fails():
    document = copy.deepcopy(SIGNED)
    document["description"] = "Also great at chess"
    result = check(document)
    assert not result.ok
    assert result.errors == ["the signature does not match: the credential has been altered"]


def test_removing_the_proof_fails():
    document = {k: v for k, v in SIGNED.items() if k != "proof"}
    assert check(document).errors == ["the credential has no proof"]


def test_a_different_key_fails():
    other = Ed25519PrivateKey.generate().public_key()
    result = proof.verify(SIGNED, resolve_key=lambda url: other, now=NOW)
    assert not result.ok
    assert "signature does not match" in result.errors[0]


def test_an_unknown_key_fails():
    result = proof.verify(SIGNED, resolve_key=lambda url: None, now=NOW)
    assert result.errors == [
        f"no trusted key for the verification method {VECTOR['verificationMethod']!r}"
    ]


def test_a_resolver_that_raises_is_reported():
    def broken(url):
        raise ConnectionError("DNS failure")

    result = proof.verify(SIGNED, resolve_key=broken, now=NOW)
    assert not result.ok
    assert "DNS failure" in result.errors[0]


def test_a_proof_from_the_future_fails():
    document = copy.deepcopy(SIGNED)
    assert not proof.verify(
        document, resolve_key=lambda url: PUBLIC, now=datetime(2009, 1, 1, tzinfo=UTC)
    ).ok


@pytest.mark.parametrize(
    "member, value, message",
    [
        ("type", "Ed25519Signature2020", "proof type"),
        ("cryptosuite", "eddsa-jcs-2022", "cryptosuite"),
        ("proofPurpose", "authentication", "proofPurpose"),
        ("created", "2010-01-01T19:23:24", "time zone"),
        ("proofValue", "uAAAA", "base58btc"),
        ("proofValue", "z3", "64-byte"),
        ("expires", "2011-01-01T00:00:00Z", "expired"),
        ("previousProof", "urn:uuid:1", "previousProof"),
    ],
)
def test_proof_form_is_checked(member, value, message):
    document = copy.deepcopy(SIGNED)
    document["proof"][member] = value
    result = check(document)
    assert not result.ok
    assert any(message in error for error in result.errors), result.errors


@pytest.mark.parametrize(
    "document",
    [
        None,
        [],
        "credential",
        {},
        {"proof": "z123"},
        {"proof": []},
        {"proof": [{}, {}]},
        {"proof": {"proofValue": 5}},
        {**SIGNED, "@context": 5},
        {**SIGNED, "@context": [{"@version": 2}]},
        {**SIGNED, "@context": ["https://example.com/evil-context"]},
        {**SIGNED, "credentialSubject": {"id": 5}},
        {**SIGNED, "type": {"@id": []}},
        {**SIGNED, "proof": {**SIGNED["proof"], "verificationMethod": ["x"]}},
        {**SIGNED, "proof": {**SIGNED["proof"], "created": 20100101}},
    ],
)
def test_malformed_input_is_reported_not_raised(document):
    result = check(document)
    assert not result.ok
    assert result.errors


@pytest.mark.parametrize("junk", [None, 0, 1.5, True, [], {}, [[]], {"@id": 5}, {"@value": {}}])
def test_junk_in_any_place_is_reported_not_raised(junk):
    for path, _ in LEAVES:
        document = copy.deepcopy(SIGNED)
        set_at(document, path, junk)
        assert not check(document).ok, path


def test_an_unknown_context_is_named_in_the_error():
    document = {**SIGNED, "@context": [*SIGNED["@context"], "https://example.com/evil-context"]}
    result = check(document)
    assert any("refusing to fetch 'https://example.com/evil-context'" in e for e in result.errors)


# -- the controller document rules (README: what verifiers check) ------------------------------

KEY_URL = VECTOR["verificationMethod"]


def test_controller_document_gives_the_key():
    key = proof.key_from_controller_document(CONTROLLER, KEY_URL)
    assert multibase.encode_public_key(key) == VECTOR["publicKeyMultibase"]


def test_controller_document_accepts_relative_and_embedded_methods():
    fragment = "#" + KEY_URL.split("#")[1]
    method = {
        "id": fragment,
        "type": "Multikey",
        "controller": VECTOR["controller"],
        "publicKeyMultibase": VECTOR["publicKeyMultibase"],
    }
    relative = {
        "id": VECTOR["controller"],
        "verificationMethod": [method],
        "assertionMethod": [fragment],
    }
    embedded = {"id": VECTOR["controller"], "assertionMethod": [method]}
    assert proof.key_from_controller_document(relative, KEY_URL) is not None
    assert proof.key_from_controller_document(embedded, KEY_URL) is not None


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(id="https://example.edu/issuers/other"),
        lambda d: d["verificationMethod"][0].update(controller="https://evil.example/"),
        lambda d: d.update(assertionMethod=[]),
        lambda d: d.pop("assertionMethod"),
        lambda d: d["verificationMethod"][0].update(type="JsonWebKey"),
        lambda d: d["verificationMethod"][0].update(publicKeyMultibase="z6Mk"),
        lambda d: d.update(verificationMethod=[]),
    ],
    ids=["id", "controller", "not-assertion", "no-assertion", "type", "bad-key", "no-method"],
)
def test_controller_document_rules(change):
    document = copy.deepcopy(CONTROLLER)
    change(document)
    assert proof.key_from_controller_document(document, KEY_URL) is None
    assert not check(SIGNED, controller=document).ok


def test_controller_document_needs_a_fragment_url():
    assert proof.key_from_controller_document(CONTROLLER, VECTOR["controller"]) is None
    assert proof.key_from_controller_document("not a document", KEY_URL) is None


# -- signing -----------------------------------------------------------------------------------


def test_sign_then_verify_with_a_fresh_key():
    key = Ed25519PrivateKey.generate()
    unsigned = {k: v for k, v in SIGNED.items() if k != "proof"}
    signed = proof.sign(
        unsigned,
        private_key=key,
        verification_method="https://isoko.example/certificates/issuer#k1",
        created=datetime(2025, 11, 30, 8, 43, 12, 999, tzinfo=UTC),
    )
    assert signed["proof"]["created"] == "2025-11-30T08:43:12Z"
    assert "proof" not in unsigned  # a new dict; the input is left alone
    assert proof.verify(signed, resolve_key=lambda url: key.public_key(), now=NOW).ok


def test_sign_refuses_undefined_terms_and_second_proofs():
    key = Ed25519PrivateKey.generate()
    unsigned = {k: v for k, v in SIGNED.items() if k != "proof"}
    options = {"private_key": key, "verification_method": KEY_URL, "created": NOW}
    with pytest.raises(UndefinedTermError, match="'grade'"):
        proof.sign({**unsigned, "grade": "A"}, **options)
    with pytest.raises(ValueError, match="already has a proof"):
        proof.sign(SIGNED, **options)
    with pytest.raises(ValueError, match="timezone"):
        proof.sign(unsigned, **{**options, "created": datetime(2026, 1, 1)})
