"""Eligibility and the dashboard's "My storefront" panel, in every state, in constant queries."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from courses.models import LessonPage
from marketplace_link.application.eligibility import qualifying_certificate, storefront_requirements
from marketplace_link.dashboard import dashboard_panel
from marketplace_link.models import Storefront, StorefrontApplication
from tests.accounts.factories import UserFactory
from tests.courses import factories
from tests.marketplace.conftest import complete

APPLY = "/storefront/apply/"


def panel(user) -> str:
    return dashboard_panel(user).get("storefront", "")


def test_a_graduate_qualifies_and_sees_open_your_storefront(graduate, client):
    assert qualifying_certificate(graduate) == graduate.certificate
    assert storefront_requirements(graduate) == []
    client.force_login(graduate)
    html = client.get(reverse("dashboard")).content.decode()
    assert "Open your storefront" in html
    assert f'href="{APPLY}"' in html


def test_a_certificate_of_another_course_does_not_qualify(site, graduate, qualifying_course):
    other = factories.course(factories.catalog(site), "Tourism basics")
    learner = UserFactory()
    Certificate.objects.create(
        learner=learner, course=other, name="X", course_title=other.title,
        status="issued", issued_at=timezone.now(), pdf_sha256="0" * 64,
    )  # fmt: skip
    assert qualifying_certificate(learner) is None
    html = panel(learner)
    assert "Open your storefront" not in html
    assert "Coffee seller readiness" in html and "not enrolled yet" in html


@pytest.mark.parametrize(
    ("change", "state", "text"),
    [
        ({"status": "revoked", "revoked_reason": "Plagiarism"}, "revoked", "was revoked"),
        ({"expires_on": "2020-01-01"}, "expired", "has expired"),
    ],
)
def test_revoked_or_expired_certificates_do_not_qualify(graduate, change, state, text):
    Certificate.objects.filter(pk=graduate.certificate.pk).update(**change)
    assert qualifying_certificate(graduate) is None
    [requirement] = storefront_requirements(graduate)
    assert requirement.state == state
    html = panel(graduate)
    assert "Open your storefront" not in html and text in html


def test_learner_in_progress_sees_the_course_and_their_progress(site, qualifying_course):
    module = factories.module(qualifying_course)
    factories.lesson(module, "One")
    factories.lesson(module, "Two")
    learner = UserFactory()
    from lms.models import Enrolment

    Enrolment.objects.create(learner=learner, course=qualifying_course)
    [requirement] = storefront_requirements(learner)
    assert (requirement.state, requirement.percent) == ("in_progress", 0)
    assert "0% done" in panel(learner)


def test_completed_but_certificate_pending(qualifying_course):
    learner = UserFactory()
    completion = complete(qualifying_course, learner)
    Certificate.objects.create(
        learner=learner, course=qualifying_course, completion=completion, name="X",
        course_title="X",
    )  # fmt: skip
    [requirement] = storefront_requirements(learner)
    assert requirement.state == "certificate_pending"
    assert "being prepared" in panel(learner)


def test_no_qualifying_course_leaves_the_default_empty_state(site):
    factories.course(factories.catalog(site), "Tourism basics")
    assert dashboard_panel(UserFactory()) == {}


def test_anonymous_is_never_eligible(qualifying_course):
    from django.contrib.auth.models import AnonymousUser

    assert qualifying_certificate(AnonymousUser()) is None
    assert [r.state for r in storefront_requirements(AnonymousUser())] == ["not_enrolled"]


def test_panel_shows_each_application_state(draft, graduate):
    html = panel(graduate)
    assert "Draft" in html and "Continue your application" in html

    StorefrontApplication.objects.filter(pk=draft.pk).update(
        status="changes_requested", review_message="Your logo is blurred."
    )
    html = panel(graduate)
    assert "Changes requested" in html and "Your logo is blurred." in html

    StorefrontApplication.objects.filter(pk=draft.pk).update(
        status="submitted", submitted_at=timezone.now()
    )
    assert "Submitted for review" in panel(graduate)

    StorefrontApplication.objects.filter(pk=draft.pk).update(status="approved")
    Storefront.objects.create(
        application=draft, status="live", public_url="http://127.0.0.1:8910/s/st_1",
        order_count=7, last_order_at=timezone.now(),
    )  # fmt: skip
    html = panel(graduate)
    assert "Live" in html and "http://127.0.0.1:8910/s/st_1" in html
    assert "<dd>7 · last one" in html

    Storefront.objects.filter(application=draft).update(
        status="suspended", status_reason="Your certificate was revoked."
    )
    html = panel(graduate)
    assert "Suspended" in html and "Your certificate was revoked." in html


def test_panel_after_a_rejection_offers_a_new_application(draft, graduate):
    StorefrontApplication.objects.filter(pk=draft.pk).update(
        status="rejected", review_message="Not an export business."
    )
    html = panel(graduate)
    assert "Not an export business." in html and "Open your storefront" in html


def _add_courses_and_products(site, draft, learner, start: int, count: int):
    from lms.models import Enrolment
    from marketplace_link.models import Product

    catalog = factories.catalog(site)
    for n in range(start, start + count):
        course = factories.course(catalog, f"Storefront course {n}", qualifies_for_storefront=True)
        Enrolment.objects.create(learner=learner, course=course)
        Product.objects.create(
            application=draft, title=f"P{n}", description="d", category="coffee", price_rwf=1,
            price_usd="1.00", hs_code="090111", origin_district="huye",
        )  # fmt: skip


def _queries(user, **given) -> tuple[int, str]:
    """Queries of one panel render, and its HTML."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    dashboard_panel(user, **given)  # warm Wagtail's site-root cache, as an earlier request would
    with CaptureQueriesContext(connection) as context:
        html = dashboard_panel(user, **given).get("storefront", "")
    assert html
    return len(context.captured_queries), html


