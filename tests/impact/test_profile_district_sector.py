"""Rwanda's districts and the sectors (core/rwanda.py) on the learner's profile."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.forms import ProfileForm
from accounts.models import Profile
from core import rwanda
from marketplace_link import choices
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

FORM = {
    "full_name": "Eric Niyonzima",
    "preferred_name": "Eric",
    "audience": "entrepreneur",
    "organisation": "",
    "country": "RW",
    "phone": "",
    "preferred_language": "en",
}


def test_thirty_districts_shared_with_the_storefront_application():
    values = [value for value, _name in rwanda.DISTRICTS]
    assert len(values) == len(set(values)) == 30
    assert "gasabo" in values and "nyarugenge" in values and "rusizi" in values
    # The application's fields and frozen migrations still find them where they were.
    assert choices.DISTRICTS is rwanda.DISTRICTS
    assert choices.Sector is rwanda.Sector


def test_the_profile_form_offers_not_stated_first():
    form = ProfileForm()
    assert list(form.fields["district"].choices)[0] == ("", "Not stated")
    assert list(form.fields["sector"].choices)[0] == ("", "Not stated")
    assert len(list(form.fields["district"].choices)) == 31


def test_a_learner_sets_and_clears_district_and_sector(client):
    me = UserFactory()
    client.force_login(me)
    page = client.get(reverse("profile_edit"))
    assert b'name="district"' in page.content and b'name="sector"' in page.content
    response = client.post(reverse("profile_edit"), {**FORM, "district": "huye", "sector": "tea"})
    assert response.status_code == 302
    profile = Profile.objects.get(user=me)
    assert (profile.district, profile.sector) == ("huye", "tea")
    client.post(reverse("profile_edit"), {**FORM, "district": "", "sector": ""})
    profile.refresh_from_db()
    assert (profile.district, profile.sector) == ("", "")


@pytest.mark.parametrize(
    "change", [{"district": "paris"}, {"sector": "mining"}, {"district": "x" * 500}]
)
def test_unknown_values_are_refused_not_saved(client, change):
    me = UserFactory()
    client.force_login(me)
    response = client.post(reverse("profile_edit"), {**FORM, **change})
    assert response.status_code == 400
    assert set(change) <= set(response.context["form"].errors)
    assert Profile.objects.get(user=me).district == ""


def test_the_demo_learners_have_districts_and_sectors():
    """The demo's content validates with the new optional keys, and seed_demo's accounts get
    them (demo_user_ensure), so the dashboard is not empty after make run."""
    from accounts.api import demo_user_ensure
    from demo.content import load

    users = {user["email"]: user for user in load().users["users"]}
    assert users["entrepreneur@example.com"]["district"] == "huye"
    assert users["seller@example.com"]["sector"] == "coffee"
    user = demo_user_ensure(password="x" * 12, **users["seller@example.com"])
    assert (user.profile.district, user.profile.sector) == ("gasabo", "coffee")
