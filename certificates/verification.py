"""Checking a credential: the proof, the issuer, the status list entry and the validity dates.

Used by ``manage.py verify_credential FILE`` and by the public verify endpoint. Only credentials
issued by this site verify: keys are resolved from our own controller document (the issuer
profile), never fetched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from certificates.credential import VC_V2, issuer_document, issuer_url, status_list_url
from certificates.credentials import proof, status_list


@dataclass
class CredentialCheck:
    status: str = "invalid"  # valid | revoked | expired | not_yet_valid | invalid
    errors: list[str] = field(default_factory=list)
    checks: dict[str, bool] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == "valid"

    def as_dict(self) -> dict:
        return {
            "status": self.status,
            "valid": self.ok,
            "checks": self.checks,
            "errors": self.errors,
        }


def parse_time(value) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else None


def _our_key(controller: dict):
    return lambda url: proof.key_from_controller_document(controller, url)


def _proof_ok(
    document: dict, controller: dict, result: CredentialCheck, label: str, now: datetime
) -> bool:
    outcome = proof.verify(document, resolve_key=_our_key(controller), now=now)
    if not outcome.ok:
        result.errors.extend(f"{label}: {error}" for error in outcome.errors)
    return outcome.ok


def _status_check(
    document: dict, controller: dict, result: CredentialCheck, now: datetime
) -> bool | None:
    """True when revoked, False when not, None when the entry cannot be checked."""
    from certificates.status import status_list_credential

    entry = document.get("credentialStatus")
    if not isinstance(entry, dict) or entry.get("type") != "BitstringStatusListEntry":
        result.errors.append("credentialStatus: missing or not a BitstringStatusListEntry")
        return None
    list_url = entry.get("statusListCredential")
    match = re.fullmatch(re.escape(status_list_url(0))[:-1] + r"([0-9]{1,5})", str(list_url))
    if not match:
        result.errors.append("credentialStatus: not one of this issuer's status lists")
        return None
    try:
        index = status_list.parse_index(entry.get("statusListIndex"))
    except status_list.StatusListError as error:
        result.errors.append(f"credentialStatus: {error}")
        return None
    status_credential = status_list_credential(int(match.group(1)))
    if not _proof_ok(status_credential, controller, result, "status list", now):
        return None
    # The status list is a credential too: a verifier checks its validity period with its own
    # clock, as it does the certificate's (Bitstring Status List 1.0, section 3.2).
    list_from = parse_time(status_credential.get("validFrom"))
    if list_from is not None and list_from > now:
        result.errors.append(f"status list: not valid before {status_credential['validFrom']}")
        return None
    list_until = parse_time(status_credential.get("validUntil"))
    if list_until is not None and list_until < now:
        result.errors.append(f"status list: expired on {status_credential['validUntil']}")
        return None
    try:
        return status_list.is_set(status_credential["credentialSubject"]["encodedList"], int(index))
    except (ValueError, KeyError) as error:
        result.errors.append(f"credentialStatus: {error}")
        return None


def credential_verify(document, *, now: datetime | None = None) -> CredentialCheck:
    """Check a credential as a verifier whose clock reads ``now`` (default: ours)."""
    now = now or timezone.now()
    result = CredentialCheck()
    if not isinstance(document, dict):
        result.errors.append("not a JSON object")
        return result
    contexts = document.get("@context")
    if not isinstance(contexts, list) or not contexts or contexts[0] != VC_V2:
        result.errors.append(f"@context: the first context must be {VC_V2}")
        return result
    controller = issuer_document()
    result.checks["signature"] = _proof_ok(document, controller, result, "proof", now)
    issuer = document.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    result.checks["issuer"] = issuer_id == issuer_url()
    if not result.checks["issuer"]:
        result.errors.append(f"issuer: {issuer_id!r} is not this site's issuer ({issuer_url()})")
    if not (result.checks["signature"] and result.checks["issuer"]):
        return result
    revoked = _status_check(document, controller, result, now)
    result.checks["status"] = revoked is False
    if revoked is None:
        return result
    valid_from, valid_until = (
        parse_time(document.get("validFrom")),
        parse_time(document.get("validUntil")),
    )
    if valid_from is None:
        result.errors.append("validFrom: missing or without a time zone")
        return result
    if revoked:
        result.status = "revoked"
    elif valid_from > now:
        result.status = "not_yet_valid"
    elif "validUntil" in document and (valid_until is None or valid_until < now):
        result.status = "expired"
    else:
        result.status = "valid"
    return result