def test_panel_queries_do_not_grow_with_courses_or_products(site, graduate, draft):
    """1 course and product, then 3: same count for the draft (missing list) and for a learner
    who has still to qualify (requirements with progress)."""
    learner = UserFactory()
    _add_courses_and_products(site, draft, learner, 0, 1)
    few = (_queries(graduate)[0], _queries(learner)[0])
    _add_courses_and_products(site, draft, learner, 1, 2)
    many = (_queries(graduate)[0], _queries(learner)[0])
    assert few == many
    # The learner's: the probe, their certificates, then the progress (enrolments, and one
    # grouped count with the next steps); the qualifying courses come from the per-process memo
    # (courses.api.storefront_live_courses), warm after the first render.
    assert many == (4, 4), many


def test_panel_takes_the_progress_the_dashboard_computed(site, draft):
    """Given the learner's progress (as /dashboard/ gives it), the panel shows the same numbers
    without computing them again: two queries (the probe and the certificates; the qualifying
    courses are memoised), whatever the number of courses."""
    from lms.api import course_progress
    from lms.models import Enrolment

    learner = UserFactory()
    _add_courses_and_products(site, draft, learner, 0, 3)
    unrelated = factories.course(factories.catalog(site), "Tourism basics")
    factories.lesson(factories.module(unrelated), "Welcome")
    Enrolment.objects.create(learner=learner, course=unrelated)
    first = Enrolment.objects.filter(learner=learner).order_by("pk").first().course
    factories.lesson(factories.module(first), "Grading")
    factories.lesson(first.get_children().first(), "Roasting")
    from lms.services import lesson_complete

    lesson_complete(learner=learner, lesson=LessonPage.objects.descendant_of(first).first())
    progress = course_progress(
        learner=learner, course_ids=Enrolment.objects.filter(learner=learner).values("course")
    )
    assert len(progress) == 4  # the unrelated course too, as the dashboard has it
    computed_here, html = _queries(learner)
    given, same_html = _queries(learner, progress=progress)
    assert (computed_here, given) == (4, 2)
    assert same_html == html and "50% done" in html and "Tourism basics" not in html


def test_panel_costs_one_query_for_the_usual_learner(site, django_assert_num_queries):
    factories.course(factories.catalog(site), "Tourism basics")
    learner = UserFactory()
    with django_assert_num_queries(1):
        assert dashboard_panel(learner) == {}
