"""email_to: one e-mail to one person, rendered and addressed in their language."""

import copy
from types import SimpleNamespace

import pytest
from django.urls import reverse

from core.email import email_to

SUBJECT = (
    "{% load i18n %}{% get_current_language as LANG %}"
    "[{{ LANG }}] {% translate 'Too many requests' %}\n  for {{ name }}\n"
)
BODY = "{% load i18n %}{% get_current_language as LANG %}{{ LANG }}: {{ subject }} {{ url }}"


@pytest.fixture
def templates(tmp_path, settings):
    """core_test/note (subject and text body) and core_test/rich (with an HTML body too)."""
    folder = tmp_path / "core_test"
    folder.mkdir()
    for name in ("note", "rich"):
        (folder / f"{name}_subject.txt").write_text(SUBJECT)
        (folder / f"{name}_body.txt").write_text(BODY)
    (folder / "rich_body.html").write_text("<p lang='{{ LANG }}'>{{ subject }}</p>")
    engines = copy.deepcopy(settings.TEMPLATES)
    engines[0]["DIRS"] = [tmp_path, *engines[0]["DIRS"]]
    settings.TEMPLATES = engines
    return folder


def reader(language="fr"):
    return SimpleNamespace(
        email="reader@example.com", profile=SimpleNamespace(preferred_language=language)
    )


def test_rendered_in_the_readers_language(templates):
    message = email_to(reader("fr"), "core_test/note", {"name": "Aline"})
    assert message.subject == "[fr] Trop de requêtes for Aline"  # one line, spaces folded
    assert message.body.startswith("fr: [fr] Trop de requêtes for Aline")
    assert message.to == ["reader@example.com"]
    assert message.extra_headers["Content-Language"] == "fr"
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    assert message.alternatives == []


def test_a_context_function_runs_in_that_language(templates):
    message = email_to(
        reader("fr"), "core_test/note", lambda: {"name": "A", "url": reverse("dashboard")}
    )
    assert "/fr/" in message.body


def test_an_explicit_language_wins_and_headers_add_up(templates):
    message = email_to(
        reader("fr"),
        "core_test/note",
        {"name": "A"},
        language="en",
        headers={"List-Unsubscribe": "<https://x/>"},
    )
    assert message.subject == "[en] Too many requests for A"
    assert message.extra_headers["Content-Language"] == "en"
    assert message.extra_headers["List-Unsubscribe"] == "<https://x/>"


def test_a_reader_without_a_profile_reads_the_site_language(templates, settings):
    nobody = SimpleNamespace(email="root@example.com")
    message = email_to(nobody, "core_test/note", {"name": "root"})
    assert message.extra_headers["Content-Language"] == settings.LANGUAGE_CODE


def test_an_html_body_is_attached_when_the_template_has_one(templates):
    message = email_to(reader("sw"), "core_test/rich", {"name": "A"})
    html, kind = message.alternatives[0]
    assert kind == "text/html" and html.startswith("<p lang='sw'>[sw] ")


def test_the_active_language_is_left_as_it_was(templates):
    from django.utils import translation

    with translation.override("en"):
        email_to(reader("fr"), "core_test/note", {"name": "A"})
        assert translation.get_language() == "en"
