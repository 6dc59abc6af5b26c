"""The dashboard's "My storefront" panel for an application sent back for changes: it shows the
reviewers' message, and does not pay for the missing list that only a draft's panel shows."""

from __future__ import annotations

import pytest

from marketplace_link.dashboard import dashboard_panel
from marketplace_link.models import StorefrontApplication
from tests.marketplace.review_fixtures import (  # noqa: F401  (fixtures)
    applicant_fixture,
    certificate_fixture,
    course_fixture,
    make_application,
)

pytestmark = pytest.mark.django_db


def test_changes_requested_costs_two_queries_and_shows_the_message(
    certificate, applicant, django_assert_num_queries
):
    application = make_application(
        certificate,
        status=StorefrontApplication.Status.CHANGES_REQUESTED,
        review_message="Your logo is blurred.",
        images=False,  # a missing logo would be listed, if the list were made
    )
    dashboard_panel(applicant)  # warm Wagtail's site-root cache, as any earlier request would
    # The probe (application, certificate, any qualifying course), then the application.
    with django_assert_num_queries(2):
        html = dashboard_panel(applicant)["storefront"]
    assert "Your logo is blurred." in html
    assert "Update your application" in html
    assert "left before you can submit" not in html
    assert application.is_editable
