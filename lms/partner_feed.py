"""Learner records for partner systems (the read API, partner_api; docs/api.md).

Plain rows, in id order, one page at a time (keyset: ``after_id`` and ``limit``), so a client can
walk every row exactly once while rows are added. One query per page, whatever the page size.
Staff and superusers are not learners of the programme (the impact numbers count the same people)
and are left out. A learner is named by their account's ``public_id`` only: no name, no e-mail.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from lms.models import Completion, Enrolment, EnrolmentEvent

_PEOPLE = Q(learner__is_staff=False, learner__is_superuser=False)


def enrolment_feed(
    *,
    limit: int,
    after_id: int = 0,
    updated_since: datetime | None = None,
    course_id: int | None = None,
) -> list[dict]:
    """Enrolments after ``after_id``: id, learner_id, course_id, cohort_id, status, enrolled_at,
    withdrawn_at, completed_at, updated_at (the last enrolment event: enrolled, withdrew,
    re-enrolled, completed). ``updated_since`` keeps those changed at or after it."""
    last_event = (
        EnrolmentEvent.objects.filter(enrolment=OuterRef("pk")).order_by("-at").values("at")[:1]
    )
    rows = Enrolment.objects.filter(_PEOPLE, pk__gt=after_id).annotate(
        updated_at=Coalesce(Subquery(last_event), F("enrolled_at")),
        learner_public_id=F("learner__public_id"),
    )
    if updated_since is not None:
        rows = rows.filter(updated_at__gte=updated_since)
    if course_id is not None:
        rows = rows.filter(course_id=course_id)
    return [
        {
            "id": row["pk"],
            "learner_id": str(row["learner_public_id"]),
            "course_id": row["course_id"],
            "cohort_id": row["cohort_id"],
            "status": row["status"],
            "enrolled_at": row["enrolled_at"],
            "withdrawn_at": row["withdrawn_at"],
            "completed_at": row["completed_at"],
            "updated_at": row["updated_at"],
        }
        for row in rows.order_by("pk").values(
            "pk",
            "learner_public_id",
            "course_id",
            "cohort_id",
            "status",
            "enrolled_at",
            "withdrawn_at",
            "completed_at",
            "updated_at",
        )[:limit]
    ]


def completion_feed(
    *,
    limit: int,
    after_id: int = 0,
    updated_since: datetime | None = None,
    course_id: int | None = None,
) -> list[dict]:
    """Course completions after ``after_id``: id, learner_id, course_id, enrolment_id,
    completed_at (a completion is written once, so it is also its updated_at)."""
    people = Q(enrolment__learner__is_staff=False, enrolment__learner__is_superuser=False)
    rows = Completion.objects.filter(people, pk__gt=after_id)
    if updated_since is not None:
        rows = rows.filter(completed_at__gte=updated_since)
    if course_id is not None:
        rows = rows.filter(enrolment__course_id=course_id)
    return [
        {
            "id": row["pk"],
            "learner_id": str(row["enrolment__learner__public_id"]),
            "course_id": row["enrolment__course_id"],
            "enrolment_id": row["enrolment_id"],
            "completed_at": row["completed_at"],
            "updated_at": row["completed_at"],
        }
        for row in rows.order_by("pk").values(
            "pk",
            "enrolment__learner__public_id",
            "enrolment__course_id",
            "enrolment_id",
            "completed_at",
        )[:limit]
    ]
