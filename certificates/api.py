"""The only module other apps may import from certificates (enforced by import-linter)."""

from certificates.dashboard import dashboard_panel
from certificates.models import Certificate
from certificates.selectors import public_status
from certificates.services import certificate_issue_for_completion
from certificates.signals import certificate_revoked

__all__ = [
    "Certificate",
    "certificate_issue_for_completion",
    "certificate_revoked",
    "dashboard_panel",
    "public_status",
]
