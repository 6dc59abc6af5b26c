"""What a shared cache needs to know: every response whose body depends on a request header says
so in Vary. The verify URL answers HTML or JSON by Accept (found, not found, rate-limited alike),
and the unprefixed certificate pages answer in the visitor's language (cookie or
Accept-Language). Documents that depend on neither don't vary on Accept."""

import json

import pytest
from django.urls import reverse
from django.utils.cache import has_vary_header

pytestmark = pytest.mark.django_db
UNKNOWN = "/certificates/verify/" + "A" * 27 + "/"


@pytest.fixture(autouse=True)
def fast_renderer(settings):
    settings.ISOKO_CERTIFICATE_RENDERER = "tests.certificates.renderers.tiny_pdf"


@pytest.mark.parametrize("accept", ["text/html", "application/json", "application/ld+json"])
def test_the_verify_url_varies_on_accept_found_or_not(client, issued, accept):
    found = client.get(reverse("certificates:verify", args=[issued.code]), HTTP_ACCEPT=accept)
    missing = client.get(UNKNOWN, HTTP_ACCEPT=accept)
    assert (found.status_code, missing.status_code) == (200, 404)
    for response in (found, missing):
        assert has_vary_header(response, "Accept"), response.get("Vary")


def test_a_rate_limited_answer_varies_on_accept(client, issued, settings):
    settings.ISOKO_VERIFY_RATE_LIMIT = 1
    url = reverse("certificates:verify", args=[issued.code])
    client.get(url)
    for accept in ("text/html", "application/json"):
        limited = client.get(url, HTTP_ACCEPT=accept)
        assert limited.status_code == 429 and has_vary_header(limited, "Accept")


def test_the_credential_verifiers_answer_varies_on_accept(client, issued):
    answer = client.post(
        reverse("certificates:verify_credential"),
        {"credential": json.dumps(issued.credential)},
        HTTP_ACCEPT="application/json",
    )
    assert answer.json()["status"] == "valid" and has_vary_header(answer, "Accept")


@pytest.mark.parametrize(
    "name, args",
    [
        ("certificates:lookup", []),
        ("certificates:verify", None),
        ("certificates:verify_credential", []),
    ],
)
def test_the_human_pages_vary_on_the_language_cookie_and_accept_language(
    client, issued, name, args
):
    response = client.get(reverse(name, args=[issued.code] if args is None else args))
    assert response.status_code == 200
    assert has_vary_header(response, "Cookie") and has_vary_header(response, "Accept-Language")


def test_documents_that_do_not_negotiate_do_not_vary_on_accept(client, issued):
    for url in (reverse("certificates:issuer"), reverse("certificates:status_list", args=[0])):
        response = client.get(url)
        assert response.status_code == 200 and not has_vary_header(response, "Accept")


def test_files_are_the_same_in_every_language_and_do_not_vary_on_cookies(client, issued):
    response = client.get(reverse("certificates:download", args=[issued.code]))
    assert response.status_code == 200 and not has_vary_header(response, "Cookie")
