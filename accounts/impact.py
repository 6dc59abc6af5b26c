"""Programme-impact numbers that belong to accounts: who counts as a person, and sign-ups.

Every app's impact selectors (lms, certificates, marketplace_link: ``<app>/impact.py``) narrow
their rows to people with ``impact_people_q`` and bound their events with ``impact_period_q``,
so "a person" and "the period" mean the same everywhere (docs/impact.md).
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, time, timedelta

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from accounts.models import User
from core.impact import ImpactFilter


def impact_people_q(filters: ImpactFilter, prefix: str = "", *, members=None) -> Q:
    """People are accounts that are neither staff nor superusers; the filter's audience, district
    and sector narrow them by their profile. ``prefix`` is the path to the user from the rows
    being filtered (``"learner__"``, ``"applicant__"``; ``""`` for users themselves).
    ``members`` (a ``values("learner_id")`` queryset: lms.api.impact_member_ids) narrows them to
    the people of a course or cohort."""
    q = Q(**{f"{prefix}is_staff": False, f"{prefix}is_superuser": False})
    if filters.audience:
        q &= Q(**{f"{prefix}profile__audience": filters.audience})
    if filters.district:
        q &= Q(**{f"{prefix}profile__district": filters.district})
    if filters.sector:
        q &= Q(**{f"{prefix}profile__sector": filters.sector})
    if members is not None:
        q &= Q(**{f"{prefix}id__in": members})
    return q


def impact_bounds(filters: ImpactFilter) -> tuple[datetime | None, datetime | None]:
    """The filter's inclusive calendar days as [start, end) instants in the site's time zone."""
    zone = timezone.get_default_timezone()
    start = end = None
    if filters.start:
        start = datetime.combine(filters.start, time.min, tzinfo=zone)
    if filters.end:
        end = datetime.combine(filters.end + timedelta(days=1), time.min, tzinfo=zone)
    return start, end


def impact_period_q(filters: ImpactFilter, field: str) -> Q:
    """``field`` (a datetime) falls within the filter's days; always true without dates."""
    start, end = impact_bounds(filters)
    q = Q()
    if start is not None:
        q &= Q(**{f"{field}__gte": start})
    if end is not None:
        q &= Q(**{f"{field}__lt": end})
    return q


def month_key(value) -> str:
    """A TruncMonth value as "YYYY-MM" in the site's time zone."""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value, timezone.get_default_timezone())
    return f"{value.year:04d}-{value.month:02d}"


def _people(filters: ImpactFilter, members=None) -> QuerySet[User]:
    return User.objects.filter(impact_people_q(filters, members=members))


def impact_signups(filters: ImpactFilter, *, members=None) -> dict:
    """Sign-ups (``date_joined``) in the period: ``{"total": n, "by_month": {"YYYY-MM": n}}``.
    One query."""
    zone = timezone.get_default_timezone()
    rows = (
        _people(filters, members)
        .filter(impact_period_q(filters, "date_joined"))
        .annotate(month=TruncMonth("date_joined", tzinfo=zone))
        .values("month")
        .annotate(people=Count("id"))
        .order_by()
    )
    by_month: Counter[str] = Counter()
    for row in rows:
        by_month[month_key(row["month"])] += row["people"]
    return {"total": sum(by_month.values()), "by_month": dict(by_month)}
