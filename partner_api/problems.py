"""Every error under /api/v1/ in one shape: an RFC 9457 problem document.

``{"type", "title", "status", "detail", "instance"}`` as ``application/problem+json``; a 400 adds
``errors`` (which parameter, what is wrong), a 401 carries ``WWW-Authenticate``, a 429
``Retry-After``. ``type`` is a URI reference naming the kind of problem, documented in
docs/api.md ("Errors"); clients branch on it (or on ``status``), never on ``title`` or
``detail``, which are for people.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import Http404, HttpResponse

CONTENT_TYPE = "application/problem+json"
TYPE_BASE = "/api/v1/problems/"

TITLES = {
    400: "Bad request",
    401: "Not authenticated",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    429: "Too many requests",
    500: "Internal server error",
}
SLUGS = {
    400: "invalid-request",
    401: "not-authenticated",
    403: "insufficient-scope",
    404: "not-found",
    405: "method-not-allowed",
    406: "not-acceptable",
    429: "rate-limited",
    500: "server-error",
}


class Problem(Exception):
    """Raised anywhere under a view of the API; the API's handler answers with it."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        slug: str | None = None,
        title: str | None = None,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.slug = slug or SLUGS.get(status, "error")
        self.title = title or TITLES.get(status, "Error")
        self.headers = headers or {}
        self.extra = extra or {}


def problem_response(request, problem: Problem) -> HttpResponse:
    body = {
        "type": TYPE_BASE + problem.slug,
        "title": problem.title,
        "status": problem.status,
        "detail": problem.detail,
        "instance": request.path,
        **problem.extra,
    }
    response = HttpResponse(json.dumps(body), status=problem.status, content_type=CONTENT_TYPE)
    for name, value in problem.headers.items():
        response[name] = value
    if problem.status == 401 and "WWW-Authenticate" not in response:
        response["WWW-Authenticate"] = 'Bearer realm="isoko"'
    response["Cache-Control"] = "no-store"
    return response


def is_problem(response) -> bool:
    return response.get("Content-Type", "").startswith(CONTENT_TYPE)


def as_problem(view):
    """Wrap a view of the API: an error response that is not already a problem document (a 405
    from the URL dispatch, a 404 or 500 from Django) becomes one, with the same status. Errors a
    view raises past the API's own handlers (a bug) become a 500 problem; the exception is
    logged as Django logs any other."""
    import functools
    import logging
    import sys

    from django.core.signals import got_request_exception

    logger = logging.getLogger("django.request")

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            return problem_response(request, Problem(404, _DEFAULT_DETAILS[404]))
        except Exception:
            got_request_exception.send(sender=None, request=request)
            logger.error(
                "Internal Server Error: %s",
                request.path,
                exc_info=sys.exc_info(),
                extra={"status_code": 500, "request": request},
            )
            return problem_response(request, Problem(500, "Something went wrong on our side."))
        if response.status_code >= 400 and not is_problem(response):
            status = response.status_code
            headers = {}
            if status == 405 and response.has_header("Allow"):
                headers["Allow"] = response["Allow"]
            return problem_response(
                request,
                Problem(
                    status,
                    _DEFAULT_DETAILS.get(status, TITLES.get(status, "Error")),
                    headers=headers,
                ),
            )
        return response

    return wrapper


_DEFAULT_DETAILS = {
    404: "There is nothing at this address. The endpoints are listed at /api/v1/docs.",
    405: "This endpoint does not answer this method; see the Allow header.",
    500: "Something went wrong on our side.",
}
