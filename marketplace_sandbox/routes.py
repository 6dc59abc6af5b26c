"""The sandbox's routes, as data: the OpenAPI test compares this table with openapi.yaml."""

from __future__ import annotations

import re
from typing import NamedTuple


class Route(NamedTuple):
    method: str
    template: str
    name: str

    @property
    def endpoint(self) -> str:
        """The key used in stats and in ``failure_rate``: ``"POST /v1/stores"``."""
        return f"{self.method} {self.template}"


ROUTES = [
    Route("GET", "/", "page_index"),
    Route("GET", "/s/{store_id}", "page_store"),
    Route("POST", "/v1/stores", "store_create"),
    Route("GET", "/v1/stores", "store_list"),
    Route("GET", "/v1/stores/{store_id}", "store_get"),
    Route("PATCH", "/v1/stores/{store_id}", "store_update"),
    Route("POST", "/v1/stores/{store_id}/publish", "store_publish"),
    Route("POST", "/v1/stores/{store_id}/suspend", "store_suspend"),
    Route("POST", "/v1/stores/{store_id}/products", "product_create"),
    Route("GET", "/v1/stores/{store_id}/products", "product_list"),
    Route("GET", "/v1/stores/{store_id}/products/{product_id}", "product_get"),
    Route("PATCH", "/v1/stores/{store_id}/products/{product_id}", "product_update"),
    Route("DELETE", "/v1/stores/{store_id}/products/{product_id}", "product_delist"),
    Route("GET", "/_sandbox/health", "sandbox_health"),
    Route("GET", "/_sandbox/stats", "sandbox_stats"),
    Route("GET", "/_sandbox/faults", "sandbox_faults_get"),
    Route("POST", "/_sandbox/faults", "sandbox_faults_set"),
    Route("POST", "/_sandbox/config", "sandbox_config"),
    Route("GET", "/_sandbox/events", "sandbox_events"),
    Route("POST", "/_sandbox/orders", "sandbox_order"),
    Route("POST", "/_sandbox/reset", "sandbox_reset"),
]
# The endpoints that faults can target: the /v1 API (pages and /_sandbox/* are never failed).
API_ENDPOINTS = frozenset(r.endpoint for r in ROUTES if r.template.startswith("/v1/"))


def _pattern(template: str) -> re.Pattern:
    return re.compile("^" + re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", template) + "$")


_COMPILED = [(route, _pattern(route.template)) for route in ROUTES]


def match(method: str, path: str) -> tuple[Route | None, dict, list[str]]:
    """Return (route, path parameters, allowed methods); route is None for 404 or 405."""
    allowed = []
    for route, pattern in _COMPILED:
        found = pattern.match(path)
        if found:
            if route.method == method:
                return route, found.groupdict(), []
            allowed.append(route.method)
    return None, {}, allowed
