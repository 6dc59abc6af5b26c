"""Ids too big for a 64-bit column, in a path or a form: found by tests/fuzz on SQLite (the
embedded default of ``make run``), where binding one raised OverflowError, a 500. Django guards
plain integer lookups, not lookups through a page's parent link or a form's model choices."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lms.models import Enrolment
from tests.accounts.factories import UserFactory
from tests.courses import factories

HUGE = 10**25

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("lms_enrol", "post"),
        ("lms_withdraw", "post"),
        ("lms_continue", "get"),
        ("lms_lesson_complete", "post"),
        ("lms_quiz_start", "post"),
    ],
)
def test_a_huge_id_in_the_path_is_not_found(client, name, method):
    client.force_login(UserFactory())
    path = reverse(name, args=[1]).replace("/1/", f"/{HUGE}/")
    assert getattr(client, method)(path).status_code == 404


def test_a_huge_photo_id_to_remove_is_a_form_error(site, client):
    from marketplace_link.models import StorefrontApplication
    from tests.marketplace.review_fixtures import add_product, issued_certificate, make_application

    course = factories.course(factories.catalog(site), "Coffee", qualifies_for_storefront=True)
    graduate = UserFactory()
    draft = make_application(
        issued_certificate(graduate, course), status=StorefrontApplication.Status.DRAFT
    )
    product = add_product(draft)
    client.force_login(graduate)
    url = reverse("marketplace_link:apply_product_edit", args=[product.pk])
    response = client.post(url, {"title": "x", "remove_images": [str(HUGE)]})
    assert response.status_code in (200, 400)
    assert product.images.count() == 1
    assert not Enrolment.objects.exists()
