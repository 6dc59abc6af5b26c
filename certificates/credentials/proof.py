"""Data Integrity proofs with the ``eddsa-rdfc-2022`` cryptosuite (W3C vc-di-eddsa, section 3.3).

Signing, in the specification's terms:

1. proof options: type, cryptosuite, created, verificationMethod, proofPurpose;
2. proof configuration = the options plus the document's ``@context``;
3. hash data = SHA-256(canonical proof configuration) + SHA-256(canonical document), 64 bytes,
   each canonical form being RDFC-1.0 N-Quads;
4. proofValue = multibase base58btc of the Ed25519 signature of the hash data.

Verifying repeats steps 2-3 from the received proof (without its proofValue) and checks the
signature with the key that ``resolve_key`` returns for the proof's verificationMethod.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from .canon import CanonicalizationError, canonicalize
from .multibase import (
    MultibaseError,
    decode_base58btc,
    decode_public_key,
    encode_base58btc,
    encode_public_key,
)

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"
CID_CONTEXT = "https://www.w3.org/ns/cid/v1"
# How far in the future a proof's ``created`` may be, for clocks that are a little apart.
CLOCK_SKEW = timedelta(minutes=5)
# XML Schema dateTimeStamp: a date-time that carries its time zone.
_DATETIME_STAMP = re.compile(
    r"-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})", re.ASCII
)


@dataclass
class VerificationResult:
    ok: bool
    errors: list[str] = field(default_factory=list)
    verification_method: str | None = None


def format_datetime(moment: datetime) -> str:
    """XSD dateTimeStamp in UTC, to the second (the form every example in the specs uses)."""
    if moment.tzinfo is None:
        raise ValueError("a proof time must be timezone-aware")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_datetime(text: object) -> datetime | None:
    """A dateTimeStamp (time zone required) as an aware datetime, or None if it is not one."""
    if not isinstance(text, str) or not _DATETIME_STAMP.fullmatch(text):
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def hash_data(document: dict, proof_options: dict) -> bytes:
    """The 64 bytes that eddsa-rdfc-2022 signs (proof configuration hash + document hash).

    ``document`` must not carry the proof; ``proof_options`` must not carry ``proofValue``.
    Raises ``CanonicalizationError`` (``UndefinedTermError`` for terms no context defines).
    """
    proof_config = {**proof_options, "@context": document.get("@context")}
    proof_hash = hashlib.sha256(canonicalize(proof_config).encode("utf-8")).digest()
    document_hash = hashlib.sha256(canonicalize(document).encode("utf-8")).digest()
    return proof_hash + document_hash


def sign(
    document: dict,
    *,
    private_key: Ed25519PrivateKey,
    verification_method: str,
    created: datetime,
    proof_purpose: str = "assertionMethod",
) -> dict:
    """A copy of ``document`` with an eddsa-rdfc-2022 ``proof``.

    Refuses a document that already has a proof (proof sets and chains are not needed here) or
    that has terms no context defines (they would not be covered by the signature).
    """
    if "proof" in document:
        raise ValueError("the document already has a proof")
    if "@context" not in document:
        raise ValueError("the document has no @context")
    proof = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": format_datetime(created),
        "verificationMethod": verification_method,
        "proofPurpose": proof_purpose,
    }
    signature = private_key.sign(hash_data(document, proof))
    return {**document, "proof": {**proof, "proofValue": encode_base58btc(signature)}}


def _proof_errors(document: dict, proof: dict, purpose: str, now: datetime) -> list[str]:
    """What is wrong with the proof's form, before any canonicalisation or cryptography."""
    errors = []
    if proof.get("type") != PROOF_TYPE:
        errors.append(f"proof type is {proof.get('type')!r}, expected {PROOF_TYPE!r}")
    if proof.get("cryptosuite") != CRYPTOSUITE:
        errors.append(f"cryptosuite is {proof.get('cryptosuite')!r}, expected {CRYPTOSUITE!r}")
    if proof.get("proofPurpose") != purpose:
        errors.append(f"proofPurpose is {proof.get('proofPurpose')!r}, expected {purpose!r}")
    if not isinstance(proof.get("verificationMethod"), str):
        errors.append("proof has no verificationMethod")
    created = parse_datetime(proof.get("created"))
    if created is None:
        errors.append("proof 'created' is missing or not a date-time with a time zone")
    elif created > now + CLOCK_SKEW:
        errors.append("proof 'created' is in the future")
    if "expires" in proof:
        expires = parse_datetime(proof["expires"])
        if expires is None:
            errors.append("proof 'expires' is not a date-time with a time zone")
        elif expires < now:
            errors.append("proof has expired")
    if "previousProof" in proof:
        errors.append("proof chains (previousProof) are not supported")
    if "@context" not in document:
        errors.append("the document has no @context")
    elif "@context" in proof:
        # vc-data-integrity: the proof's own contexts must be the first of the document's.
        outer = (
            document["@context"]
            if isinstance(document["@context"], list)
            else [document["@context"]]
        )
        inner = proof["@context"] if isinstance(proof["@context"], list) else [proof["@context"]]
        if outer[: len(inner)] != inner:
            errors.append("the proof's @context does not match the document's")
    value = proof.get("proofValue")
    try:
        if len(decode_base58btc(value)) != 64:
            errors.append("proofValue is not a 64-byte Ed25519 signature")
    except MultibaseError as error:
        errors.append(f"proofValue: {error}")
    return errors


