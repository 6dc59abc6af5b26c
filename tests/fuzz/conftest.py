import pytest

from tests.fuzz import world as world_module


@pytest.fixture
def world(site, settings, tmp_path):
    # Certificates sign with a key of this test's own.
    settings.ISOKO_CREDENTIAL_KEYFILE = tmp_path / "credential-keys.json"
    return world_module.build(site)
