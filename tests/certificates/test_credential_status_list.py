"""Bitstring Status List encoding: round trip, bit order, minimum size, bad input."""

import base64
import gzip

import pytest

from certificates.credentials.status_list import (
    MIN_LENGTH,
    StatusListError,
    decode_list,
    encode_list,
    is_set,
    parse_index,
)


def raw_bits(encoded: str) -> bytes:
    """Decode by hand, independently of the module: 'u' + base64url (no padding) of GZIP."""
    assert encoded.startswith("u") and "=" not in encoded
    body = encoded[1:]
    return gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))


def hand_encoded(bits: bytes) -> str:
    return "u" + base64.urlsafe_b64encode(gzip.compress(bits)).rstrip(b"=").decode()


def test_round_trip():
    revoked = {0, 7, 8, 4242, 99_999, MIN_LENGTH - 1}
    encoded = encode_list(revoked)
    bits = decode_list(encoded)
    assert {i for i in range(MIN_LENGTH) if bits[i // 8] & (0x80 >> (i % 8))} == revoked
    for index in revoked:
        assert is_set(encoded, index)
    for index in (1, 6, 9, 4241, 4243, MIN_LENGTH - 2):
        assert not is_set(encoded, index)


def test_default_length_is_the_minimum_and_compresses_small():
    encoded = encode_list([])
    assert len(raw_bits(encoded)) * 8 == MIN_LENGTH == 131_072
    assert len(encoded) < 100


def test_bit_zero_is_the_left_most_bit_of_the_first_byte():
    assert raw_bits(encode_list([0]))[:2] == b"\x80\x00"
    assert raw_bits(encode_list([7]))[:2] == b"\x01\x00"
    assert raw_bits(encode_list([8]))[:2] == b"\x00\x80"
    assert raw_bits(encode_list([1, 14]))[:2] == b"\x40\x02"
    # and reading a list built by hand
    bits = bytearray(MIN_LENGTH // 8)
    bits[0] = 0b0010_0000
    assert [i for i in range(16) if is_set(hand_encoded(bytes(bits)), i)] == [2]


def test_encoding_is_deterministic():
    assert encode_list([5, 3]) == encode_list([3, 5, 5])


def test_longer_lists():
    encoded = encode_list([MIN_LENGTH + 5], length=2 * MIN_LENGTH)
    assert is_set(encoded, MIN_LENGTH + 5)
    assert not is_set(encoded, MIN_LENGTH + 4)


@pytest.mark.parametrize("length", [0, 8, MIN_LENGTH - 8, MIN_LENGTH + 3])
def test_encode_refuses_short_or_ragged_lengths(length):
    with pytest.raises(StatusListError):
        encode_list([], length=length)


@pytest.mark.parametrize("index", [-1, MIN_LENGTH, "3", True, 2.0])
def test_encode_refuses_bad_indexes(index):
    with pytest.raises(StatusListError):
        encode_list([index])


def test_a_list_below_the_minimum_is_refused():
    short = hand_encoded(bytes(MIN_LENGTH // 8 - 1))
    with pytest.raises(StatusListError, match="at least 131,072"):
        is_set(short, 0)


@pytest.mark.parametrize(
    "encoded, message",
    [
        ("z" + "1" * 20, "base64url"),
        ("u$$$$", "url-safe alphabet"),
        ("u" + base64.urlsafe_b64encode(b"not gzip").decode().rstrip("="), "not GZIP"),
        # An id of its own: gzip's header holds the time, and pytest-xdist needs every worker
        # to collect the same test names.
        pytest.param(hand_encoded(bytes(MIN_LENGTH // 8))[:40], "truncated", id="truncated"),
        (None, "base64url"),
    ],
)
def test_bad_lists_raise_clear_errors(encoded, message):
    with pytest.raises(StatusListError, match=message):
        decode_list(encoded)


def test_a_compression_bomb_is_refused():
    bomb = hand_encoded(bytes(2**27 // 8 + 1))
    with pytest.raises(StatusListError, match="more than"):
        decode_list(bomb)


@pytest.mark.parametrize("index", [-1, MIN_LENGTH, True, "0"])
def test_is_set_refuses_bad_indexes(index):
    with pytest.raises(StatusListError):
        is_set(encode_list([]), index)


def test_status_list_index_is_a_decimal_string():
    assert parse_index("0") == 0
    assert parse_index("131071") == 131_071
    for bad in [7, "", "-1", "1e3", "0x10", " 7", "07", "٣"]:
        with pytest.raises(StatusListError):
            parse_index(bad)
