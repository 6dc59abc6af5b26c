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


@pytest.mark.parametrize("make", ["huge_png", "huge_jpeg", "just_over"])
def test_a_profile_picture_of_too_many_pixels_is_refused_in_plain_words(editor_client, make):
    """Django's ImageField called a decompression bomb "not an image or a corrupted image", and
    an image under Pillow's own limit was decoded whole to be scaled down (A12 sibling)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests import huge_images

    content = (
        huge_images.huge_png(7100, 7100) if make == "just_over" else getattr(huge_images, make)()
    )
    user = editor_client.get(reverse("wagtailadmin_account")).context["user"]
    response = editor_client.post(
        reverse("wagtailadmin_account"),
        {
            "name_email-first_name": "Isoko Administrator",
            "name_email-last_name": "Admin",
            "name_email-email": user.email,
            "avatar-avatar": SimpleUploadedFile("me.png", content),
            "locale-preferred_language": "",
            "locale-current_time_zone": "",
            "theme-theme": "system",
            "theme-density": "default",
            "theme-contrast": "system",
            "theme-keyboard_shortcuts": "on",
        },
    )
    assert response.status_code == 200
    assert "This image has too many pixels: the limit is 50 million." in response.content.decode()
