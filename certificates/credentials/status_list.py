"""Bitstring Status List 1.0: the ``encodedList`` of a revocation list credential.

The list is a bitstring of at least 131,072 bits (16 KiB), so that one revoked certificate
cannot be told apart from the crowd; bit 0 is the left-most (most significant) bit of the first
byte. It is GZIP-compressed and written as multibase base64url (``u`` prefix, no padding).
A mostly-empty list compresses to a few dozen bytes.
"""

from __future__ import annotations

import gzip
import re
import zlib
from collections.abc import Iterable

from .multibase import MultibaseError, decode_base64url, encode_base64url

MIN_LENGTH = 131_072
# Refuse to inflate more than this (bits), so that a hostile list cannot exhaust memory:
# 2^27 bits is 16 MiB, a thousand times the minimum.
MAX_LENGTH = 2**27


class StatusListError(ValueError):
    """A status list or status index that does not follow Bitstring Status List 1.0."""


def encode_list(set_indexes: Iterable[int], length: int = MIN_LENGTH) -> str:
    """The ``encodedList`` value for a list of ``length`` bits with ``set_indexes`` set."""
    if length < MIN_LENGTH:
        raise StatusListError(f"a status list has at least {MIN_LENGTH:,} bits, not {length:,}")
    if length % 8:
        raise StatusListError("a status list length must be a whole number of bytes")
    bits = bytearray(length // 8)
    for index in set_indexes:
        if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < length:
            raise StatusListError(f"status index {index!r} is outside the list (0-{length - 1})")
        bits[index // 8] |= 0x80 >> (index % 8)
    # mtime=0: the same list always encodes to the same string (stable ETags, reproducible).
    return encode_base64url(gzip.compress(bytes(bits), mtime=0))


def decode_list(encoded_list: str) -> bytes:
    """The bitstring of an ``encodedList``, checked for form and minimum length."""
    try:
        compressed = decode_base64url(encoded_list)
    except MultibaseError as error:
        raise StatusListError(f"encodedList: {error}") from None
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)  # GZIP framing only
    try:
        bits = inflater.decompress(compressed, MAX_LENGTH // 8 + 1)
    except zlib.error as error:
        raise StatusListError(f"encodedList is not GZIP data: {error}") from None
    if len(bits) > MAX_LENGTH // 8:
        raise StatusListError(f"encodedList inflates to more than {MAX_LENGTH:,} bits")
    if not inflater.eof:
        raise StatusListError("encodedList is truncated GZIP data")
    if len(bits) * 8 < MIN_LENGTH:
        raise StatusListError(
            f"encodedList holds {len(bits) * 8:,} bits; Bitstring Status List requires "
            f"at least {MIN_LENGTH:,}"
        )
    return bits


def is_set(encoded_list: str, index: int) -> bool:
    """Whether bit ``index`` of the list is set (for a revocation list: revoked)."""
    bits = decode_list(encoded_list)
    if not isinstance(index, int) or isinstance(index, bool) or index < 0:
        raise StatusListError(f"status index {index!r} is not a non-negative integer")
    if index >= len(bits) * 8:
        raise StatusListError(f"status index {index} is beyond the list's {len(bits) * 8} bits")
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def parse_index(value: object) -> int:
    """A status entry's ``statusListIndex``, which the specification makes a decimal string."""
    if not isinstance(value, str) or not re.fullmatch(r"0|[1-9][0-9]*", value, re.ASCII):
        raise StatusListError(f"statusListIndex must be a string of decimal digits, not {value!r}")
    return int(value)
