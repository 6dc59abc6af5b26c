"""Fixtures for the observability tests: the log lines as production formats them."""

from __future__ import annotations

import io
import json
import logging

import pytest

from config.observability import JsonFormatter, RequestIdFilter


class Lines:
    """What a production console handler (request-id filter + JSON formatter) wrote."""

    def __init__(self, stream: io.StringIO):
        self.stream = stream

    def raw(self) -> list[str]:
        return [line for line in self.stream.getvalue().splitlines() if line]

    def json(self, logger: str | None = None) -> list[dict]:
        records = [json.loads(line) for line in self.raw()]
        return [r for r in records if logger is None or r["logger"] == logger]


@pytest.fixture
def json_log():
    """Every record of the root logger (INFO and up) during the test, as JSON lines."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    request_logger = logging.getLogger("isoko.request")
    old_level, old_request_level = root.level, request_logger.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    request_logger.setLevel(logging.INFO)
    try:
        yield Lines(stream)
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
        request_logger.setLevel(old_request_level)
