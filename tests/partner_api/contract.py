"""Responses checked against the OpenAPI document the API serves (its schemas, with jsonschema
under OpenAPI 3.1's dialect, JSON Schema 2020-12)."""

from __future__ import annotations

from jsonschema import Draft202012Validator


def response_schema(openapi: dict, path: str, status: int, content_type: str) -> dict:
    operation = openapi["paths"][path]["get"]
    content = operation["responses"][str(status)]["content"]
    assert content_type in content, (path, status, list(content))
    schema = dict(content[content_type]["schema"])
    schema["components"] = openapi["components"]  # so "#/components/schemas/…" resolves
    return schema


def assert_matches(openapi: dict, path: str, response) -> None:
    """The response's body is what the document says ``path`` answers with that status."""
    content_type = response["Content-Type"].split(";")[0]
    schema = response_schema(openapi, path, response.status_code, content_type)
    errors = sorted(Draft202012Validator(schema).iter_errors(response.json()), key=lambda e: e.path)
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
