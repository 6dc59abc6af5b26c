"""A trainer's explorer starts at the tree's root (they may edit a course in two languages), where
each language has its own home page, all titled "Isoko": the admin names the language beside
it."""

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page

from courses.services import course_trainers_sync
from tests.courses import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_homes(editorial, site):
    french = Locale.objects.get(language_code="fr")
    assert site.get_translation(french).title == site.title == "Isoko"  # as seed_demo makes them
    # As in the demo, the trainer's course is translated, so they may edit it in both languages
    # and Wagtail starts their explorer at the common ancestor: the root of the tree.
    factories.publish(editorial["catalog"].copy_for_translation(french))
    factories.publish(editorial["course_a"].copy_for_translation(french))
    course_trainers_sync(course=editorial["course_a"])
    return editorial


def test_the_sidebar_explorer_names_each_home_by_language(two_homes):
    trainer = two_homes["trainer_a"]
    root = Page.get_first_root_node()
    url = reverse("wagtailadmin_api:pages:listing")
    response = trainer.get(url, {"child_of": root.pk, "for_explorer": 1})
    assert response.status_code == 200
    titles = sorted(item["admin_display_title"] for item in response.json()["items"])
    assert titles == ["Isoko (English)", "Isoko (French)"], titles


def test_the_explorer_listing_and_the_public_title_are_unchanged_otherwise(two_homes, client, site):
    trainer = two_homes["trainer_a"]
    response = trainer.get(reverse("wagtailadmin_explore_root"), follow=True)
    html = response.content.decode()
    assert response.status_code == 200 and not response.redirect_chain  # the tree's root
    assert "Isoko (English)" in html and "Isoko (French)" in html
    # Only the admin's name for the page changes: the site and its title stay "Isoko".
    assert "Isoko (English)" not in client.get("/").content.decode()
