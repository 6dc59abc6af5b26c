"""Upload checks by content, never by file name or the browser's Content-Type.

A file renamed ``invoice.pdf`` that holds text, or ``logo.jpg`` that holds HTML, is refused: the
type is read from the first bytes (``filetype``'s signatures), and images are then decoded by
Pillow, which also bounds their dimensions (a tiny PNG can claim 50 000 × 50 000 pixels and
exhaust memory when decoded).
"""

from __future__ import annotations

from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image

MB = 1024 * 1024
IMAGE_TYPES = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}
DOCUMENT_TYPES = {"application/pdf": "pdf", **IMAGE_TYPES}
DOCUMENT_MAX_BYTES = 10 * MB
# Enough for every signature filetype knows; PDFs must start with "%PDF-" here anyway.
HEAD_BYTES = 8192


@dataclass(frozen=True)
class ImageRule:
    max_bytes: int
    min_width: int
    min_height: int
    max_side: int = 8000


LOGO = ImageRule(max_bytes=2 * MB, min_width=128, min_height=128, max_side=4000)
BANNER = ImageRule(max_bytes=5 * MB, min_width=960, min_height=240)
PRODUCT_IMAGE = ImageRule(max_bytes=5 * MB, min_width=400, min_height=400)


@dataclass(frozen=True)
class Checked:
    content_type: str
    extension: str
    width: int | None = None
    height: int | None = None


def sniff(upload) -> str | None:
    """The MIME type the file's bytes say it is, or None when they say nothing we know."""
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    kind = filetype.guess(head)
    return kind.mime if kind else None


def _too_large(upload, limit: int) -> ValidationError:
    return ValidationError(
        _("This file is %(size)s; the limit is %(limit)s.")
        % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        code="too_large",
    )


def check_image(upload, rule: ImageRule) -> Checked:
    """A PNG, JPEG or WebP image within ``rule``'s size and dimensions, or ValidationError."""
    if upload.size > rule.max_bytes:
        raise _too_large(upload, rule.max_bytes)
    content_type = sniff(upload)
    if content_type not in IMAGE_TYPES:
        raise ValidationError(
            _("This file is not a PNG, JPEG or WebP image (whatever its name says)."),
            code="bad_type",
        )
    width, height = _dimensions(upload)
    if width > rule.max_side or height > rule.max_side:
        raise ValidationError(
            _("This image is %(w)d × %(h)d pixels; each side must be at most %(max)d.")
            % {"w": width, "h": height, "max": rule.max_side},
            code="too_big",
        )
    if width < rule.min_width or height < rule.min_height:
        raise ValidationError(
            _("This image is %(w)d × %(h)d pixels; it must be at least %(mw)d × %(mh)d.")
            % {"w": width, "h": height, "mw": rule.min_width, "mh": rule.min_height},
            code="too_small",
        )
    return Checked(content_type, IMAGE_TYPES[content_type], width, height)


def _dimensions(upload) -> tuple[int, int]:
    """Decode the header and verify the data: a truncated or forged image fails here."""
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            size = image.size
            if size[0] * size[1] > Image.MAX_IMAGE_PIXELS:
                raise ValidationError(_("This image has too many pixels."), code="too_big")
            image.verify()
    except ValidationError:
        raise
    except Exception as error:  # noqa: BLE001 - Pillow raises many kinds on a broken file
        raise ValidationError(
            _("This image is damaged or incomplete; export it again and retry."), code="broken"
        ) from error
    finally:
        upload.seek(0)
    return size


def check_document(upload) -> Checked:
    """A PDF or an image (a scan or a photo) of at most 10 MB, by content."""
    if upload.size > DOCUMENT_MAX_BYTES:
        raise _too_large(upload, DOCUMENT_MAX_BYTES)
    if upload.size == 0:
        raise ValidationError(_("This file is empty."), code="empty")
    content_type = sniff(upload)
    if content_type not in DOCUMENT_TYPES:
        raise ValidationError(
            _("This file is not a PDF or an image (whatever its name says)."), code="bad_type"
        )
    if content_type in IMAGE_TYPES:
        width, height = _dimensions(upload)
        return Checked(content_type, DOCUMENT_TYPES[content_type], width, height)
    return Checked(content_type, "pdf")
