"""The language switcher goes to the translated page where one exists (every kind of page:
tests/config/test_language.py)."""

import pytest
from django.conf import settings
from django.urls import reverse
from wagtail.models import Locale

from tests.courses import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(site):
    catalog = factories.catalog(site)
    course = factories.course(catalog, "Coffee for export")
    french = Locale.objects.get(language_code="fr")
    factories.publish(catalog.copy_for_translation(french))
    translation = course.copy_for_translation(french)
    translation.title, translation.slug = "Le café pour l’export", "cafe-export"
    factories.publish(translation)
    return course


def switch(client, **data):
    return client.get(reverse("language_switch"), data)


def test_switch_goes_to_the_translated_page(client, course):
    response = switch(client, language="fr", next=course.url)
    assert response.status_code == 302
    assert response["Location"] == "/fr/courses/cafe-export/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    assert "Le café pour l’export" in client.get(response["Location"]).content.decode()
    back = switch(client, language="en", next="/fr/courses/cafe-export/")
    assert back["Location"] == "/courses/coffee-for-export/"


def test_without_a_translation_it_lands_on_the_home_page_and_says_so(client, course):
    response = switch(client, language="sw", next=course.url)
    assert response["Location"] == "/sw/"
    html = client.get("/sw/").content.decode()
    # Said in Swahili, with the way back to the original named in its own language.
    assert "“Coffee for export” bado haijatafsiriwa katika lugha hii." in html
    assert f'<a href="{course.url}" hreflang="en">Soma toleo asili (English)</a>' in html


def test_non_page_urls_switch_prefix(client, site):
    response = switch(client, language="fr", next="/accounts/login/")
    assert response["Location"] == "/fr/accounts/login/"


def test_bad_input_is_harmless(client, site):
    assert switch(client, language="xx", next="/")["Location"] == "/"
    assert switch(client, language="fr", next="https://evil.example/")["Location"] == "/fr/"
    assert switch(client, language="fr", next="/", page="not-a-number")["Location"] == "/fr/"
    assert client.get(reverse("language_switch"))["Location"] == "/"
    assert client.put(reverse("language_switch")).status_code == 405


def test_a_post_still_switches(client, course):
    """Pages cached before the switcher became a GET form post it."""
    response = client.post(reverse("language_switch"), {"language": "fr", "next": course.url})
    assert response["Location"] == "/fr/courses/cafe-export/"