def verify(
    document: dict,
    *,
    resolve_key: Callable[[str], Ed25519PublicKey | None],
    proof_purpose: str = "assertionMethod",
    now: datetime | None = None,
) -> VerificationResult:
    """Check the document's eddsa-rdfc-2022 proof. Never raises on bad input: the result lists
    what is wrong.

    ``resolve_key(verification_method_url)`` returns the public key the caller trusts for that
    URL (for example through ``key_from_controller_document``), or None. Binding the key to the
    credential's issuer is the caller's business: compare ``verification_method`` with it.
    """
    now = now or datetime.now(UTC)
    if not isinstance(document, Mapping):
        return VerificationResult(False, ["the credential is not a JSON object"])
    proof = document.get("proof")
    if isinstance(proof, list):
        if len(proof) != 1:
            return VerificationResult(False, ["proof sets (several proofs) are not supported"])
        proof = proof[0]
    if proof is None:
        return VerificationResult(False, ["the credential has no proof"])
    if not isinstance(proof, Mapping):
        return VerificationResult(False, ["the proof is not a JSON object"])
    method = proof.get("verificationMethod")
    method = method if isinstance(method, str) else None
    result = VerificationResult(False, _proof_errors(document, proof, proof_purpose, now), method)
    if result.errors:
        return result

    unsecured = {key: value for key, value in document.items() if key != "proof"}
    options = {key: value for key, value in proof.items() if key != "proofValue"}
    try:
        data = hash_data(unsecured, options)
    except CanonicalizationError as error:
        result.errors.append(str(error))
        return result

    try:
        public_key = resolve_key(method)
    except Exception as error:  # noqa: BLE001 - the resolver is the caller's; report, don't crash
        result.errors.append(f"could not resolve the verification method {method!r}: {error}")
        return result
    if public_key is None:
        result.errors.append(f"no trusted key for the verification method {method!r}")
        return result
    try:
        public_key.verify(decode_base58btc(proof["proofValue"]), data)
    except InvalidSignature:
        result.errors.append("the signature does not match: the credential has been altered")
        return result
    result.ok = True
    return result


def _as_list(value: object) -> list:
    return value if isinstance(value, list) else [] if value is None else [value]


def key_from_controller_document(document: object, key_url: str) -> Ed25519PublicKey | None:
    """The Ed25519 key ``key_url`` names, if its controller document vouches for it.

    W3C Controlled Identifiers 1.0, as verifiers apply it: the document's ``id`` is the key URL
    without its fragment, the key's ``controller`` is that ``id``, and the key is listed under
    ``assertionMethod`` (by reference, or embedded there). Anything else gives None.
    """
    if not isinstance(document, Mapping) or not isinstance(key_url, str) or "#" not in key_url:
        return None
    controller = key_url.split("#", 1)[0]
    if document.get("id") != controller:
        return None

    def absolute(ref: object) -> object:
        # Method ids may be written relative to the document ("#key-1").
        return controller + ref if isinstance(ref, str) and ref.startswith("#") else ref

    method = None
    authorised = False
    for entry in _as_list(document.get("assertionMethod")):
        if isinstance(entry, Mapping) and absolute(entry.get("id")) == key_url:
            method, authorised = entry, True
        elif absolute(entry) == key_url:
            authorised = True
    if not authorised:
        return None
    if method is None:
        for entry in _as_list(document.get("verificationMethod")):
            if isinstance(entry, Mapping) and absolute(entry.get("id")) == key_url:
                method = entry
    if method is None or method.get("type") != "Multikey":
        return None
    if absolute(method.get("controller")) != controller:
        return None
    try:
        return decode_public_key(method.get("publicKeyMultibase"))
    except (MultibaseError, ValueError):
        return None


def controller_document(controller: str, public_keys: Mapping[str, Ed25519PublicKey]) -> dict:
    """A controller document publishing ``public_keys`` (fragment -> key) for assertions.

    Retired keys stay in it, so that credentials they signed keep verifying.
    """
    methods = [
        {
            "id": f"{controller}#{fragment}",
            "type": "Multikey",
            "controller": controller,
            "publicKeyMultibase": encode_public_key(key),
        }
        for fragment, key in public_keys.items()
    ]
    return {
        "@context": [CID_CONTEXT],
        "id": controller,
        "verificationMethod": methods,
        "assertionMethod": [method["id"] for method in methods],
    }
