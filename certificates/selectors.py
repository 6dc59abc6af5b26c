from __future__ import annotations

from datetime import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import QuerySet
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
    """What a certificate is worth now: "valid", "expired", "revoked", "superseded", or
    "pending" (not issued yet; never shown on a public page, which finds only issued ones)."""
    if certificate.status == Certificate.Status.ISSUED:
        return "valid" if certificate.is_valid else "expired"
    return {
        Certificate.Status.PENDING: "pending",
        Certificate.Status.REVOKED: "revoked",
        Certificate.Status.SUPERSEDED: "superseded",
    }[certificate.status]


def valid_certificates(learner, *, courses=None) -> QuerySet[Certificate]:
    """The learner's valid certificates (CertificateQuerySet.valid), newest first; only those of
    ``courses`` (a course queryset or a list of ids) when given. A queryset, so a caller takes
    the first one or uses it in a subquery without a query of its own."""
    certificates = Certificate.objects.valid().filter(learner=learner)
    if courses is not None:
        certificates = certificates.filter(course__in=courses)
    return certificates.order_by("-issued_at", "-pk")


def standing_certificates(learner, *, course_ids=None) -> list[Certificate]:
    """The learner's certificates of these courses (of every course when ``course_ids`` is None)
    that stand or stood last, oldest first: every status but superseded (a superseded
    certificate lives on in the one that replaced it). One query. Tell them apart with
    ``public_status``."""
    certificates = Certificate.objects.filter(learner=learner)
    if course_ids is not None:
        certificates = certificates.filter(course_id__in=course_ids)
    return list(
        certificates.exclude(status=Certificate.Status.SUPERSEDED).order_by("created_at", "pk")
    )


def certificate_get(certificate_id: int) -> Certificate:
    """One certificate, whatever its status (raises if it does not exist)."""
    return Certificate.objects.get(pk=certificate_id)


def certificates_revoked_since(since: datetime) -> list[int]:
    """The ids of the certificates revoked at or after ``since``."""
    return list(
        Certificate.objects.filter(
            status=Certificate.Status.REVOKED, revoked_at__gte=since
        ).values_list("pk", flat=True)
    )


def certificate_lineage(certificate_id: int) -> set[int]:
    """The certificate and every one it replaced, directly or through other reissues: whatever
    points at an older one (a storefront application, say) is about this one now."""
    ids = {certificate_id}
    newest = [certificate_id]
    while newest:
        older = Certificate.objects.filter(superseded_by_id__in=newest).exclude(pk__in=ids)
        newest = list(older.values_list("pk", flat=True))
        ids.update(newest)
    return ids


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
