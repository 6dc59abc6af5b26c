"""Staff manage users in the Wagtail admin; names land on the profile."""

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from accounts.models import Profile, User
from tests.accounts.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, site):
    admin = StaffFactory(is_superuser=True)
    # An active TOTP authenticator satisfies the MFA policy; allauth's login stage is tested in
    # test_mfa.py, so log in directly here.
    Authenticator.objects.create(
        user=admin, type=Authenticator.Type.TOTP, data={"secret": pyotp.random_base32()}
    )
    client.force_login(admin)
    return client


def test_create_user_in_wagtail_admin_stores_names_on_profile(admin_client):
    response = admin_client.get(reverse("wagtailusers_users:add"))
    assert response.status_code == 200
    assert "Full name" in response.content.decode()
    response = admin_client.post(
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


def test_edit_user_in_wagtail_admin_shows_and_saves_profile_names(admin_client):
    learner = UserFactory()
    url = reverse("wagtailusers_users:edit", args=[learner.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert 'value="Aline Uwase"' in response.content.decode()
    response = admin_client.post(
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


def test_own_account_settings_in_wagtail_save_names_to_profile(admin_client):
    response = admin_client.get(reverse("wagtailadmin_account"))
    assert response.status_code == 200
    user = response.context["user"]
    response = admin_client.post(
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
