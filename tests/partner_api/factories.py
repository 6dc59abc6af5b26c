"""Data for the partner API's tests: tokens, and learner records written as the services write
them (enrolments through lms's service, so their events exist)."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.utils import timezone

from certificates.models import Certificate
from lms.models import Completion, Enrolment, EnrolmentEvent
from lms.services.enrolment import enrolment_create
from partner_api.models import Scope
from partner_api.services import token_create
from tests.accounts.factories import UserFactory

ALL_SCOPES = list(Scope.values)


def token(scopes=None, **fields) -> str:
    """A new token's plaintext (its row: partner_api.models.ApiToken)."""
    return token_create(
        name=fields.pop("name", "Board sync"),
        scopes=ALL_SCOPES if scopes is None else scopes,
        created_by=fields.pop("created_by", None),
        **fields,
    ).plaintext


def bearer(plaintext: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}


def learner_records(course, *, count: int, completed: int = 0, certified: int = 0) -> list:
    """``count`` learners enrolled in ``course``; the first ``completed`` of them completed it,
    the first ``certified`` of those hold an issued certificate."""
    learners = []
    for index in range(count):
        learner = UserFactory()
        enrolment = enrolment_create(learner=learner, course=course)
        if index < completed:
            now = timezone.now()
            completion = Completion.objects.create(enrolment=enrolment, completed_at=now)
            Enrolment.objects.filter(pk=enrolment.pk).update(status="completed", completed_at=now)
            EnrolmentEvent.objects.create(enrolment=enrolment, action="completed")
            if index < certified:
                Certificate.objects.create(
                    learner=learner,
                    course=course,
                    completion=completion,
                    name=f"Learner {index}",
                    course_title=course.title,
                    status=Certificate.Status.ISSUED,
                    issued_at=now,
                    issued_on=now.date(),
                    expires_on=(now + timedelta(days=365)).date(),
                    pdf_sha256=hashlib.sha256(str(index).encode()).hexdigest(),
                )
        learners.append(learner)
    return learners
