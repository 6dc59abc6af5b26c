"""The only module other apps may import from certificates (enforced by import-linter).

It answers questions about certificates; it does not hand out the table. Other apps point at a
certificate with a foreign key named by string ("certificates.Certificate") and read the fields of
the instances these functions return, but never query certificates themselves: the rules (what
"valid" means, what supersedes what) live here once.
"""

from certificates.dashboard import dashboard_panel
from certificates.impact import impact_certificates
from certificates.selectors import (
    certificate_get,
    certificate_lineage,
    certificates_revoked_since,
    public_status,
    standing_certificates,
    valid_certificates,
)
from certificates.services import certificate_issue_for_completion
from certificates.signals import certificate_revoked

__all__ = [
    "certificate_get",
    "certificate_issue_for_completion",
    "certificate_lineage",
    "certificate_revoked",
    "certificates_revoked_since",
    "dashboard_panel",
    "impact_certificates",
    "public_status",
    "standing_certificates",
    "valid_certificates",
]
