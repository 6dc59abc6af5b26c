"""The "My certificates" panel of /dashboard/ (composed with lms's part in config/dashboard.py,
so that lms never imports certificates)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse

from certificates.models import Certificate
from certificates.selectors import linkedin_add_url, standing_certificates


def dashboard_panel(user, *, certificates=None) -> dict:
    """The "My certificates" panel of /dashboard/: {"certificates": HTML}, or {} for none.
    ``certificates`` is the learner's standing certificates (standing_certificates) when the
    page has read them already for another panel, as /dashboard/ has; shown newest first."""
    if certificates is None:
        certificates = standing_certificates(user)
    certificates = sorted(certificates, key=lambda c: (c.created_at, c.pk), reverse=True)
    if not certificates:
        return {}
    entries = [
        {
            "certificate": c,
            "verify_url": reverse("certificates:verify", args=[c.code]),
            "linkedin_url": linkedin_add_url(c) if c.status == Certificate.Status.ISSUED else "",
        }
        for c in certificates
    ]
    return {
        "certificates": render_to_string("certificates/dashboard_panel.html", {"entries": entries})
    }
