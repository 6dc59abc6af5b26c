"""The committed contract, marketplace_link/openapi.yaml, and the sandbox agree."""

from __future__ import annotations

import re

import pytest
import yaml

from marketplace_sandbox.routes import ROUTES

from .conftest import PRODUCT, STORE
from .server import ROOT

SPEC_PATH = ROOT / "marketplace_link" / "openapi.yaml"
METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
WEBHOOK_TYPES = {"store.status_changed", "listing.approved", "listing.rejected", "order.created"}


@pytest.fixture(scope="module")
def spec() -> dict:
    return yaml.safe_load(SPEC_PATH.read_text())


def ref(spec: dict, pointer: str):
    assert pointer.startswith("#/"), pointer
    node = spec
    for part in pointer[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def deref(spec: dict, node):
    while isinstance(node, dict) and "$ref" in node:
        node = ref(spec, node["$ref"])
    return node


def _operations(spec: dict):
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield method.upper(), path, item, operation


def test_structure(spec):
    assert spec["openapi"].startswith("3.1.")
    assert spec["info"]["title"] and spec["info"]["version"]
    assert set(spec["webhooks"]) == WEBHOOK_TYPES
    for name in ("Store", "Product", "Error", "Event"):
        assert spec["components"]["schemas"][name]["type"] == "object"
    schemes = spec["components"]["securitySchemes"]
    assert {(s["in"], s["name"]) for s in schemes.values()} == {
        ("header", "X-Key-Id"),
        ("header", "X-Timestamp"),
        ("header", "X-Signature"),
    }
    ids = [op["operationId"] for *_, op in _operations(spec)]
    ids += [item["post"]["operationId"] for item in spec["webhooks"].values()]
    assert len(ids) == len(set(ids))


def test_every_reference_resolves(spec):
    def walk(node):
        if isinstance(node, dict):
            if "$ref" in node:
                ref(spec, node["$ref"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)


def test_paths_match_the_sandbox_routes_exactly(spec):
    documented = {(method, path) for method, path, *_ in _operations(spec)}
    served = {(route.method, route.template) for route in ROUTES}
    assert documented == served


def test_path_parameters_are_declared(spec):
    for method, path, item, operation in _operations(spec):
        declared = {
            deref(spec, p)["name"]
            for p in item.get("parameters", []) + operation.get("parameters", [])
            if deref(spec, p)["in"] == "path"
        }
        assert declared == set(re.findall(r"\{(\w+)\}", path)), (method, path)


def test_api_operations_document_signing_idempotency_and_429(spec):
    for method, path, _item, operation in _operations(spec):
        if not path.startswith("/v1/"):
            assert operation.get("security") == [], (method, path)
            continue
        headers = {deref(spec, p)["name"] for p in operation.get("parameters", [])}
        assert {"X-Key-Id", "X-Timestamp", "X-Signature"} <= headers, (method, path)
        assert ("Idempotency-Key" in headers) == (method != "GET"), (method, path)
        responses = operation["responses"]
        for status in ("401", "429", "500", "502", "503"):
            assert status in responses, (method, path, status)
        assert "Retry-After" in deref(spec, responses["429"])["headers"]
        if method != "GET":
            assert "422" in responses, (method, path)


# -- the sandbox's real answers match the schemas (a small JSON Schema subset suffices) ------


def check(spec: dict, schema, value, where="$") -> list[str]:
    schema = deref(spec, schema)
    errors = []
    for sub in schema.get("allOf", []):
        errors += check(spec, sub, value, where)
    if "const" in schema and value != schema["const"]:
        errors.append(f"{where}: {value!r} != {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} not in {schema['enum']}")
    kinds = schema.get("type")
    if kinds:
        kinds = [kinds] if isinstance(kinds, str) else kinds
        python = {
            "object": dict,
            "array": list,
            "string": str,
            "integer": int,
            "number": (int, float),
            "boolean": bool,
            "null": type(None),
        }
        if not any(
            isinstance(value, python[k]) and not (k in ("integer", "number") and value is True)
            for k in kinds
        ):
            return [*errors, f"{where}: {value!r} is not {kinds}"]
    if isinstance(value, str) and "pattern" in schema and not re.search(schema["pattern"], value):
        errors.append(f"{where}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, dict):
        for name in schema.get("required", []):
            if name not in value:
                errors.append(f"{where}: missing {name}")
        properties = schema.get("properties", {})
        for name, item in value.items():
            if name in properties:
                errors += check(spec, properties[name], item, f"{where}.{name}")
            elif isinstance(schema.get("additionalProperties"), dict):
                errors += check(spec, schema["additionalProperties"], item, f"{where}.{name}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{where}: unexpected {name}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            errors += check(spec, schema["items"], item, f"{where}[{i}]")
    return errors


def schema_of(spec, method, path, status):
    response = deref(spec, spec["paths"][path][method.lower()]["responses"][str(status)])
    return response["content"]["application/json"]["schema"]


def test_real_responses_and_webhooks_match_the_schemas(spec, api, sandbox, receiver):
    def conforms(reply, method, path):
        assert check(spec, schema_of(spec, method, path, reply.status), reply.body) == []

    store = api("POST", "/v1/stores", STORE)
    conforms(store, "POST", "/v1/stores")
    store_id = store.body["id"]
    base = f"/v1/stores/{store_id}"
    conforms(api("GET", "/v1/stores?external_id=app-1"), "GET", "/v1/stores")
    conforms(api("PATCH", base, {"tin": "1"}), "PATCH", "/v1/stores/{store_id}")
    products = "/v1/stores/{store_id}/products"
    product = api("POST", f"{base}/products", PRODUCT)
    conforms(product, "POST", products)
    conforms(
        api("POST", f"{base}/products", {**PRODUCT, "sku": "r", "title": "REJECT"}),
        "POST",
        products,
    )
    conforms(api("GET", f"{base}/products"), "GET", products)
    conforms(api("POST", f"{base}/publish"), "POST", "/v1/stores/{store_id}/publish")
    conforms(api("POST", "/v1/stores", {}), "POST", "/v1/stores")
    conforms(api("GET", "/v1/stores", signed=False), "GET", "/v1/stores")

    events = receiver.wait_for(lambda ev: len(ev) == 4)
    sandbox.control("POST", "/_sandbox/orders", {"store_id": store_id})
    events = receiver.wait_for(lambda ev: len(ev) == 5)
    for event in events:
        webhook = spec["webhooks"][event["type"]]["post"]
        schema = webhook["requestBody"]["content"]["application/json"]["schema"]
        assert check(spec, schema, event) == [], event

    stats = sandbox.stats()
    assert check(spec, ref(spec, "#/components/schemas/SandboxStats"), stats) == []
    faults = sandbox.control("GET", "/_sandbox/faults")
    assert check(spec, ref(spec, "#/components/schemas/Faults"), faults) == []
