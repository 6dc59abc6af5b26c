import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

from accounts.models import Profile, User
from courses.models import HomePage

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "users": sorted(User.objects.values_list("email", "password", "is_staff", "is_superuser")),
        "profiles": sorted(Profile.objects.values_list("user__email", "full_name", "audience")),
        "emails": sorted(EmailAddress.objects.values_list("email", "verified", "primary")),
        "groups": sorted(User.objects.values_list("email", "groups__name")),
        "pages": sorted(Page.objects.values_list("path", "slug", "live", "content_type__model")),
        "sites": list(Site.objects.values_list("hostname", "root_page_id", "is_default_site")),
    }


def test_seed_demo_twice_gives_the_same_data(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    first = snapshot()
    call_command("seed_demo")
    assert snapshot() == first

    emails = {email for email, *_ in first["users"]}
    assert emails == {
        f"{role}@example.com"
        for role in (
            "admin",
            "reviewer",
            "trainer",
            "facilitator",
            "entrepreneur",
            "policymaker",
            "academic",
        )
    }
    assert all(verified for _email, verified, _primary in first["emails"])
    assert User.objects.get(email="admin@example.com").is_superuser
    homes = HomePage.objects.live()
    assert sorted(homes.values_list("locale__language_code", flat=True)) == ["en", "fr"]
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage


def test_seed_demo_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo")
    assert not User.objects.exists()
    call_command("seed_demo", "--force")
    assert User.objects.count() == 7
