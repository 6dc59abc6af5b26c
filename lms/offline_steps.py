"""Reading a step the learner's phone sends again (static/js/offline/queue.js): its idempotency
key, when it happened, and whether the lesson it was about is still where the phone saw it.
Every refusal is an LmsError with a translated message and a code the phone keeps (a conflict
is shown to the learner, never dropped): lms.views answers it as JSON or a message."""

from __future__ import annotations

import json
import uuid
from datetime import datetime

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from courses.api import LessonPage, course_of
from lms.errors import LmsError

KEY_HEADER = "Idempotency-Key"
KEY_FIELD = "idempotency_key"  # the no-JS form's hidden field (lms/includes/lesson_actions.html)


MAX_BODY_BYTES = 4 * 1024


def step_fields(request) -> dict:
    """The step's fields: the form's (queue.js and the no-JS form post one), or a JSON object
    from another client. Read once per request (memoised on it)."""
    fields = getattr(request, "_isoko_step_fields", None)
    if fields is not None:
        return fields
    if request.content_type == "application/json":
        try:
            if len(request.body) > MAX_BODY_BYTES:
                raise ValueError("too large")
            fields = json.loads(request.body or b"{}")
            if not isinstance(fields, dict):
                raise ValueError("not an object")
        except ValueError as error:
            raise LmsError(
                _("The step could not be read. Nothing was recorded."), "malformed", 400
            ) from error
        fields = {name: str(value) for name, value in fields.items() if value is not None}
    else:
        fields = request.POST
    request._isoko_step_fields = fields
    return fields


def step_key_and_time(request) -> tuple[uuid.UUID | None, datetime | None]:
    """The step's key (header, else form field) and ``occurred_at``: None when not sent; a
    malformed one is refused (400) rather than ignored, so a broken client is noticed."""
    fields = step_fields(request)
    raw_key = (request.headers.get(KEY_HEADER) or fields.get(KEY_FIELD) or "").strip()
    key = None
    if raw_key:
        try:
            key = uuid.UUID(raw_key)
        except ValueError as error:
            raise LmsError(
                _("The step's key is not a valid UUID. Nothing was recorded."), "bad_key", 400
            ) from error
    raw_time = (fields.get("occurred_at") or "").strip()
    occurred_at = None
    if raw_time:
        try:
            occurred_at = parse_datetime(raw_time)
        except ValueError:
            occurred_at = None
        if occurred_at is None or occurred_at.tzinfo is None:
            raise LmsError(
                _(
                    "The time of the step could not be read (an ISO 8601 time with its time "
                    "zone, such as 2026-03-01T09:30:00Z). Nothing was recorded."
                ),
                "bad_time",
                400,
            )
    return key, occurred_at


def queued_lesson(request, lesson_id: int) -> LessonPage:
    """The lesson, if the step can still be recorded for it: 404 when it no longer exists, 410
    when it was unpublished or moved to another course than the one the phone saw (the optional
    ``course`` field)."""
    lesson = LessonPage.objects.filter(pk=lesson_id).first()
    if lesson is None:
        raise LmsError(
            _("This lesson no longer exists, so this step cannot be recorded."), "lesson_gone", 404
        )
    if not lesson.live:
        raise LmsError(
            _("This lesson was unpublished by the trainers, so this step cannot be recorded."),
            "lesson_unpublished",
            410,
        )
    expected = (step_fields(request).get("course") or "").strip()
    if expected:
        course = course_of(lesson)
        if course is None or str(course.pk) != expected:
            raise LmsError(
                _(
                    "The trainers moved this lesson to another course since you saved it, so "
                    "this step was not recorded. Open the lesson again to mark it complete."
                ),
                "lesson_moved",
                410,
            )
    return lesson
