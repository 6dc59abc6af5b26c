from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse

from certificates.models import Certificate

PUBLIC_STATUSES = (
    Certificate.Status.ISSUED,
    Certificate.Status.REVOKED,
    Certificate.Status.SUPERSEDED,
)


def certificate_public(code: str) -> Certificate | None:
    """A certificate anyone holding its code may see. Pending ones do not exist yet."""
    return (
        Certificate.objects.select_related("superseded_by")
        .filter(code=code, status__in=PUBLIC_STATUSES)
        .first()
    )


def public_status(certificate: Certificate) -> str:
    if certificate.status == Certificate.Status.ISSUED and certificate.is_expired:
        return "expired"
    return {
        Certificate.Status.ISSUED: "valid",
        Certificate.Status.REVOKED: "revoked",
        Certificate.Status.SUPERSEDED: "superseded",
    }[certificate.status]


def verification_facts(certificate: Certificate) -> dict:
    """What the verify page shows, and what its JSON says. The addresses are the canonical ones
    (the site's base URL), as on the PDF and in the signed credential, whatever host the visitor
    used."""
    from core.links import absolute_url

    def absolute(name: str, code: str) -> str:
        return absolute_url(reverse(name, args=[code]))

    facts = {
        "code": certificate.code,
        "status": public_status(certificate),
        "name": certificate.name,
        "course": certificate.course_title,
        "hours": certificate.hours,
        "issuer": settings.ISOKO_ISSUER_NAME,
        "issued_on": certificate.issued_on.isoformat() if certificate.issued_on else None,
        "expires_on": certificate.expires_on.isoformat() if certificate.expires_on else None,
        "pdf_sha256": certificate.pdf_sha256,
        "verify_url": absolute("certificates:verify", certificate.code),
    }
    if certificate.status == Certificate.Status.ISSUED:
        facts["pdf_url"] = absolute("certificates:download", certificate.code)
        facts["credential_url"] = absolute("certificates:credential", certificate.code)
    if certificate.status == Certificate.Status.REVOKED:
        facts["revoked_at"] = certificate.revoked_at.isoformat() if certificate.revoked_at else None
        facts["revoked_reason"] = certificate.revoked_reason
    if certificate.status == Certificate.Status.SUPERSEDED and certificate.superseded_by:
        facts["superseded_by"] = absolute("certificates:verify", certificate.superseded_by.code)
    return facts


def linkedin_add_url(certificate: Certificate) -> str:
    """LinkedIn's "Add licence or certification" link, prefilled."""
    from core.links import absolute_url

    params = {
        "startTask": "CERTIFICATION_NAME",
        "name": certificate.course_title,
        "organizationName": settings.ISOKO_ISSUER_NAME,
        "certUrl": absolute_url(reverse("certificates:verify", args=[certificate.code])),
        "certId": certificate.code,
    }
    if certificate.issued_on:
        params |= {
            "issueYear": certificate.issued_on.year,
            "issueMonth": certificate.issued_on.month,
        }
    if certificate.expires_on:
        params |= {
            "expirationYear": certificate.expires_on.year,
            "expirationMonth": certificate.expires_on.month,
        }
    return "https://www.linkedin.com/profile/add?" + urlencode(params)
