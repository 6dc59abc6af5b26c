"""The issuer's Ed25519 keyring for signing credentials.

Production: the ``ISOKO_CREDENTIAL_KEYS`` setting (read from the environment), a JSON list,
newest first::

    [{"id": "2026-11-30T0643", "secretKeyMultibase": "z3u2..."},
     {"id": "2025-06-01T0900", "publicKeyMultibase": "z6Mk..."}]

The first entry with a secret key signs. Entries with only a public key are retired keys: no
longer used to sign, still published so that the credentials they signed keep verifying.

Dev and test (setting empty): the same JSON list in the file ``ISOKO_CREDENTIAL_KEYFILE``,
created with a fresh key on first use and rotated with ``manage.py rotate_credential_key``.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .multibase import (
    MultibaseError,
    decode_public_key,
    decode_secret_key,
    encode_public_key,
    encode_secret_key,
)

# Key ids end up as URL fragments (issuer#key-id), so keep them to URL-safe characters.
_KEY_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,63}", re.ASCII)


class KeyringError(ImproperlyConfigured):
    """The keys are missing or malformed, or cannot be changed the way that was asked."""


@dataclass(frozen=True)
class KeyPair:
    id: str
    public_key: Ed25519PublicKey
    private_key: Ed25519PrivateKey | None = None

    @property
    def public_key_multibase(self) -> str:
        return encode_public_key(self.public_key)

    @property
    def retired(self) -> bool:
        return self.private_key is None

    def public_only(self) -> KeyPair:
        return KeyPair(self.id, self.public_key)


def _parse(entries: object, source: str) -> list[KeyPair]:
    if not isinstance(entries, list) or not entries:
        raise KeyringError(f"{source}: expected a non-empty JSON list of keys")
    keys: list[KeyPair] = []
    for position, entry in enumerate(entries, start=1):
        where = f"{source}, key {position}"
        if not isinstance(entry, dict):
            raise KeyringError(f"{where}: expected an object")
        key_id = entry.get("id")
        if not isinstance(key_id, str) or not _KEY_ID.fullmatch(key_id):
            raise KeyringError(f"{where}: 'id' must be 1-64 of A-Z a-z 0-9 . _ : -")
        if any(key.id == key_id for key in keys):
            raise KeyringError(f"{where}: the id {key_id!r} is used twice")
        secret, public = entry.get("secretKeyMultibase"), entry.get("publicKeyMultibase")
        try:
            if secret is not None:
                private_key = decode_secret_key(secret)
                if public is not None and public != encode_public_key(private_key.public_key()):
                    raise KeyringError(f"{where}: publicKeyMultibase does not match the secret")
                keys.append(KeyPair(key_id, private_key.public_key(), private_key))
            elif public is not None:
                keys.append(KeyPair(key_id, decode_public_key(public)))
            else:
                raise KeyringError(f"{where}: needs secretKeyMultibase or publicKeyMultibase")
        except MultibaseError as error:
            raise KeyringError(f"{where}: {error}") from None
    return keys


def _from_environment() -> list | None:
    raw = getattr(settings, "ISOKO_CREDENTIAL_KEYS", "")
    if isinstance(raw, list):
        return raw
    if not raw or not raw.strip():
        return None
    try:
        return json.loads(raw)
    except json.JSONDecodeError as error:
        raise KeyringError(f"ISOKO_CREDENTIAL_KEYS is not valid JSON: {error}") from None


def _keyfile() -> Path:
    return Path(settings.ISOKO_CREDENTIAL_KEYFILE)


def _new_entry(taken: set[str]) -> dict:
    key = Ed25519PrivateKey.generate()
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H%M")
    key_id, n = stamp, 1
    while key_id in taken:  # two rotations in the same minute
        n += 1
        key_id = f"{stamp}-{n}"
    return {
        "id": key_id,
        "secretKeyMultibase": encode_secret_key(key),
        "publicKeyMultibase": encode_public_key(key.public_key()),
    }


def new_key_entry() -> dict:
    """A fresh key as a keyring entry (id, secretKeyMultibase, publicKeyMultibase), stored
    nowhere: for putting first in ISOKO_CREDENTIAL_KEYS."""
    environment = _from_environment()
    taken = {e.get("id") for e in environment if isinstance(e, dict)} if environment else set()
    return _new_entry(taken)


def _write_temp(path: Path, entries: list) -> str:
    """A complete new key file next to ``path`` (mkstemp makes it 0600), not yet in place."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(entries, handle, indent=2)
        handle.write("\n")
        handle.flush()
        os.fsync(handle.fileno())
    return temp


def _ensure_keyfile(path: Path) -> None:
    """Create the dev key file with one fresh key, unless it exists.

    Two processes may start at once (web and worker). Each writes a complete file under a
    temporary name and links it into place; ``link`` fails if the name exists, so exactly one
    wins and the other reads the winner's key.
    """
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = _write_temp(path, [_new_entry(set())])
    try:
        os.link(temp, path)
    except FileExistsError:
        pass
    finally:
        os.unlink(temp)


def _read_keyfile(path: Path) -> list:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise KeyringError(f"cannot read the credential key file {path}: {error}") from None


def _keyring() -> list[KeyPair]:
    entries = _from_environment()
    if entries is not None:
        return _parse(entries, "ISOKO_CREDENTIAL_KEYS")
    path = _keyfile()
    _ensure_keyfile(path)
    return _parse(_read_keyfile(path), str(path))


def signing_key() -> KeyPair:
    """The key that signs new credentials: the first one with a secret."""
    for key in _keyring():
        if key.private_key is not None:
            return key
    raise KeyringError(
        "no credential signing key: every key in ISOKO_CREDENTIAL_KEYS is public-only; "
        "put an entry with secretKeyMultibase first"
    )


def public_keyring() -> list[KeyPair]:
    """Public parts of every key in the keyring, newest first, retired ones included. (What the
    issuer publishes adds every key that ever signed: credential.published_keys.)"""
    return [key.public_only() for key in _keyring()]


def rotate_dev_key() -> KeyPair:
    """Put a new signing key first in the dev key file; older keys stay, public part only."""
    if _from_environment() is not None:
        raise KeyringError(
            "the credential keys come from the ISOKO_CREDENTIAL_KEYS environment variable, so "
            "they cannot be rotated here. To rotate: make a key with "
            "`manage.py rotate_credential_key --print-new`, put that entry "
            '({"id": ..., "secretKeyMultibase": ...}) first in the list, change the old signing '
            'entry to {"id": <same id>, "publicKeyMultibase": ...} (keep it, so that the '
            "credentials it signed still verify) and restart the web and worker processes."
        )
    path = _keyfile()
    path.parent.mkdir(parents=True, exist_ok=True)
    # Rotations take a lock so that two of them cannot both read the old list and one be lost;
    # readers need none, since the new file replaces the old one in a single rename.
    with open(path.parent / f".{path.name}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        _ensure_keyfile(path)
        old = _parse(_read_keyfile(path), str(path))
        entry = _new_entry({key.id for key in old})
        retired = [{"id": key.id, "publicKeyMultibase": key.public_key_multibase} for key in old]
        temp = _write_temp(path, [entry, *retired])
        try:
            os.replace(temp, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
    return _parse([entry], str(path))[0]
