"""Pages run a bounded number of queries, and the bound does not grow with the data."""

import pytest
from django.urls import reverse

from courses.site_setup import SECTIONS
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def count_queries(client, url, django_assert_max_num_queries, limit):
    client.get(url)  # warm per-process caches (content types, site root paths)
    with django_assert_max_num_queries(limit) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_home_page_queries_do_not_grow_with_sections_or_users(
    client, site, django_assert_max_num_queries
):
    # 2: the home page (routed from the memo: courses/routing.py) and its view restrictions.
    few = count_queries(client, "/", django_assert_max_num_queries, 2)
    site.sections = SECTIONS * 10
    site.save_revision().publish()
    UserFactory.create_batch(20)
    many = count_queries(client, "/", django_assert_max_num_queries, 2)
    assert many == few


def test_dashboard_queries_are_bounded(client, site, django_assert_max_num_queries, settings):
    settings.ISOKO_DASHBOARD_CACHE_SECONDS = 0  # the page as built (the cached copy: tests/perf)
    learner = UserFactory()
    client.force_login(learner)
    # 6: session and user, enrolments (none: no progress to compute), the profile with the MFA
    # and facilitator checks, the certificates both panels share, the storefront probe.
    few = count_queries(client, reverse("dashboard"), django_assert_max_num_queries, 6)
    UserFactory.create_batch(20)
    many = count_queries(client, reverse("dashboard"), django_assert_max_num_queries, 6)
    assert many == few
