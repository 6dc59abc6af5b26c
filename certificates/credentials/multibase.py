"""Multibase and Multikey encodings used by Data Integrity proofs and Bitstring Status Lists.

Only the two bases the specifications need: base58btc (prefix ``z``: proof values and keys) and
base64url without padding (prefix ``u``: status lists). Written here rather than taken from a
package because each is a few lines and a dependency would be larger than the code.
"""

from __future__ import annotations

import base64

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_BASE58_INDEX = {char: value for value, char in enumerate(BASE58_ALPHABET)}

# Multicodec varint prefixes (https://github.com/multiformats/multicodec table):
# ed25519-pub is 0xed, ed25519-priv is 0x1300; as unsigned varints they are these bytes.
ED25519_PUBLIC_PREFIX = b"\xed\x01"
ED25519_SECRET_PREFIX = b"\x80\x26"


class MultibaseError(ValueError):
    """A value is not valid multibase / Multikey data."""


def base58_encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    chars = []
    while number:
        number, remainder = divmod(number, 58)
        chars.append(BASE58_ALPHABET[remainder])
    # Each leading zero byte is written as a leading "1" (base58btc keeps the length).
    zeros = len(data) - len(data.lstrip(b"\0"))
    return "1" * zeros + "".join(reversed(chars))


def base58_decode(text: str) -> bytes:
    number = 0
    for char in text:
        try:
            number = number * 58 + _BASE58_INDEX[char]
        except KeyError:
            raise MultibaseError(f"{char!r} is not a base58btc character") from None
    zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * zeros + body


def encode_base58btc(data: bytes) -> str:
    return "z" + base58_encode(data)


def decode_base58btc(text: str) -> bytes:
    if not isinstance(text, str) or not text.startswith("z"):
        raise MultibaseError("expected a multibase base58btc value (starting with 'z')")
    return base58_decode(text[1:])


def encode_base64url(data: bytes) -> str:
    return "u" + base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def decode_base64url(text: str) -> bytes:
    if not isinstance(text, str) or not text.startswith("u"):
        raise MultibaseError("expected a multibase base64url value (starting with 'u')")
    body = text[1:]
    # The alphabet check matters: b64decode would silently skip characters it does not know.
    if body.strip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"):
        raise MultibaseError("base64url value has characters outside the url-safe alphabet")
    if len(body) % 4 == 1:
        raise MultibaseError("base64url value has an impossible length")
    return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))


def _raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def _raw_secret(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def encode_public_key(key: Ed25519PublicKey) -> str:
    """The Multikey ``publicKeyMultibase`` of an Ed25519 public key."""
    return encode_base58btc(ED25519_PUBLIC_PREFIX + _raw_public(key))


def decode_public_key(text: str) -> Ed25519PublicKey:
    raw = decode_base58btc(text)
    if not raw.startswith(ED25519_PUBLIC_PREFIX) or len(raw) != 34:
        raise MultibaseError("not a Multikey Ed25519 public key (0xed01 prefix, 32 bytes)")
    return Ed25519PublicKey.from_public_bytes(raw[2:])


def encode_secret_key(key: Ed25519PrivateKey) -> str:
    """The Multikey ``secretKeyMultibase`` of an Ed25519 private key (its 32-byte seed)."""
    return encode_base58btc(ED25519_SECRET_PREFIX + _raw_secret(key))


def decode_secret_key(text: str) -> Ed25519PrivateKey:
    raw = decode_base58btc(text)
    if not raw.startswith(ED25519_SECRET_PREFIX) or len(raw) != 34:
        raise MultibaseError("not a Multikey Ed25519 secret key (0x8026 prefix, 32 bytes)")
    return Ed25519PrivateKey.from_private_bytes(raw[2:])
