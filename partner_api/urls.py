"""/api/v1/: the read API for partner systems (issue 17; docs/api.md).

Every answer under /api/v1/ that is an error is a problem document, including the ones the
endpoints never see: an unknown path (the catch-all below), a method an endpoint does not answer
(405 from ninja's dispatch) and an unexpected exception (500). ``as_problem`` wraps them all.
"""

from django.urls import include, path, re_path
from wagtail.utils.urlpatterns import decorate_urlpatterns

from partner_api.endpoints import api
from partner_api.problems import Problem, as_problem, problem_response


def not_found(request, rest=""):
    return problem_response(
        request,
        Problem(404, "There is nothing at this address. The endpoints are listed at /api/v1/docs."),
    )


_patterns, _app_name, _namespace = api.urls

urlpatterns = decorate_urlpatterns(
    [
        path("", include((_patterns, _app_name), namespace=_namespace)),
        re_path(r"^(?P<rest>.*)$", not_found),
    ],
    as_problem,
)
