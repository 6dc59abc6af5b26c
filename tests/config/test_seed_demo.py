import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

from accounts.models import Profile, User
from courses.models import HomePage
from lms.models import Completion
from marketplace_link.application.eligibility import qualifying_certificate
from marketplace_link.application.services import application_missing
from marketplace_link.models import StorefrontApplication

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "users": sorted(User.objects.values_list("email", "password", "is_staff", "is_superuser")),
        "profiles": sorted(Profile.objects.values_list("user__email", "full_name", "audience")),
        "emails": sorted(EmailAddress.objects.values_list("email", "verified", "primary")),
        "groups": sorted(User.objects.values_list("email", "groups__name")),
        "pages": sorted(Page.objects.values_list("path", "slug", "live", "content_type__model")),
        "sites": list(Site.objects.values_list("hostname", "root_page_id", "is_default_site")),
        "applications": sorted(
            StorefrontApplication.objects.values_list("applicant__email", "status", "logo")
        ),
    }


def test_seed_demo_refuses_outside_the_dev_settings_and_twice_gives_the_same_data(settings):
    """With DEBUG off it still runs under the dev settings (`make run` serves the demo with debug
    off); anywhere else it refuses unless forced. Seeded a second time (as the dev settings
    allow), the data is the same. One test, not two: each seed of the whole demo costs seconds,
    and the forced seed is the first of the two."""
    assert settings.ISOKO_ALLOW_DEMO_SEED is False  # the test settings are not the dev ones
    settings.DEBUG = True
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo")
    assert not User.objects.exists()
    settings.DEBUG = False
    call_command("seed_demo", "--force")
    assert User.objects.count() == 9
    first = snapshot()
    settings.ISOKO_ALLOW_DEMO_SEED = True
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
            "programme",
            "entrepreneur",
            "policymaker",
            "academic",
            "seller",
        )
    }
    assert all(verified for _email, verified, _primary in first["emails"])
    assert User.objects.get(email="admin@example.com").is_superuser
    homes = HomePage.objects.live()
    assert sorted(homes.values_list("locale__language_code", flat=True)) == ["en", "fr"]
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage

    # The demo seller has applied for a storefront: a reviewer can approve it at once.
    application = StorefrontApplication.objects.get()
    seller = application.applicant
    assert seller.email == "seller@example.com"
    assert application.status == StorefrontApplication.Status.SUBMITTED
    assert application_missing(application) == []
    assert application.certificate == qualifying_certificate(seller)
    assert application.certificate.course.qualifies_for_storefront
    product = application.products.get()
    assert product.images.count() == 1 and application.logo
    # The entrepreneur graduated too (the certificate comes from the task, on commit), and has
    # not applied: a visitor can still walk the application form as them.
    assert Completion.objects.filter(enrolment__learner__email="entrepreneur@example.com").exists()


def test_the_demo_site_follows_the_base_url_make_run_serves_on(settings):
    """Wagtail's moderation e-mails link page.full_url, built from the Site's address: the demo
    Site follows the base URL (the port of `make run`), also when a later run changes it; a Site
    pointed at a real host name is left alone."""
    from courses.api import seed_demo_site

    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8123"
    home = seed_demo_site()
    assert home.full_url == "http://127.0.0.1:8123/"
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8124"
    assert seed_demo_site().full_url == "http://127.0.0.1:8124/"
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "isoko.example.rw", 443
    site.save()
    assert seed_demo_site().full_url == "https://isoko.example.rw/"
