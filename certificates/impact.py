"""Programme-impact numbers that belong to certificates (docs/impact.md).

A certificate counts when it is issued (status "issued": not pending, not revoked, not replaced
by a reissue; an expired one still counts, it was earned), dated by ``issued_at``. Two queries.
"""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from accounts.api import impact_people_q, impact_period_q, month_key
from certificates.models import Certificate
from core.impact import ImpactFilter
from courses.api import CoursePage


def _issued(filters: ImpactFilter) -> QuerySet[Certificate]:
    rows = Certificate.objects.filter(
        impact_people_q(filters, "learner__"),
        impact_period_q(filters, "issued_at"),
        status=Certificate.Status.ISSUED,
    )
    if filters.course_id is not None:
        keys = CoursePage.objects.filter(pk=filters.course_id).values("translation_key")
        rows = rows.filter(course__translation_key__in=keys)
    if filters.cohort_id is not None:
        rows = rows.filter(cohort_id=filters.cohort_id)
    return rows


def impact_certificates(filters: ImpactFilter) -> dict:
    """``{"certificates": n, "people": n, "by_month": {"YYYY-MM": people}}``: certificates
    issued in the period, the people they went to, and those people by the month of their first
    certificate in the period."""
    issued = _issued(filters)
    totals = issued.aggregate(certificates=Count("pk"), people=Count("learner_id", distinct=True))
    earlier = issued.filter(learner_id=OuterRef("learner_id")).filter(
        Q(issued_at__lt=OuterRef("issued_at"))
        | Q(issued_at=OuterRef("issued_at"), pk__lt=OuterRef("pk"))
    )
    rows = (
        issued.filter(~Exists(earlier))
        .annotate(month=TruncMonth("issued_at", tzinfo=timezone.get_default_timezone()))
        .values("month")
        .annotate(people=Count("pk"))
        .order_by()
    )
    by_month: dict[str, int] = {}
    for row in rows:
        key = month_key(row["month"])
        by_month[key] = by_month.get(key, 0) + row["people"]
    return {**totals, "by_month": by_month}
