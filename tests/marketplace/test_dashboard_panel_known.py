"""The dashboard's storefront panel given the learner's standing certificates (as /dashboard/
gives them): the same HTML as the panel that probes for itself, in one query, and the qualifying
courses it reads from a per-process memo follow page changes."""

from __future__ import annotations

import pytest
from django.utils import timezone

from certificates.api import standing_certificates
from certificates.models import Certificate
from marketplace_link.dashboard import dashboard_panel
from tests.accounts.factories import UserFactory
from tests.courses import factories

pytestmark = pytest.mark.django_db


def both(user) -> tuple[dict, dict]:
    probed = dashboard_panel(user)
    given = dashboard_panel(user, certificates=standing_certificates(user))
    return probed, given


def test_a_graduate_is_eligible_either_way(graduate):
    probed, given = both(graduate)
    assert probed == given
    assert "Open your storefront" in given["storefront"]


@pytest.mark.parametrize(
    "change",
    [
        {"status": "revoked", "revoked_reason": "Plagiarism"},
        {"expires_on": "2020-01-01"},
        {"status": "pending"},
    ],
)
def test_a_certificate_that_is_not_valid_does_not_qualify_either_way(graduate, change):
    Certificate.objects.filter(pk=graduate.certificate.pk).update(**change)
    probed, given = both(graduate)
    assert probed == given
    assert "Open your storefront" not in given["storefront"]


def test_a_certificate_of_an_unpublished_qualifying_course_still_qualifies(graduate):
    graduate.certificate.course.unpublish()
    probed, given = both(graduate)
    assert probed == given
    assert "Open your storefront" in given["storefront"]


def test_a_certificate_of_another_course_does_not_qualify(site, qualifying_course):
    other = factories.course(factories.catalog(site), "Tourism basics")
    learner = UserFactory()
    Certificate.objects.create(
        learner=learner, course=other, name="X", course_title=other.title,
        status="issued", issued_at=timezone.now(), pdf_sha256="0" * 64,
    )  # fmt: skip
    probed, given = both(learner)
    assert probed == given
    assert "not enrolled yet" in given["storefront"]


def test_no_qualifying_course_gives_no_panel_either_way(site):
    factories.course(factories.catalog(site), "Tourism basics")
    assert both(UserFactory()) == ({}, {})


def test_an_application_shows_either_way(draft, graduate):
    probed, given = both(graduate)
    assert probed == given
    assert "Continue your application" in given["storefront"]


def test_one_query_for_a_learner_on_the_way_once_the_memo_is_warm(
    qualifying_course, django_assert_num_queries
):
    learner = UserFactory()
    dashboard_panel(learner, certificates=[], progress=[])  # fills the per-process memo
    # Only the latest application: certificates and progress are given, the courses memoised.
    with django_assert_num_queries(1):
        html = dashboard_panel(learner, certificates=[], progress=[])["storefront"]
    assert "not enrolled yet" in html


def test_a_course_that_stops_qualifying_leaves_the_panel_at_once(graduate):
    learner = UserFactory()
    assert "Coffee" in dashboard_panel(learner, certificates=[], progress=[])["storefront"]
    course = graduate.certificate.course.specific
    course.qualifies_for_storefront = False
    course.save()  # any page change drops the memo
    assert dashboard_panel(learner, certificates=[], progress=[]) == {}
    # ... and the graduate's certificate no longer qualifies either.
    assert dashboard_panel(graduate, certificates=standing_certificates(graduate)) == {}


def test_a_course_that_starts_qualifying_shows_at_once(site, graduate):
    learner = UserFactory()
    dashboard_panel(learner, certificates=[], progress=[])
    new = factories.course(factories.catalog(site), "Tourism basics")
    new.qualifies_for_storefront = True
    new.save_revision().publish()
    html = dashboard_panel(learner, certificates=[], progress=[])["storefront"]
    assert "Tourism basics" in html
