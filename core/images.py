"""One pixel limit and one plain message for every image people upload.

A small file can hold a huge image (a 20,000 × 20,000 PNG of one colour is 50 KB): decoding it
takes gigabytes. Pillow refuses twice its own MAX_IMAGE_PIXELS with DecompressionBombError, which
the upload checks used to report as "damaged or incomplete", and Wagtail as "too many pixels
(unknown number)". Every upload (Wagtail images in the admin, the storefront's logo, banner,
product photos and document scans) refuses over ``max_image_pixels()`` with this one message,
read from the header before anything is decoded.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from PIL import Image


def max_image_pixels() -> int:
    return settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS


def too_many_pixels_message() -> str:
    return gettext(
        "This image has too many pixels: the limit is %(limit)s million. "
        "Save a smaller copy and upload that."
    ) % {"limit": f"{max_image_pixels() / 1_000_000:g}"}


def too_many_pixels() -> ValidationError:
    return ValidationError(too_many_pixels_message(), code="too_many_pixels")


def image_size(file) -> tuple[int, int]:
    """Width and height from the image's header, or ValidationError(too_many_pixels).

    Other errors (not an image, a broken one) are Pillow's, for the caller to word."""
    try:
        with Image.open(file) as image:
            width, height = image.size
    except Image.DecompressionBombError:
        raise too_many_pixels() from None
    if width * height > max_image_pixels():
        raise too_many_pixels()
    return width, height


class PixelLimitedImageField(forms.ImageField):
    """Django's ImageField, which calls a decompression bomb "not an image or a corrupted image",
    with the pixel limit checked first from the header."""

    def to_python(self, data):
        if data and hasattr(data, "seek"):
            try:
                image_size(data)
            except ValidationError:
                raise
            except Exception:  # noqa: BLE001, S110 - not an image: Django's own check words it
                pass
            finally:
                data.seek(0)
        return super().to_python(data)
