"""The OpenAPI document (/api/v1/openapi.json) and the browsable docs (/api/v1/docs)."""

import re

import pytest
from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

pytestmark = pytest.mark.django_db


def test_document_is_valid_openapi_3_1(openapi):
    assert openapi["openapi"].startswith("3.1")
    validate(openapi)  # raises on any error
    assert set(openapi["paths"]) == {
        "/api/v1/courses",
        "/api/v1/courses/{course_id}",
        "/api/v1/impact",
        "/api/v1/enrolments",
        "/api/v1/completions",
        "/api/v1/certificates",
    }


def test_the_validator_does_catch_a_broken_document(openapi):
    broken = dict(openapi, paths={"/x": {"get": {"responses": {"200": {"content": 5}}}}})
    with pytest.raises(OpenAPIValidationError):
        validate(broken)


def test_errors_are_documented_as_problem_documents_and_tokens_as_bearer(openapi):
    for path, operations in openapi["paths"].items():
        for status, response in operations["get"]["responses"].items():
            if int(status) >= 400:
                assert list(response["content"]) == ["application/problem+json"], (path, status)
    schemes = openapi["components"]["securitySchemes"]
    assert {scheme["type"] for scheme in schemes.values()} == {"http"}
    assert {scheme["scheme"] for scheme in schemes.values()} == {"bearer"}
    for path in ("/api/v1/enrolments", "/api/v1/completions", "/api/v1/certificates"):
        assert openapi["paths"][path]["get"]["security"], path
        assert "401" in openapi["paths"][path]["get"]["responses"]
    for path in ("/api/v1/courses", "/api/v1/impact"):
        assert not openapi["paths"][path]["get"].get("security"), path


def test_docs_page_loads_swagger_from_our_static_files_under_a_strict_policy(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(source.startswith("/static/") for source in sources), sources
    assert "<script>" not in html.replace('<script type="application/json"', "")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self';" in policy
    assert "unsafe-eval" not in policy and "http" not in policy
    assert "/api/v1/openapi.json" in html
