"""The "My certificates" panel of /dashboard/ (composed with lms's part in config/dashboard.py,
so that lms never imports certificates)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse

from certificates.models import Certificate
from certificates.selectors import linkedin_add_url


def dashboard_panel(user) -> dict:
    """The "My certificates" panel of /dashboard/: {"certificates": HTML}, or {} for none."""
    certificates = list(
        Certificate.objects.filter(learner=user)
        .exclude(status=Certificate.Status.SUPERSEDED)
        .order_by("-created_at")
    )
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
