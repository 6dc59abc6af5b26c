"""Fixtures: one sandbox process and one webhook receiver for the session, wiped between tests.

Other packages can start their own with ``tests.sandbox.server.start_sandbox``.
"""

from __future__ import annotations

import functools
import time

import pytest

from .client import request
from .receiver import Receiver
from .server import SECRET, start_sandbox


@pytest.fixture(scope="session")
def receiver():
    receiver = Receiver(SECRET)
    yield receiver
    receiver.close()


@pytest.fixture(scope="session")
def _sandbox_process(tmp_path_factory, receiver):
    sandbox = start_sandbox(
        tmp_path_factory.mktemp("sandbox"),
        SANDBOX_WEBHOOK_URL=receiver.url,
        SANDBOX_SEED="7",
    )
    yield sandbox
    sandbox.stop()


@pytest.fixture
def sandbox(_sandbox_process, receiver):
    """The running sandbox with no data, no faults and an empty receiver."""
    _sandbox_process.reset()
    receiver.clear()
    yield _sandbox_process
    assert _sandbox_process.process.poll() is None, _sandbox_process.log()[-3000:]


@pytest.fixture
def api(sandbox):
    """``api(method, path, body=None, **options)``: a signed call to the sandbox."""
    return functools.partial(request, sandbox.url, key_id=sandbox.key_id, secret=sandbox.secret)


def wait_until(predicate, timeout: float = 10.0, interval: float = 0.02):
    deadline = time.monotonic() + timeout
    while not (result := predicate()):
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(interval)
    return result


STORE = {
    "external_id": "app-1",
    "trading_name": "Huye Mountain Coffee",
    "legal_name": "Huye Mountain Coffee Ltd",
    "registration_number": "100123456",
    "tin": "123456789",
    "district": "Huye",
    "sector": "coffee",
    "contact_phone": "+250788000111",
    "contact_email": "sales@huye.example",
    "description": {
        "en": "Washed arabica from Huye.",
        "fr": "Arabica lavé de Huye.",
        "zh": "来自胡耶的水洗阿拉比卡咖啡。",
    },
    "logo_url": "http://127.0.0.1:8000/media/logo.png",
    "banner_url": "",
}
PRODUCT = {
    "sku": "prod-1",
    "title": "Green coffee beans, 1 kg",
    "description": "Grade A1.",
    "category": "coffee",
    "price": {"rwf": 12000, "usd": "9.50"},
    "min_order_quantity": 10,
    "stock": 500,
    "unit": "kg",
    "hs_code": "090111",
    "origin_district": "Huye",
    "image_urls": ["http://127.0.0.1:8000/media/beans.jpg"],
    "certifications": ["organic", "fair_trade"],
}
