"""Small files that are images of a huge number of pixels, made without holding the pixels.

A 20,000 × 20,000 PNG is a real, valid image here: 1-bit grey rows of zeros, compressed one row
at a time (about 60 KB on disk, a few MB of work). The GIF, JPEG and WebP ones are small real
images whose header then claims a huge size, as a decompression bomb does: every check must
refuse them from the header, before decoding anything.
"""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def huge_png(width: int = 20_000, height: int = 20_000) -> bytes:
    """A valid PNG, 1-bit greyscale, all black."""
    compressor = zlib.compressobj(9)
    row = b"\x00" * (1 + (width + 7) // 8)  # filter byte "none", then the packed pixels
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )


def _small(fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "#6b4226").save(buffer, fmt, **options)
    return buffer.getvalue()


def huge_gif(width: int = 30_000, height: int = 30_000) -> bytes:
    """A 16 × 16 GIF whose screen and image descriptor claim width × height (16-bit each)."""
    data = bytearray(_small("GIF"))
    data[6:10] = struct.pack("<HH", width, height)  # logical screen
    descriptor = data.index(b",")  # the first image descriptor (no extensions before it here)
    data[descriptor + 5 : descriptor + 9] = struct.pack("<HH", width, height)
    return bytes(data)


def huge_jpeg(width: int = 30_000, height: int = 30_000) -> bytes:
    """A 16 × 16 JPEG whose frame header (SOF0) claims width × height."""
    data = bytearray(_small("JPEG", quality=80))
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def huge_webp(width: int = 16_000, height: int = 16_000) -> bytes:
    """An animated WebP of two 16 × 16 frames on a canvas that claims width × height (VP8X)."""
    frames = [Image.new("RGB", (16, 16), colour) for colour in ("#6b4226", "#2f6b26")]
    buffer = io.BytesIO()
    frames[0].save(buffer, "WEBP", save_all=True, append_images=frames[1:], lossless=True)
    data = bytearray(buffer.getvalue())
    vp8x = data.index(b"VP8X")
    # Canvas width - 1 and height - 1, 24 bits little-endian each, after 4 flag bytes.
    data[vp8x + 12 : vp8x + 18] = (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(
        3, "little"
    )
    return bytes(data)
