"""The Bitstring Status List credentials that publish revocation.

One list per 131,072 certificates (the slot is derived from the primary key). A bit is set for a
revoked or superseded certificate. Signing a list costs a canonicalisation, so the signed list is
cached under a key made from the withdrawn slots themselves: one small query tells whether the
cached copy is current, in every process, with nothing to invalidate.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.utils import timezone

from certificates.credential import VC_V2, credential_sign, iso, issuer_url, status_list_url
from certificates.credentials import status_list
from certificates.models import STATUS_LIST_SIZE, Certificate

TTL = 60 * 60 * 24


def withdrawn_indexes(number: int) -> list[int]:
    first = number * STATUS_LIST_SIZE
    ids = (
        Certificate.objects.filter(
            pk__gte=first,
            pk__lt=first + STATUS_LIST_SIZE,
            status__in=[Certificate.Status.REVOKED, Certificate.Status.SUPERSEDED],
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return [pk - first for pk in ids]


def status_list_credential(number: int) -> dict:
    indexes = withdrawn_indexes(number)
    fingerprint = hashlib.sha256(",".join(map(str, indexes)).encode()).hexdigest()[:32]
    key = f"certificates:status-list:{number}:{fingerprint}"
    document = cache.get(key)
    if document is None:
        url = status_list_url(number)
        document = credential_sign(
            {
                "@context": [VC_V2],
                "id": url,
                "type": ["VerifiableCredential", "BitstringStatusListCredential"],
                "issuer": issuer_url(),
                "validFrom": iso(timezone.now()),
                "credentialSubject": {
                    "id": f"{url}#list",
                    "type": "BitstringStatusList",
                    "statusPurpose": "revocation",
                    "encodedList": status_list.encode_list(indexes),
                },
            }
        )
        cache.set(key, document, TTL)
    return document
