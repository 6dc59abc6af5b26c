"""The read API for partner systems, /api/v1/ (django-ninja; docs/api.md).

Public (no token, limited per client address): the course catalogue and the programme's
aggregated impact numbers. With a token holding the endpoint's scope (limited per token): learner
enrolments, completions and certificates, for the development board's systems. Data comes from
the other apps' api.py; this module parses, checks, paginates and shapes it.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from functools import wraps

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import conditional_page
from ninja import Field, NinjaAPI, Path, Query, Schema
from ninja.decorators import decorate_view
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from ninja.security import HttpBearer
from ninja.throttling import BaseThrottle

from certificates.api import certificate_feed
from core.ratelimit import WINDOW, allow, client_ip
from courses.api import catalogue_course, catalogue_feed
from impact.api import SUPPRESSION_THRESHOLD, public_snapshot
from lms.api import completion_feed, enrolment_feed
from partner_api.docs import LocalSwagger
from partner_api.models import Scope
from partner_api.pagination import cursor_make, cursor_read
from partner_api.problems import CONTENT_TYPE, Problem, problem_response
from partner_api.schemas import (
    CertificatePage,
    CompletionPage,
    CourseOut,
    CoursePage,
    EnrolmentPage,
    ImpactOut,
    ProblemOut,
)
from partner_api.selectors import TokenError, token_check
from partner_api.services import token_use_record

MAX_ID = 2**31 - 1
REALM = 'Bearer realm="isoko"'


def _retry_after() -> str:
    return str(max(1, int(WINDOW - time.time() % WINDOW)))


# ---------------------------------------------------------------------------------------------
# Rate limits and tokens
# ---------------------------------------------------------------------------------------------
class PerClientThrottle(BaseThrottle):
    """Counted per token when the request carries a valid one (auth runs first), per client
    address otherwise; in the shared cache (Redis), fixed one-minute windows (core.ratelimit)."""

    def allow_request(self, request) -> bool:
        token = getattr(request, "auth", None)
        if token:
            return allow(scope="api-token", key=token.pk, limit=settings.ISOKO_API_RATE_TOKEN)
        return allow(
            scope="api-public", key=client_ip(request), limit=settings.ISOKO_API_RATE_PUBLIC
        )

    def wait(self) -> float:
        return float(_retry_after())


class BearerToken(HttpBearer):
    """``Authorization: Bearer isk_…`` with ``scope``: 401 when the token is missing, malformed,
    unknown, expired or revoked (each said in the problem's detail and in WWW-Authenticate), 403
    when it lacks the scope. Failed checks are counted per client address and limited."""

    def __init__(self, scope: str):
        super().__init__()
        self.scope = scope

    def __call__(self, request):
        header = request.headers.get("Authorization", "")
        if not header.strip():
            raise Problem(
                401,
                "This endpoint needs a token: send the header Authorization: Bearer <token>.",
                slug="token-missing",
                headers={"WWW-Authenticate": REALM},
            )
        scheme, _, presented = header.strip().partition(" ")
        if scheme.lower() != "bearer" or not presented.strip():
            return self._refuse(request, "malformed")
        try:
            token = token_check(presented.strip(), now=timezone.now())
        except TokenError as error:
            return self._refuse(request, error.reason)
        request.auth = token  # the throttle counts per token from here on
        token_use_record(token=token, path=request.get_full_path(), ip=client_ip(request))
        if self.scope not in token.scopes:
            raise Problem(
                403,
                f"This token does not have the scope {self.scope}.",
                headers={
                    "WWW-Authenticate": f'{REALM}, error="insufficient_scope", scope="{self.scope}"'
                },
                extra={"required_scope": self.scope},
            )
        return token

    DETAILS = {
        "malformed": "The Authorization header is not 'Bearer <token>' with an Isoko token.",
        "unknown": "This token is not known.",
        "expired": "This token has expired.",
        "revoked": "This token has been revoked.",
    }

    def _refuse(self, request, reason: str):
        if not allow(
            scope="api-auth-failures",
            key=client_ip(request),
            limit=settings.ISOKO_API_RATE_AUTH_FAILURES,
        ):
            raise Problem(
                429,
                "Too many failed token checks from this address. Wait a minute.",
                headers={"Retry-After": _retry_after()},
            )
        detail = self.DETAILS[reason]
        raise Problem(
            401,
            detail,
            slug=f"token-{reason}" if reason != "unknown" else "token-invalid",
            headers={
                "WWW-Authenticate": f'{REALM}, error="invalid_token", error_description="{detail}"'
            },
        )

    def authenticate(self, request, token):  # pragma: no cover - __call__ does it all
        raise NotImplementedError


# ---------------------------------------------------------------------------------------------
# The API object, its errors and its OpenAPI document
# ---------------------------------------------------------------------------------------------
ERRORS_PUBLIC = {400: ProblemOut, 404: ProblemOut, 429: ProblemOut}
ERRORS_TOKEN = {400: ProblemOut, 401: ProblemOut, 403: ProblemOut, 429: ProblemOut}


class PartnerApi(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """Errors are documented as what they are: application/problem+json."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        response["content"] = {CONTENT_TYPE: content["application/json"]}
        return schema


api = PartnerApi(
    title="Isoko partner API",
    version="1",
    description=(
        "Read-only data for partner systems: the course catalogue and the programme's impact "
        "numbers (public), and learner enrolments, completions and certificates (a token with "
        "the endpoint's scope). Errors are RFC 9457 problem documents. Guide: docs/api.md."
    ),
    urls_namespace="partner_api",
    docs=LocalSwagger(),
    docs_url="/docs",
    openapi_url="/openapi.json",
    throttle=[PerClientThrottle()],
)


@api.exception_handler(Problem)
def _problem(request, exc: Problem):
    return problem_response(request, exc)


@api.exception_handler(ValidationError)
def _invalid(request, exc: ValidationError):
    errors = [
        {
            "parameter": ".".join(str(part) for part in error.get("loc", ())[1:]) or "query",
            "in": str(error.get("loc", ("query",))[0]),
            "message": str(error.get("msg", "invalid")),
        }
        for error in exc.errors
    ]
    return problem_response(
        request,
        Problem(400, "A parameter is not valid: see errors.", extra={"errors": errors}),
    )


@api.exception_handler(Throttled)
def _throttled(request, exc: Throttled):
    return problem_response(
        request,
        Problem(
            429,
            "Too many requests. Wait until Retry-After and try again.",
            headers={"Retry-After": _retry_after()},
        ),
    )


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return problem_response(request, Problem(401, "This endpoint needs a token."))


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    return problem_response(request, Problem(exc.status_code, str(exc)))


@api.exception_handler(Http404)
def _not_found(request, exc):
    return problem_response(request, Problem(404, "There is nothing at this address."))


@api.exception_handler(PermissionDenied)
def _denied(request, exc):
    return problem_response(request, Problem(403, "Not allowed."))


# ---------------------------------------------------------------------------------------------
# Parameters
# ---------------------------------------------------------------------------------------------
class PageParams(Schema):
    cursor: str | None = Field(
        None, max_length=400, description="From `next_cursor` of the previous page."
    )
    limit: int | None = Field(
        None,
        ge=1,
        le=10_000,
        description="Rows per page: default ISOKO_API_PAGE_SIZE (50), at most "
        "ISOKO_API_MAX_PAGE_SIZE (200).",
    )


class FeedParams(PageParams):
    updated_since: str | None = Field(
        None,
        max_length=40,
        description="ISO 8601 date-time, e.g. 2026-11-01T00:00:00Z (no offset: UTC): rows "
        "changed at or after it.",
    )
    course: int | None = Field(None, ge=1, le=MAX_ID, description="A course id (catalogue).")


class CatalogueParams(PageParams):
    language: str | None = Field(None, max_length=10, description="A language code, e.g. en.")


def _limit(params: PageParams) -> int:
    if params.limit is None:
        return settings.ISOKO_API_PAGE_SIZE
    if params.limit > settings.ISOKO_API_MAX_PAGE_SIZE:
        raise Problem(
            400,
            f"limit is at most {settings.ISOKO_API_MAX_PAGE_SIZE}.",
            extra={"errors": [{"parameter": "limit", "in": "query", "message": "too large"}]},
        )
    return params.limit


def _since(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = parse_datetime(value.strip())
        if parsed is None:
            raise ValueError
        if timezone.is_naive(parsed):
            parsed = parsed.replace(tzinfo=UTC)
        parsed = parsed.astimezone(UTC)
    except (ValueError, OverflowError):
        raise Problem(
            400,
            "updated_since is not an ISO 8601 date-time (e.g. 2026-11-01T00:00:00Z).",
            extra={"errors": [{"parameter": "updated_since", "in": "query", "message": "bad"}]},
        ) from None
    return parsed


def _language(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    codes = [code for code, _name in settings.LANGUAGES]
    if value not in codes:
        raise Problem(
            400,
            f"language is one of {', '.join(codes)}.",
            extra={"errors": [{"parameter": "language", "in": "query", "message": "unknown"}]},
        )
    return value


def _page(request, *, list_name: str, filters: dict, params: PageParams, fetch) -> dict:
    """One page of a list: rows after the cursor's id, and the cursor of the next page."""
    limit = _limit(params)
    after_id = cursor_read(params.cursor, list_name=list_name, filters=filters)
    # One row more than asked: whether there is a next page, without a count query.
    rows = fetch(after_id=after_id, limit=limit + 1)
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = cursor_make(list_name=list_name, filters=filters, after_id=rows[-1]["id"])
    next_url = None
    if next_cursor:
        query = request.GET.copy()
        query["cursor"] = next_cursor
        next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
    return {"results": rows, "next_cursor": next_cursor, "next": next_url}


def _feed(request, params: FeedParams, list_name: str, feed) -> dict:
    since = _since(params.updated_since)
    filters = {"updated_since": since.isoformat() if since else None, "course": params.course}
    return _page(
        request,
        list_name=list_name,
        filters=filters,
        params=params,
        fetch=lambda after_id, limit: feed(
            after_id=after_id, limit=limit, updated_since=since, course_id=params.course
        ),
    )


# ---------------------------------------------------------------------------------------------
# Public endpoints
# ---------------------------------------------------------------------------------------------
def _revalidated(view):
    """A public answer carries an ETag of its body and a repeat question with that tag gets a
    304 with no body: a partner polling the catalogue or the numbers downloads them only when
    they changed. ``no-cache``: a cache may keep it but asks each time, so a published change or
    a refresh is never hidden behind an age."""
    conditional = conditional_page(view)

    @wraps(view)
    def answer(request, *args, **kwargs):
        response = conditional(request, *args, **kwargs)
        if response.status_code in (200, 304):
            patch_cache_control(response, public=True, no_cache=True)
        return response

    return answer


def _private(view):
    """A learner's records: never kept by a cache or a browser on the way."""

    @wraps(view)
    def answer(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        return response

    return answer


@decorate_view(_revalidated)
@api.get(
    "/courses",
    response={200: CoursePage, **ERRORS_PUBLIC},
    tags=["catalogue"],
    summary="The course catalogue",
)
def courses(request, params: Query[CatalogueParams]):
    """Live, public courses in id order, a page at a time."""
    language = _language(params.language)
    return _page(
        request,
        list_name="courses",
        filters={"language": language},
        params=params,
        fetch=lambda after_id, limit: catalogue_feed(
            after_id=after_id, limit=limit, language=language, request=request
        ),
    )


@decorate_view(_revalidated)
@api.get(
    "/courses/{course_id}",
    response={200: CourseOut, **ERRORS_PUBLIC},
    tags=["catalogue"],
    summary="One course of the catalogue",
)
def course(request, course_id: int = Path(..., ge=1, le=MAX_ID)):
    found = catalogue_course(course_id, request=request)
    if found is None:
        raise Problem(404, "No course of the catalogue has this id.")
    return found


def _public_value(column_kind: str, value):
    """A count of people under the threshold never leaves the site: impact-data suppresses
    them (and complementary cells); this is the last guard, on the API's side."""
    if column_kind == "count" and isinstance(value, int) and value < SUPPRESSION_THRESHOLD:
        return None
    return value


@decorate_view(_revalidated)
@api.get(
    "/impact",
    response={200: ImpactOut, **ERRORS_PUBLIC},
    tags=["impact"],
    summary="The programme's public impact numbers",
)
def impact(request, language: str | None = Query(None, max_length=10)):
    """The public tables of the impact page (/impact/), aggregated: a count under 5 people is
    null, and each table says how many cells were suppressed."""
    language = _language(language)
    snapshot = public_snapshot(language=language)
    tables = []
    for table in snapshot.tables.values():
        kinds = [column.kind for column in table.columns]
        keys = [column.key for column in table.columns]
        tables.append(
            {
                "key": table.key,
                "title": table.title,
                "note": table.note,
                "suppressed_cells": table.suppressed_cells,
                "columns": [
                    {"key": column.key, "label": column.label, "kind": column.kind}
                    for column in table.columns
                ],
                "rows": [
                    {
                        key: _public_value(kind, value)
                        for key, kind, value in zip(keys, kinds, row, strict=True)
                    }
                    for row in table.rows
                ],
            }
        )
    return {
        "refreshed_at": snapshot.refreshed_at,
        "language": snapshot.language,
        "suppression_threshold": SUPPRESSION_THRESHOLD,
        "tables": tables,
    }


# ---------------------------------------------------------------------------------------------
# Endpoints for a token with a scope
# ---------------------------------------------------------------------------------------------
@decorate_view(_private)
@api.get(
    "/enrolments",
    response={200: EnrolmentPage, **ERRORS_TOKEN},
    auth=BearerToken(Scope.ENROLMENTS),
    tags=["learners"],
    summary="Enrolments of learners (scope enrolments:read)",
)
def enrolments(request, params: Query[FeedParams]):
    return _feed(request, params, "enrolments", enrolment_feed)


@decorate_view(_private)
@api.get(
    "/completions",
    response={200: CompletionPage, **ERRORS_TOKEN},
    auth=BearerToken(Scope.COMPLETIONS),
    tags=["learners"],
    summary="Course completions (scope completions:read)",
)
def completions(request, params: Query[FeedParams]):
    return _feed(request, params, "completions", completion_feed)


@decorate_view(_private)
@api.get(
    "/certificates",
    response={200: CertificatePage, **ERRORS_TOKEN},
    auth=BearerToken(Scope.CERTIFICATES),
    tags=["learners"],
    summary="Certificates (scope certificates:read)",
)
def certificates(request, params: Query[FeedParams]):
    return _feed(request, params, "certificates", certificate_feed)
