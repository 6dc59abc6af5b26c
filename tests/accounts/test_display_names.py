"""What the site calls a person (greetings in e-mails, calendar invitations, the admin):
User.get_short_name, the one fallback every app uses."""

import pytest

from accounts.models import Profile, User

pytestmark = pytest.mark.django_db


def user(**profile):
    person = User.objects.create_user(email="aline.u@example.com", password=None)
    if profile is not None:
        Profile.objects.create(user=person, **profile)
    return User.objects.select_related("profile").get(pk=person.pk)


@pytest.mark.parametrize(
    ("profile", "short"),
    [
        ({"preferred_name": "Aline", "full_name": "Aline Uwase"}, "Aline"),
        ({"full_name": "Aline Uwase"}, "Aline Uwase"),
        ({}, "aline.u"),
    ],
)
def test_the_preferred_name_then_the_full_name_then_the_address_before_the_at(profile, short):
    assert user(**profile).get_short_name() == short


def test_an_account_without_a_profile_is_called_by_its_address():
    person = User.objects.create_user(email="root@example.com", password=None)
    assert person.get_short_name() == "root"
    assert person.get_full_name() == "root@example.com"  # Wagtail's admin lists the address
