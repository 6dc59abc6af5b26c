"""The home page's hero and sections are edited in the Wagtail admin, not in code."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from courses.models import HomePage

pytestmark = pytest.mark.django_db


def test_editor_changes_hero_and_sections_and_publishes(editor_client, site):
    url = reverse("wagtailadmin_pages:edit", args=[site.pk])
    assert editor_client.get(url).status_code == 200
    data = nested_form_data(
        {
            "title": "Isoko",
            "slug": "home",
            "hero_heading": "Sell Rwandan coffee to the world",
            "hero_text": "New intro written by an editor.",
            "hero_cta_text": "Join",
            "hero_cta_url": "/accounts/signup/",
            "sections": streamfield(
                [
                    (
                        "call_to_action",
                        {
                            "heading": "Cohort applications are open",
                            "text": "",
                            "button_text": "Apply",
                            "button_url": "/accounts/signup/",
                        },
                    )
                ]
            ),
            "action-publish": "Publish",
        }
    )
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    home = HomePage.objects.get(pk=site.pk)
    assert home.hero_heading == "Sell Rwandan coffee to the world"
    editor_client.logout()
    html = editor_client.get("/").content.decode()
    assert "Sell Rwandan coffee to the world" in html
    assert "Cohort applications are open" in html
    assert "Who Isoko is for" not in html  # the old section is gone


def test_home_page_cannot_be_created_twice_or_under_another_page(site):
    assert not HomePage.can_create_at(site)
    assert HomePage.parent_page_types == ["wagtailcore.Page"]
