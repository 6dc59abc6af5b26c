"""A request and a response as the sandbox application sees them, independent of the HTTP server,
and the JSON answers every part of it gives."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from urllib.parse import parse_qsl


@dataclass
class Request:
    method: str
    target: str  # path with query, exactly as received: it is what the signature covers
    headers: dict  # lower-case names
    body: bytes = b""
    client_ip: str = "127.0.0.1"

    @property
    def path(self) -> str:
        return self.target.partition("?")[0]

    @property
    def query(self) -> dict:
        return dict(parse_qsl(self.target.partition("?")[2], keep_blank_values=True))


@dataclass
class Response:
    status: int
    body: bytes = b""
    content_type: str = "application/json"
    headers: dict = field(default_factory=dict)


def json_response(status: int, payload, **headers) -> Response:
    return Response(status, json.dumps(payload, ensure_ascii=False).encode(), headers=headers)


def error_response(status: int, code: str, message: str, fields=None, **headers) -> Response:
    error = {"error": {"code": code, "message": message, "fields": fields or {}}}
    return json_response(status, error, **headers)
