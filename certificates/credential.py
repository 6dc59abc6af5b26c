"""The certificate as an Open Badges 3.0 ``OpenBadgeCredential`` (VC 2.0 data model), signed with
an ``eddsa-rdfc-2022`` Data Integrity proof, and the issuer's published documents.

The issuer is its own controller document (W3C Controlled Identifiers): the profile at
``/certificates/issuer`` lists every public key that ever signed (Multikey), and a proof's
verification method is ``<issuer URL>#<key id>``.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, time

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from certificates.credentials import keys, proof
from certificates.models import Certificate, PublishedKey
from core.links import absolute_url

VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CID_V1 = "https://www.w3.org/ns/cid/v1"
# How far behind ours a verifier's clock may be. Verifiers compare ``validFrom`` with their own
# clock, most without any leeway ("not valid before ..."), and one may read its clock before it
# fetches. So no document we sign says it is valid from later than CLOCK_SKEW_TOLERANCE before
# the moment it is signed: ``valid_from()`` backdates by this much. Five minutes is the leeway
# our own verifier gives a proof's ``created`` (proof.CLOCK_SKEW), and covers clocks that NTP
# keeps within seconds as well as a phone set a few minutes wrong. README: "Clock skew".
CLOCK_SKEW_TOLERANCE = proof.CLOCK_SKEW


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def valid_from(moment: datetime) -> str:
    """The ``validFrom`` of a document signed at ``moment`` (see CLOCK_SKEW_TOLERANCE)."""
    return iso(moment - CLOCK_SKEW_TOLERANCE)


def issuer_url() -> str:
    return absolute_url(reverse("certificates:issuer"))


def key_url(key_id: str) -> str:
    return f"{issuer_url()}#{key_id}"


def status_list_url(number: int) -> str:
    return absolute_url(reverse("certificates:status_list", args=[number]))


def verify_url(certificate: Certificate) -> str:
    return absolute_url(reverse("certificates:verify", args=[certificate.code]))


def issuer_summary() -> dict:
    return {
        "id": issuer_url(),
        "type": ["Profile"],
        "name": settings.ISOKO_ISSUER_NAME,
        "url": absolute_url("/"),
    }


def _email_identifier(email: str) -> dict:
    # OB 3.0 recommends a salted hash: the credential proves who it is about to someone who
    # knows the address, without printing the address for everyone else.
    salt = secrets.token_hex(8)
    digest = hashlib.sha256((email.lower() + salt).encode()).hexdigest()
    return {
        "type": "IdentityObject",
        "identityHash": f"sha256${digest}",
        "identityType": "emailAddress",
        "hashed": True,
        "salt": salt,
    }


def credential_unsigned(certificate: Certificate) -> dict:
    """The credential for an issued (or issuing) certificate, before its proof."""
    course_url = absolute_url(certificate.course.get_url() or "/")
    document = {
        "@context": [VC_V2, OB_V3],
        "id": verify_url(certificate),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": certificate.course_title,
        "issuer": issuer_summary(),
        "validFrom": valid_from(certificate.issued_at),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityHash": certificate.name,
                    "identityType": "name",
                    "hashed": False,
                },
                _email_identifier(certificate.learner.email),
            ],
            "achievement": {
                "id": course_url,
                "type": ["Achievement"],
                "achievementType": "Certificate",
                "name": certificate.course_title,
                "description": f"Completed the course “{certificate.course_title}” "
                f"({certificate.hours} hours).",
                "criteria": {
                    "narrative": "Every required lesson completed and every required quiz "
                    "passed (cohort courses: attendance as well), checked on the server."
                },
                "inLanguage": certificate.language,
                "creator": issuer_summary(),
            },
        },
        "credentialStatus": {
            "id": f"{status_list_url(certificate.status_list)}#{certificate.status_index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(certificate.status_index),
            "statusListCredential": status_list_url(certificate.status_list),
        },
    }
    if certificate.expires_on:
        end = datetime.combine(certificate.expires_on, time(23, 59, 59), tzinfo=UTC)
        document["validUntil"] = iso(end)
    return document


def credential_sign(document: dict) -> dict:
    """Sign with the keyring's current key, recording its public key as published for good."""
    key = keys.signing_key()
    PublishedKey.objects.get_or_create(
        key_id=key.id, defaults={"public_key_multibase": key.public_key_multibase}
    )
    return proof.sign(
        document,
        private_key=key.private_key,
        verification_method=key_url(key.id),
        created=timezone.now(),
    )


def published_keys() -> dict[str, str]:
    """Key id → public Multikey, for every key in the keyring and every key that ever signed."""
    published = dict(PublishedKey.objects.values_list("key_id", "public_key_multibase"))
    for key in keys.public_keyring():
        published.setdefault(key.id, key.public_key_multibase)
    return published


def issuer_document() -> dict:
    """The issuer's profile, which is also the controller document of its keys."""
    issuer = issuer_url()
    methods = [
        {
            "id": key_url(key_id),
            "type": "Multikey",
            "controller": issuer,
            "publicKeyMultibase": public_key,
        }
        for key_id, public_key in published_keys().items()
    ]
    return {
        "@context": [CID_V1, OB_V3],
        **issuer_summary(),
        "verificationMethod": methods,
        "assertionMethod": [method["id"] for method in methods],
    }
