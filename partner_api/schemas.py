"""The shapes the API answers with (its OpenAPI document is generated from them)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from ninja import Field, Schema


class ProblemError(Schema):
    parameter: str
    # "in" is a Python keyword: the attribute is named location, the JSON key "in".
    location: str = Field(..., alias="in")
    message: str


class ProblemOut(Schema):
    """An RFC 9457 problem document (application/problem+json)."""

    type: str = Field(..., description="A URI reference naming the kind of problem.")
    title: str
    status: int
    detail: str
    instance: str = Field(..., description="The path of the request.")
    errors: list[ProblemError] | None = Field(None, description="400: what is wrong, where.")
    required_scope: str | None = Field(None, description="403: the scope the token lacks.")


class CourseOut(Schema):
    id: int
    title: str
    slug: str
    summary: str
    language: str
    level: str
    format: str
    estimated_hours: int
    audiences: list[str]
    module_count: int
    lesson_count: int
    issues_certificate: bool
    url: str
    last_published_at: datetime | None


class _Page(Schema):
    next_cursor: str | None = Field(..., description="Pass as ?cursor= for the next page.")
    next: str | None = Field(..., description="The next page's URL; null on the last page.")


class CoursePage(_Page):
    results: list[CourseOut]


class EnrolmentOut(Schema):
    id: int
    learner_id: str = Field(..., description="The learner's stable pseudonymous id.")
    course_id: int
    cohort_id: int | None
    status: Literal["active", "completed", "withdrawn"]
    enrolled_at: datetime
    withdrawn_at: datetime | None
    completed_at: datetime | None
    updated_at: datetime


class EnrolmentPage(_Page):
    results: list[EnrolmentOut]


class CompletionOut(Schema):
    id: int
    learner_id: str
    course_id: int
    enrolment_id: int
    completed_at: datetime
    updated_at: datetime


class CompletionPage(_Page):
    results: list[CompletionOut]


class CertificateOut(Schema):
    id: int
    code: str = Field(..., description="Public code: /certificates/verify/<code>/.")
    learner_id: str
    course_id: int
    status: Literal["valid", "expired", "revoked", "superseded"]
    issued_on: date | None
    expires_on: date | None
    revoked_at: datetime | None
    superseded_by: str | None = Field(..., description="Code of the certificate replacing it.")
    updated_at: datetime


class CertificatePage(_Page):
    results: list[CertificateOut]


class ColumnOut(Schema):
    key: str
    label: str
    kind: Literal["label", "month", "count", "percent", "days"]


class TableOut(Schema):
    key: str
    title: str
    note: str
    suppressed_cells: int
    columns: list[ColumnOut]
    rows: list[dict[str, int | float | str | None]] = Field(
        ..., description="One object per row, keyed by column key; null: suppressed."
    )


class ImpactOut(Schema):
    refreshed_at: datetime
    language: str
    suppression_threshold: int
    tables: list[TableOut]
