"""Fixtures for the concurrency bursts (tests/concurrency/burst.py)."""

import pytest

from tests.concurrency.burst import Burst

# A graduate with a complete storefront application draft, as the marketplace tests build it.
from tests.marketplace.conftest import (  # noqa: F401 - fixtures used here too
    draft,
    graduate,
    own_keyfile,
    qualifying_course,
    storefront_course,
    storefront_template,
    template,
)


@pytest.fixture
def burst(live_server, caplog):
    return Burst(live_server.url, caplog)
