import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

E164 = re.compile(r"^\+[1-9][0-9]{6,14}$")


def normalise_phone(value: str) -> str:
    """Drop the spaces, dashes, dots and brackets people type between digit groups."""
    return re.sub(r"[\s\-.()]", "", value or "")


def validate_e164(value: str) -> None:
    if value and not E164.match(value):
        raise ValidationError(
            _("Enter the number in international format: + then country code, e.g. +250788123456."),
            code="invalid_phone",
        )
