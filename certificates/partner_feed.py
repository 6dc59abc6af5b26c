"""Certificates for partner systems (the read API, partner_api; docs/api.md).

Every certificate that was issued (pending ones are not certificates yet), with what it is worth
now (``public_status``: valid, expired, revoked, superseded), in id order one page at a time, one
query per page. Staff and superusers are left out, as in lms.partner_feed. The learner is named by
their account's ``public_id``; the certificate by its public code, which its verification page
already shows to anyone who has it.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce

from certificates.models import Certificate, CertificateEvent
from certificates.selectors import public_status


def certificate_feed(
    *,
    limit: int,
    after_id: int = 0,
    updated_since: datetime | None = None,
    course_id: int | None = None,
) -> list[dict]:
    """Certificates after ``after_id``: id, code, learner_id, course_id, status, issued_on,
    expires_on, revoked_at, superseded_by (code), updated_at (its last event: issued, revoked,
    reissued...). ``updated_since`` keeps those changed at or after it."""
    last_event = (
        CertificateEvent.objects.filter(certificate=OuterRef("pk")).order_by("-at").values("at")[:1]
    )
    rows = (
        Certificate.objects.exclude(status=Certificate.Status.PENDING)
        .filter(learner__is_staff=False, learner__is_superuser=False, pk__gt=after_id)
        .annotate(
            updated_at=Coalesce(Subquery(last_event), F("created_at")),
            learner_public_id=F("learner__public_id"),
            superseded_by_code=F("superseded_by__code"),
        )
        .only("pk", "code", "course_id", "status", "issued_on", "expires_on", "revoked_at")
    )
    if updated_since is not None:
        rows = rows.filter(updated_at__gte=updated_since)
    if course_id is not None:
        rows = rows.filter(course_id=course_id)
    return [
        {
            "id": certificate.pk,
            "code": certificate.code,
            "learner_id": str(certificate.learner_public_id),
            "course_id": certificate.course_id,
            "status": public_status(certificate),
            "issued_on": certificate.issued_on,
            "expires_on": certificate.expires_on,
            "revoked_at": certificate.revoked_at,
            "superseded_by": certificate.superseded_by_code,
            "updated_at": certificate.updated_at,
        }
        for certificate in rows.order_by("pk")[:limit]
    ]
