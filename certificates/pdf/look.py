"""What a certificate looks like: the course's CertificateTemplate snippet, or a default."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

DEFAULT_ACCENT = "#0b5d3b"
# The colour goes into CSS: anything but a plain hex colour is refused, not escaped.
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class CertificateLook:
    """Wording and design, independent of who the certificate is for.

    Text fields may be lazy translations (the default look): they are resolved at render time,
    in the certificate's language. Images are the file bytes (PNG, JPEG, WebP or SVG).
    """

    title: str
    body: str
    signatory_name: str
    signatory_title: str
    signature_image: bytes | None
    logo: bytes | None
    accent_colour: str
    orientation: str  # "landscape" | "portrait"


DEFAULT_LOOK = CertificateLook(
    title=_("Certificate of completion"),
    body=_("This certifies that {name} completed {course} ({hours} hours) on {date}."),
    signatory_name="",
    signatory_title="",
    signature_image=None,
    logo=None,
    accent_colour=DEFAULT_ACCENT,
    orientation="landscape",
)

# Image bytes read from storage, by (image pk, file name): a cohort's 1,000 certificates share
# one template, and storage may be remote. A replaced file gets a new name, so no stale reads.
_IMAGE_CACHE: dict[tuple[int, str], bytes | None] = {}
_IMAGE_CACHE_SIZE = 32


def look_from_template(template) -> CertificateLook:
    """The look of a courses.models.CertificateTemplate, or DEFAULT_LOOK for None."""
    if template is None:
        return DEFAULT_LOOK
    return CertificateLook(
        title=template.title or DEFAULT_LOOK.title,
        body=template.body or DEFAULT_LOOK.body,
        signatory_name=template.signatory_name,
        signatory_title=template.signatory_title,
        signature_image=_image_bytes(template.signature_image),
        logo=_image_bytes(template.logo),
        accent_colour=safe_colour(template.accent_colour),
        orientation="portrait" if template.orientation == "portrait" else "landscape",
    )


def safe_colour(value: str) -> str:
    return value if isinstance(value, str) and HEX_COLOUR.match(value) else DEFAULT_ACCENT


def _image_bytes(image) -> bytes | None:
    """The original file of a Wagtail image; None (and a warning) if it cannot be read, so that a
    missing file costs the certificate its logo, not its issue."""
    if image is None:
        return None
    key = (image.pk, image.file.name)
    if key in _IMAGE_CACHE:
        return _IMAGE_CACHE[key]
    try:
        with image.open_file() as handle:
            data = handle.read()
    except OSError:
        logger.warning("Certificate image %s (%s) cannot be read", image.pk, image.file.name)
        data = None
    if len(_IMAGE_CACHE) >= _IMAGE_CACHE_SIZE:
        _IMAGE_CACHE.clear()
    _IMAGE_CACHE[key] = data
    return data
