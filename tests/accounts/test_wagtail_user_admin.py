"""Staff manage users in the Wagtail admin; names land on the profile."""

import pytest
from django.urls import reverse

from accounts.models import Profile, User
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_create_user_in_wagtail_admin_stores_names_on_profile(editor_client):
    response = editor_client.get(reverse("wagtailusers_users:add"))
    assert response.status_code == 200
    assert "Full name" in response.content.decode()
    response = editor_client.post(
        reverse("wagtailusers_users:add"),
        {
            "email": "trainer2@example.com",
            "first_name": "Jean-Claude Habimana",
            "last_name": "JC",
            "password1": "Kigali-trainer-2026!",
            "password2": "Kigali-trainer-2026!",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    user = User.objects.get(email="trainer2@example.com")
    assert Profile.objects.get(user=user).full_name == "Jean-Claude Habimana"


def test_edit_user_in_wagtail_admin_shows_and_saves_profile_names(editor_client):
    learner = UserFactory()
    url = reverse("wagtailusers_users:edit", args=[learner.pk])
    response = editor_client.get(url)
    assert response.status_code == 200
    assert 'value="Aline Uwase"' in response.content.decode()
    response = editor_client.post(
        url,
        {
            "email": learner.email,
            "first_name": "Aline Uwase Mukamana",
            "last_name": "Aline",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert Profile.objects.get(user=learner).full_name == "Aline Uwase Mukamana"


def test_own_account_settings_in_wagtail_save_names_to_profile(editor_client):
    response = editor_client.get(reverse("wagtailadmin_account"))
    assert response.status_code == 200
    user = response.context["user"]
    response = editor_client.post(
        reverse("wagtailadmin_account"),
        {
            "name_email-first_name": "Isoko Administrator",
            "name_email-last_name": "Admin",
            "name_email-email": user.email,
            "locale-preferred_language": "",
            "locale-current_time_zone": "",
            "theme-theme": "system",
            "theme-density": "default",
            "theme-contrast": "system",
            "theme-keyboard_shortcuts": "on",
        },
    )
    assert response.status_code == 302, response.content[:500]
    assert Profile.objects.get(user=user).full_name == "Isoko Administrator"
