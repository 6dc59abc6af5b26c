"""The Bitstring Status List credentials that publish revocation, and the slots in them.

A list holds 131,072 certificates. Each certificate's slot (list, index) is drawn when it is
first signed: a CSPRNG draw among the free indexes of the first list that has room, as the
privacy considerations of Bitstring Status List 1.0 ask, so an index tells nothing of how many
certificates were issued or in what order. A unique constraint backs the
draw: two workers that draw the same free index at once cannot both keep it; the loser draws
again. When a list is full the next one opens.

A bit is set for a revoked or superseded certificate. Signing a list costs a canonicalisation,
so the signed list is cached under a key made from the withdrawn slots themselves: one small
query tells whether the cached copy is current, in every process, with nothing to invalidate.
"""

from __future__ import annotations

import hashlib
import secrets

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone

from certificates.credential import (
    VC_V2,
    credential_sign,
    issuer_url,
    status_list_url,
    valid_from,
)
from certificates.credentials import status_list
from certificates.models import STATUS_LIST_SIZE, Certificate

TTL = 60 * 60 * 24
# Slots per list (a test lowers it to see a list fill up).
LIST_CAPACITY = STATUS_LIST_SIZE
# Random draws checked against the database before listing every free index of the list: with a
# list 99% full, 64 draws all hit taken slots with probability 0.99^64 ≈ 0.53; below half full,
# with less than 1 in 10^19.
RANDOM_DRAWS = 64
# Claims that lost a race to another worker before giving up (each loser draws again).
CLAIM_ATTEMPTS = 10


class StatusSlotError(RuntimeError):
    """No status list slot could be claimed (only ever under extreme contention)."""


def _open_list() -> int:
    """The first list with a free slot: the lowest one not yet full, or a new one."""
    sizes = dict(
        Certificate.objects.filter(status_list__isnull=False)
        .values_list("status_list")
        .annotate(size=Count("pk"))
        .order_by()
    )
    number = 0
    while sizes.get(number, 0) >= LIST_CAPACITY:
        number += 1
    return number


def _draw() -> tuple[int, int] | None:
    """A free slot, uniformly at random among the free indexes of the open list; None if the
    list filled up meanwhile (the next draw opens the next one)."""
    number = _open_list()
    taken = Certificate.objects.filter(status_list=number)
    for _ in range(RANDOM_DRAWS):
        index = secrets.randbelow(LIST_CAPACITY)
        if not taken.filter(status_index=index).exists():
            return number, index
    free = sorted(set(range(LIST_CAPACITY)) - set(taken.values_list("status_index", flat=True)))
    return (number, secrets.choice(free)) if free else None


def status_slot_assign(certificate: Certificate) -> None:
    """Give ``certificate`` its status list slot, once. Call it inside the transaction that
    holds the certificate's row lock (issuing does), before its credential is signed."""
    if certificate.status_index is not None:
        return
    for _ in range(CLAIM_ATTEMPTS):
        slot = _draw()
        if slot is None:
            continue
        number, index = slot
        try:
            with transaction.atomic():  # a savepoint: a lost race leaves the transaction usable
                Certificate.objects.filter(pk=certificate.pk).update(
                    status_list=number, status_index=index
                )
        except IntegrityError:
            continue  # another certificate took that slot first: draw again
        certificate.status_list, certificate.status_index = number, index
        return
    raise StatusSlotError(f"no free status list slot after {CLAIM_ATTEMPTS} attempts")


def withdrawn_indexes(number: int) -> list[int]:
    return list(
        Certificate.objects.filter(
            status_list=number,
            status__in=[Certificate.Status.REVOKED, Certificate.Status.SUPERSEDED],
        )
        .order_by("status_index")
        .values_list("status_index", flat=True)
    )


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
                # Re-signed after every revocation, and fetched by every verifier of every
                # certificate on the list: a validFrom of "now" would fail them all for a
                # moment. Backdated by the documented clock-skew tolerance instead.
                "validFrom": valid_from(timezone.now()),
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
