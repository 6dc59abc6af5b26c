"""Writes of the partner API: tokens made, revoked and used (docs/api.md, "Tokens")."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from partner_api.models import ApiToken, ApiTokenEvent, ApiTokenUse, Scope

TOKEN_START = "isk_"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    plaintext: str  # shown once, to the person who made it; never stored


@transaction.atomic(durable=True)
def token_create(
    *, name: str, scopes: list[str], created_by, expires_at: datetime | None = None
) -> NewToken:
    """A new token: the row with the hash, the creation audit, and the plaintext to show once."""
    unknown = set(scopes) - set(Scope.values)
    if unknown:
        raise ValueError(f"unknown scopes: {sorted(unknown)}")
    prefix = secrets.token_hex(6)  # 12 hex characters: a lookup key, not a secret
    plaintext = f"{TOKEN_START}{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        name=name,
        prefix=prefix,
        secret_hash=token_hash(plaintext),
        scopes=sorted(set(scopes)),
        created_by=created_by,
        expires_at=expires_at,
    )
    ApiTokenEvent.objects.create(
        token=token,
        action=ApiTokenEvent.Action.CREATED,
        actor=created_by,
        data={"scopes": token.scopes, "expires_at": expires_at.isoformat() if expires_at else None},
    )
    return NewToken(token=token, plaintext=plaintext)


@transaction.atomic(durable=True)
def token_revoke(*, token: ApiToken, actor) -> ApiToken:
    """Revoke a token at once (the next call with it is a 401). Revoking twice changes nothing."""
    locked = ApiToken.objects.select_for_update().get(pk=token.pk)
    if locked.revoked_at is None:
        locked.revoked_at = timezone.now()
        locked.revoked_by = actor
        locked.save(update_fields=["revoked_at", "revoked_by"])
        ApiTokenEvent.objects.create(token=locked, action=ApiTokenEvent.Action.REVOKED, actor=actor)
    return locked


def token_use_record(*, token: ApiToken, path: str, ip: str, now: datetime | None = None) -> None:
    """Count one call in the token's row of this minute: one UPDATE, or on the minute's first
    call an INSERT and the token's last_used_at (so that is exact to the minute)."""
    now = now or timezone.now()
    minute = now.replace(second=0, microsecond=0)
    path, ip = path[:300], ip[:64]
    rows = ApiTokenUse.objects.filter(token=token, minute=minute)
    if rows.update(calls=F("calls") + 1, last_path=path, last_ip=ip):
        return
    try:
        with transaction.atomic():
            ApiTokenUse.objects.create(
                token=token, minute=minute, calls=1, last_path=path, last_ip=ip
            )
    except IntegrityError:  # another worker wrote the minute's row first
        rows.update(calls=F("calls") + 1, last_path=path, last_ip=ip)
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
