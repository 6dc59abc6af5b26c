"""The reader's language and the site's absolute links, without importing any app."""

from types import SimpleNamespace

import pytest

from core.language import language_for
from core.links import absolute_url


def person(language=None):
    profile = None if language is None else SimpleNamespace(preferred_language=language)
    return SimpleNamespace(profile=profile)


def test_the_preferred_language_when_it_is_one_of_ours(settings):
    assert language_for(user=person("fr")) == "fr"
    assert language_for(user=person("rw")) == "rw"


@pytest.mark.parametrize("user", [person("xx"), person(""), person(), None])
def test_otherwise_the_site_language(settings, user):
    settings.LANGUAGE_CODE = "en"
    assert language_for(user=user) == "en"


def test_otherwise_a_default_when_given():
    assert language_for(user=person(), default="sw") == "sw"
    assert language_for(user=person("fr"), default="sw") == "fr"


def test_absolute_url_is_on_the_configured_public_address(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://isoko.example/"
    assert absolute_url("/dashboard/") == "https://isoko.example/dashboard/"
