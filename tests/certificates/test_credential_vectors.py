"""Our eddsa-rdfc-2022 implementation against the published test vectors.

- W3C vc-di-eddsa appendix B: the AlumniCredential set and the employment authorization set;
- 1EdTech's Open Badges 3.0 Linked Data Proof test vector (OB 3.0.3 context, https key URL).
"""

import hashlib
import json
from datetime import datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from certificates.credentials import multibase, proof
from certificates.credentials.canon import canonicalize

VECTORS = Path(__file__).resolve().parent / "vectors"
W3C = VECTORS / "eddsa-rdfc-2022"
OB = VECTORS / "ob-v3p0-1edtech"
# The W3C vectors sign at this time (proofConfigDataInt.json / signedDataInt.json).
VERIFY_AT = datetime.fromisoformat("2024-01-01T00:00:00+00:00")


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def load(path: Path) -> dict:
    return json.loads(text(path))


W3C_SETS = {
    "alumni": (W3C / "unsigned.json", W3C),
    "employ": (W3C / "employmentAuth.json", W3C / "employ"),
}


@pytest.fixture(scope="module")
def w3c_keys():
    pair = load(W3C / "keyPair.json")
    return (
        multibase.decode_secret_key(pair["privateKeyMultibase"]),
        multibase.decode_public_key(pair["publicKeyMultibase"]),
    )


def test_w3c_multikey_round_trip(w3c_keys):
    secret, public = w3c_keys
    pair = load(W3C / "keyPair.json")
    assert multibase.encode_secret_key(secret) == pair["privateKeyMultibase"]
    assert multibase.encode_public_key(public) == pair["publicKeyMultibase"]
    assert multibase.encode_public_key(secret.public_key()) == pair["publicKeyMultibase"]


@pytest.mark.parametrize("name", W3C_SETS)
def test_w3c_canonical_forms_and_hashes(name):
    unsigned_path, folder = W3C_SETS[name]
    document_canon = canonicalize(load(unsigned_path))
    proof_canon = canonicalize(load(folder / "proofConfigDataInt.json"))

    assert document_canon == text(folder / "canonDocDataInt.txt")
    assert proof_canon == text(folder / "proofCanonDataInt.txt")
    document_hash = hashlib.sha256(document_canon.encode()).hexdigest()
    proof_hash = hashlib.sha256(proof_canon.encode()).hexdigest()
    assert document_hash == text(folder / "docHashDataInt.txt").strip()
    assert proof_hash == text(folder / "proofHashDataInt.txt").strip()
    assert proof_hash + document_hash == text(folder / "combinedHashDataInt.txt").strip()


@pytest.mark.parametrize("name", W3C_SETS)
def test_w3c_signature_and_signed_document(name, w3c_keys):
    unsigned_path, folder = W3C_SETS[name]
    config = load(folder / "proofConfigDataInt.json")
    secret, _ = w3c_keys

    signed = proof.sign(
        load(unsigned_path),
        private_key=secret,
        verification_method=config["verificationMethod"],
        created=datetime.fromisoformat(config["created"]),
    )

    expected = load(folder / "signedDataInt.json")
    assert signed == expected  # Ed25519 is deterministic: the very same proofValue
    signature = multibase.decode_base58btc(signed["proof"]["proofValue"])
    assert signature.hex() == text(folder / "sigHexDataInt.txt").strip()
    assert signed["proof"]["proofValue"] == text(folder / "sigBTC58DataInt.txt").strip()
    options = {k: v for k, v in config.items() if k != "@context"}
    assert proof.hash_data(load(unsigned_path), options).hex() == (
        text(folder / "combinedHashDataInt.txt").strip()
    )


@pytest.mark.parametrize("name", W3C_SETS)
def test_w3c_signed_document_verifies(name, w3c_keys):
    _, folder = W3C_SETS[name]
    signed = load(folder / "signedDataInt.json")
    method = signed["proof"]["verificationMethod"]
    _, public = w3c_keys

    result = proof.verify(
        signed, resolve_key=lambda url: public if url == method else None, now=VERIFY_AT
    )

    assert result.ok, result.errors
    assert result.errors == []
    assert result.verification_method == method


# -- Open Badges 3.0 (1EdTech) -------------------------------------------------------------------


@pytest.fixture(scope="module")
def ob_vector():
    return load(OB / "vector.json")


@pytest.fixture(scope="module")
def ob_controller(ob_vector):
    """The vector's page gives no controller document; this is the one its key URL implies."""
    public = multibase.decode_public_key(ob_vector["publicKeyMultibase"])
    fragment = ob_vector["verificationMethod"].split("#", 1)[1]
    return proof.controller_document(ob_vector["controller"], {fragment: public})


def test_ob_vector_keys_agree(ob_vector):
    secret_hex = ob_vector["privateKeyHex"]
    # the page gives the 64-byte form: 32-byte seed followed by the public key
    secret = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(secret_hex[:64]))
    public = multibase.decode_public_key(ob_vector["publicKeyMultibase"])
    raw = Encoding.Raw, PublicFormat.Raw
    assert public.public_bytes(*raw).hex() == ob_vector["publicKeyHex"] == secret_hex[64:]
    assert secret.public_key().public_bytes(*raw).hex() == ob_vector["publicKeyHex"]


def test_ob_canonical_forms_hashes_and_proof_value(ob_vector):
    signed = load(OB / "signed-credential.json")
    unsigned = {k: v for k, v in signed.items() if k != "proof"}
    options = {k: v for k, v in signed["proof"].items() if k != "proofValue"}

    document_canon = canonicalize(unsigned)
    proof_canon = canonicalize({**options, "@context": unsigned["@context"]})
    assert document_canon == text(OB / "document-canon.txt")
    assert proof_canon == text(OB / "proof-canon.txt")
    assert hashlib.sha256(document_canon.encode()).hexdigest() == ob_vector["documentHashHex"]
    assert hashlib.sha256(proof_canon.encode()).hexdigest() == ob_vector["proofHashHex"]
    assert proof.hash_data(unsigned, options).hex() == ob_vector["dataToSignHex"]

    secret = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(ob_vector["privateKeyHex"][:64]))
    resigned = proof.sign(
        unsigned,
        private_key=secret,
        verification_method=options["verificationMethod"],
        created=datetime.fromisoformat(options["created"]),
    )
    value = resigned["proof"]["proofValue"]
    assert multibase.decode_base58btc(value).hex() == ob_vector["signatureHex"]
    assert value == ob_vector["proofValue"] == signed["proof"]["proofValue"]


def test_ob_signed_credential_verifies_through_its_controller_document(ob_vector, ob_controller):
    signed = load(OB / "signed-credential.json")

    result = proof.verify(
        signed,
        resolve_key=lambda url: proof.key_from_controller_document(ob_controller, url),
        now=VERIFY_AT,
    )

    assert result.ok, result.errors
    assert result.verification_method == ob_vector["verificationMethod"]
    # the controller document itself is well-formed JSON-LD under the pinned CID context
    assert "security#assertionMethod" in canonicalize(ob_controller)
