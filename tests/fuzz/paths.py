"""Addresses whose path carries a code, a token or an id, fuzzed in that segment: certificate
codes, e-mail and password-reset keys, check-in and kept-file tokens, numeric ids (huge,
negative-looking, zero) and UUIDs, Wagtail page paths and document and media names."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from hypothesis import strategies as st

from tests.fuzz.strategies import DQUOTE, SCRIPT, SQUOTE, text

BOTH = ("anonymous", "learner")


@dataclass(frozen=True)
class PathTarget:
    name: str
    kwargs: Callable  # world -> the real values, one of which the fuzz replaces
    slot: str
    kind: str  # "str", "int", "uuid", "segments"
    who: tuple[str, ...] = BOTH
    methods: tuple[str, ...] = ("GET",)
    positional: bool = False  # a regex pattern with unnamed groups


FIXED = {
    "str": [f"{SCRIPT}{DQUOTE}{SQUOTE}", "a\x00b", "%", "%25", "-1", "..", "x" * 300, "é中🙂"],
    "int": [0, 2**31, 2**63, 10**25],
    "uuid": [uuid.UUID(int=0), uuid.UUID(int=2**128 - 1)],
    "segments": [["x" * 300], [SCRIPT.replace("/", "")], ["a\x00b"], ["%"], ["..", "."]],
}
segment = text.filter(lambda s: s and "/" not in s and s not in (".", ".."))
DRAWN = {
    "str": segment,
    "int": st.integers(0, 10**30),
    "uuid": st.uuids(),
    "segments": st.lists(segment, min_size=1, max_size=4),
}

cohort = lambda w: {"public_id": w.cohort.public_id}  # noqa: E731
session = lambda w: {**cohort(w), "session_id": w.session.pk}  # noqa: E731
code = lambda w: {"code": w.certificate.code}  # noqa: E731
GP = ("GET", "POST")
GRAD = ("graduate",)
MEMBER = ("member",)
FAC = ("facilitator",)
LEARNER = ("learner",)

PATHS = [
    PathTarget("certificates:verify", code, "code", "str"),
    PathTarget("certificates:download", code, "code", "str", ("anonymous",)),
    PathTarget("certificates:credential", code, "code", "str", ("anonymous",)),
    PathTarget(
        "certificates:issuer_key", lambda w: {"key_id": "k"}, "key_id", "str", ("anonymous",)
    ),
    PathTarget(
        "certificates:status_list", lambda w: {"number": 1}, "number", "int", ("anonymous",)
    ),
    PathTarget("account_confirm_email", lambda w: {"key": "k"}, "key", "str", BOTH, GP),
    PathTarget(
        "account_reset_password_from_key",
        lambda w: {"uidb36": "1", "key": "k"},
        "key",
        "str",
        ("anonymous",),
        GP,
    ),
    PathTarget(
        "lms_cohort_welcome",
        lambda w: {"uidb36": "1", "key": "k"},
        "key",
        "str",
        ("anonymous",),
        GP,
    ),
    PathTarget("lms_unsubscribe", lambda w: {"token": "t"}, "token", "str", BOTH, GP),
    PathTarget("lms_enrol", lambda w: {"course_id": 1}, "course_id", "int", LEARNER, ("POST",)),
    PathTarget("lms_withdraw", lambda w: {"course_id": 1}, "course_id", "int", LEARNER, ("POST",)),
    PathTarget("lms_continue", lambda w: {"course_id": 1}, "course_id", "int", LEARNER),
    PathTarget("lms_course_offline", lambda w: {"course_id": 1}, "course_id", "int", BOTH),
    PathTarget(
        "lms_lesson_complete", lambda w: {"lesson_id": 1}, "lesson_id", "int", LEARNER, ("POST",)
    ),
    PathTarget("lms_quiz_start", lambda w: {"quiz_id": 1}, "quiz_id", "int", LEARNER, ("POST",)),
    PathTarget("lms_attempt", lambda w: {"attempt_id": 1}, "attempt_id", "uuid", LEARNER, GP),
    PathTarget(
        "lms_autosave", lambda w: {"attempt_id": 1}, "attempt_id", "uuid", LEARNER, ("POST",)
    ),
    PathTarget("lms_attempt_result", lambda w: {"attempt_id": 1}, "attempt_id", "uuid", LEARNER),
    PathTarget("lms_cohort_timetable", cohort, "public_id", "uuid", MEMBER),
    PathTarget("lms_cohort_calendar", cohort, "public_id", "uuid", MEMBER),
    PathTarget("lms_cohort_session_ics", session, "session_id", "int", MEMBER),
    PathTarget("lms_cohort_import", cohort, "public_id", "uuid", FAC),
    PathTarget("lms_cohort_roster_csv", cohort, "public_id", "uuid", FAC),
    PathTarget("lms_cohort_roster", session, "session_id", "int", FAC, GP),
    PathTarget("lms_cohort_checkin_code", session, "session_id", "int", FAC),
    PathTarget("lms_cohort_checkin", session, "session_id", "int", MEMBER, GP),
    PathTarget("lms_cohort_apply", cohort, "public_id", "uuid", LEARNER),
    PathTarget("lms_cohort_applications", cohort, "public_id", "uuid", FAC),
    PathTarget(
        "lms_cohort_application_decide",
        lambda w: {**cohort(w), "application_id": 1},
        "application_id",
        "int",
        FAC,
        ("POST",),
    ),
    PathTarget("lms_cohort_report", cohort, "public_id", "uuid", FAC),
    PathTarget("lms_cohort_report_csv", cohort, "public_id", "uuid", FAC),
    PathTarget("marketplace_link:document_download", lambda w: {"pk": 1}, "pk", "int", GRAD),
    PathTarget(
        "marketplace_link:apply_document_remove", lambda w: {"pk": 1}, "pk", "int", GRAD, ("POST",)
    ),
    PathTarget("marketplace_link:apply_kept_file", lambda w: {"token": "t"}, "token", "str", GRAD),
    PathTarget("marketplace_link:apply_product_edit", lambda w: {"pk": 1}, "pk", "int", GRAD),
    PathTarget(
        "marketplace_link:apply_product_remove", lambda w: {"pk": 1}, "pk", "int", GRAD, ("POST",)
    ),
    PathTarget("showcase:store", lambda w: {"public_id": 1}, "public_id", "uuid", BOTH),
    PathTarget("impact:table_csv", lambda w: {"key": "funnel"}, "key", "str", BOTH),
    PathTarget("partner_api:course", lambda w: {"course_id": 1}, "course_id", "int", BOTH),
    PathTarget("impact_dashboard_csv", lambda w: {"key": "funnel"}, "key", "str", ("staff",)),
    PathTarget("partner_api_admin:detail", lambda w: {"pk": 1}, "pk", "int", ("staff",)),
    PathTarget(
        "wagtaildocs_serve",
        lambda w: {"document_id": 1, "document_filename": "f.pdf"},
        "document_filename",
        "str",
        ("anonymous",),
    ),
    PathTarget(
        "wagtaildocs_serve",
        lambda w: {"document_id": 1, "document_filename": "f.pdf"},
        "document_id",
        "int",
        ("anonymous",),
    ),
    PathTarget(
        "wagtaildocs_authenticate_with_password",
        lambda w: {"restriction_id": 1},
        "restriction_id",
        "int",
        ("anonymous",),
        GP,
    ),
    PathTarget(
        "wagtailcore_authenticate_with_password",
        lambda w: {"page_view_restriction_id": 1, "page_id": w.course.pk},
        "page_view_restriction_id",
        "int",
        ("anonymous",),
        GP,
    ),
    PathTarget("wagtail_serve", lambda w: {"path": ""}, "path", "segments", BOTH),
    PathTarget("media", lambda w: {"path": "images/x.png"}, "path", "str", ("anonymous",)),
]
