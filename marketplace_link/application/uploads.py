"""Upload checks by content, never by file name or the browser's Content-Type.

A file renamed ``invoice.pdf`` that holds text, or ``logo.jpg`` that holds HTML, is refused: the
type is read from the first bytes (``filetype``'s signatures), and images are then decoded by
Pillow, which also bounds their dimensions (a tiny PNG can claim 50 000 × 50 000 pixels and
exhaust memory when decoded).

Images shown in public (logo, banner, product photos) are then re-encoded by ``publishable``:
a phone photo's EXIF block often holds the GPS position of where it was taken (the seller's
home or farm), so no metadata survives; the EXIF orientation is applied first so the photo
stays upright, and oversized photos are scaled down for buyers on slow links.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace

import filetype
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from core.images import image_size

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
    max_side: int = 8000  # refused above this
    publish_side: int = 2000  # scaled down to this when published (never below the minimum)


LOGO = ImageRule(max_bytes=2 * MB, min_width=128, min_height=128, max_side=4000, publish_side=1024)
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
    """Decode the header and verify the data: a truncated or forged image fails here, and one
    of too many pixels (a decompression bomb too) gets the site's plain message."""
    upload.seek(0)
    try:
        size = image_size(upload)
        upload.seek(0)
        with Image.open(upload) as image:
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


# Pillow's encoder names and settings per type: visually lossless, and a photo's size roughly
# halves against a phone's own JPEG.
_ENCODERS = {
    "image/png": ("PNG", {"optimize": True}),
    "image/jpeg": ("JPEG", {"quality": 88, "optimize": True, "progressive": True}),
    "image/webp": ("WEBP", {"quality": 85, "method": 4}),
}


def publishable(upload, checked: Checked, rule: ImageRule) -> tuple[ContentFile, Checked]:
    """A checked image re-encoded in its own format without any metadata (EXIF, XMP, text
    chunks), turned upright by its EXIF orientation, and scaled down to ``rule.publish_side``.
    Only the colour profile is kept: it is not personal, and without it colours shift."""
    upload.seek(0)
    with Image.open(upload) as original:
        icc = original.info.get("icc_profile")
        image = ImageOps.exif_transpose(original)
        image.load()
    width, height = image.size
    scale = min(1.0, rule.publish_side / max(width, height))
    # A wide banner must stay at least its minimum height, and so on.
    scale = max(scale, rule.min_width / width, rule.min_height / height)
    if scale < 1.0:
        image = image.resize((round(width * scale), round(height * scale)), Image.LANCZOS)
    fmt, options = _ENCODERS[checked.content_type]
    if fmt == "JPEG" and image.mode not in ("RGB", "L", "CMYK"):
        image = image.convert("RGB")
    if icc:
        options = {**options, "icc_profile": icc}
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    upload.seek(0)
    published = ContentFile(buffer.getvalue(), name=upload.name)
    return published, replace(checked, width=image.width, height=image.height)
