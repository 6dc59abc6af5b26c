import pytest
from wagtail.models import Locale, Page, Site

from courses.api import seed_demo_site
from courses.models import HomePage


@pytest.mark.django_db
def test_seed_builds_the_tree_on_a_flushed_database():
    """Transactional tests flush Wagtail's migration data (root page, default locale)."""
    Site.objects.all().delete()
    Page.objects.all().delete()
    Locale.objects.all().delete()
    home = seed_demo_site()
    assert home.get_parent().depth == 1
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert HomePage.objects.live().count() == 2  # English and its French translation
