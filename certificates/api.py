"""The only module other apps may import from certificates (enforced by import-linter)."""

from certificates.models import Certificate
from certificates.selectors import public_status
from certificates.signals import certificate_revoked

__all__ = ["Certificate", "certificate_revoked", "public_status"]
