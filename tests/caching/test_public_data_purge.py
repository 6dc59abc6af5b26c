"""Cached public pages that show rows changed without a Wagtail publish: the storefront showcase
(a store going live or suspended, its products) and a cohort course page (the cohorts taking
applications). Each change goes through a real write path (the marketplace's signed webhook,
staff's suspension, the admin's cohort form, the seller's product service), commits, and the
next anonymous GET shows it, in the process's memory and in Redis. Writes no public page shows
(an order, a store still in review, an invitation-only cohort, a draft application) purge
nothing: the next GET is still a hit.
"""

from __future__ import annotations

import json
import time
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from config.page_cache import GENERATION_KEY, page_cache
from lms.models import Cohort
from marketplace_link.application.services import product_remove
from marketplace_link.models import Listing, Storefront
from marketplace_link.outbox import storefront_suspend
from marketplace_sandbox.signing import signature
from tests.accounts.factories import StaffFactory, UserFactory
from tests.courses import factories
from tests.lms.cohorts.test_admin import cohort_form, with_mfa
from tests.marketplace.review_fixtures import (
    add_product,
    issued_certificate,
    make_application,
    make_live,
)

pytestmark = pytest.mark.django_db

INDEX = "/storefronts/"
WEBHOOK = "/marketplace/webhooks/"
KEY_ID, SECRET = "isoko-hooks", "webhook-secret-for-tests"
_ids = iter(range(1, 10**6))


@pytest.fixture(autouse=True)
def keys(settings):
    settings.ISOKO_MARKETPLACE_KEY_ID = KEY_ID
    settings.ISOKO_MARKETPLACE_SECRET = SECRET


@pytest.fixture(autouse=True)
def no_outbox_delivery(monkeypatch):
    """Staff's suspension also queues a message for the marketplace: not what these tests are
    about (tests/marketplace covers it), so its delivery is not started."""
    monkeypatch.setattr("marketplace_link.outbox.writers._enqueue_id", lambda *a, **k: None)


@pytest.fixture
def course(site):
    return factories.course(
        factories.catalog(site), "Coffee seller readiness", qualifies_for_storefront=True
    )


def application_for(course, name: str):
    learner = UserFactory(email=f"{name.split()[0].lower()}-{next(_ids)}@example.com")
    return make_application(issued_certificate(learner, course), trading_name=name)


@pytest.fixture
def in_review(course):
    """A store the marketplace is still reviewing (not on the showcase), with one product whose
    listing is pending."""
    application = application_for(course, "Kivu Tea Estates")
    storefront = make_live(application, marketplace_store_id="st_kivu")
    Storefront.objects.filter(pk=storefront.pk).update(status=Storefront.Status.IN_REVIEW)
    storefront.refresh_from_db()
    product = add_product(application, title="Kivu black tea, 1 kg")
    Listing.objects.create(
        product=product, storefront=storefront, marketplace_product_id="pr_kivu", status="PENDING"
    )
    return storefront


@pytest.fixture
def live(course):
    """A live store with one product for sale."""
    storefront = make_live(application_for(course, "Huye Mountain Coffee"))
    product = add_product(storefront.application, title="Huye washed Bourbon, 1 kg")
    Listing.objects.create(
        product=product, storefront=storefront, marketplace_product_id="pr_huye", status="ACTIVE"
    )
    return storefront


def signed_post(kind: str, data: dict, sequence: int):
    raw = json.dumps(
        {
            "id": f"ev_{next(_ids):06d}",
            "type": kind,
            "created_at": "2026-11-30T08:00:00Z",
            "sequence": sequence,
            "data": data,
        }
    ).encode()
    timestamp = str(int(time.time()))
    return Client().post(
        WEBHOOK,
        raw,
        content_type="application/json",
        headers={
            "X-Key-Id": KEY_ID,
            "X-Timestamp": timestamp,
            "X-Signature": signature(SECRET, timestamp, "POST", WEBHOOK, raw),
        },
    )


def store_status(storefront, status: str, sequence: int):
    data = {
        "store_id": storefront.marketplace_store_id,
        "external_id": str(storefront.application.public_id),
        "status": status,
        "reason": "",
    }
    response = signed_post("store.status_changed", data, sequence)
    assert response.status_code == 200
    return response


def store_url(storefront) -> str:
    return reverse("showcase:store", args=[storefront.application.public_id])


def cached(client, url: str) -> str:
    """Read ``url`` twice as an anonymous visitor: the second read comes from the cache."""
    client.get(url)
    second = client.get(url)
    assert second["X-Page-Cache"] == "hit"
    return second.content.decode()


def generation():
    return page_cache().get(GENERATION_KEY)


# -- the showcase ------------------------------------------------------------------------------
def test_a_store_going_live_by_webhook_shows_on_the_next_read(
    client, page_cache_on, in_review, django_capture_on_commit_callbacks
):
    assert "Kivu Tea Estates" not in cached(client, INDEX)
    with django_capture_on_commit_callbacks(execute=True):
        store_status(in_review, "ACTIVE", 3)
    response = client.get(INDEX)
    assert response["X-Page-Cache"] == "miss"
    assert "Kivu Tea Estates" in response.content.decode()


def test_a_store_suspended_by_webhook_leaves_the_showcase_and_its_page(
    client, page_cache_on, live, django_capture_on_commit_callbacks
):
    assert "Huye Mountain Coffee" in cached(client, INDEX)
    assert "Huye washed Bourbon" in cached(client, store_url(live))
    with django_capture_on_commit_callbacks(execute=True):
        store_status(live, "SUSPENDED", 5)
    assert "Huye Mountain Coffee" not in client.get(INDEX).content.decode()
    assert client.get(store_url(live)).status_code == 404


def test_a_store_suspended_by_staff_leaves_the_showcase(
    client, page_cache_on, live, django_capture_on_commit_callbacks
):
    assert "Huye Mountain Coffee" in cached(client, INDEX)
    with django_capture_on_commit_callbacks(execute=True):
        assert storefront_suspend(live, reason="Counterfeit goods reported", actor=StaffFactory())
    assert "Huye Mountain Coffee" not in client.get(INDEX).content.decode()


def test_a_listing_approved_by_webhook_shows_on_a_live_stores_page(
    client, page_cache_on, live, django_capture_on_commit_callbacks
):
    product = add_product(live.application, title="Nyungwe green tea, 500 g")
    Listing.objects.create(
        product=product, storefront=live, marketplace_product_id="pr_green", status="PENDING"
    )
    assert "Nyungwe green tea" not in cached(client, store_url(live))
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_post(
            "listing.approved",
            {"store_id": live.marketplace_store_id, "product_id": "pr_green", "sku": product.sku},
            2,
        )
    assert response.status_code == 200
    assert "Nyungwe green tea" in client.get(store_url(live)).content.decode()


def test_a_product_the_seller_removes_leaves_the_stores_page(
    client, page_cache_on, live, django_capture_on_commit_callbacks
):
    assert "Huye washed Bourbon" in cached(client, store_url(live))
    product = live.application.products.get()
    with django_capture_on_commit_callbacks(execute=True):
        product_remove(product)
    assert "Huye washed Bourbon" not in client.get(store_url(live)).content.decode()


def test_a_rolled_back_write_purges_nothing(
    client, page_cache_on, live, django_capture_on_commit_callbacks
):
    cached(client, INDEX)
    before = generation()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        live.status = Storefront.Status.SUSPENDED
        live.save()
    # Registered for the commit, not run before it: a rollback discards it.
    assert callbacks and generation() == before
    assert client.get(INDEX)["X-Page-Cache"] == "hit"


# -- writes no public page shows -------------------------------------------------------------
def test_an_order_webhook_purges_nothing(
    client, page_cache_on, live, django_capture_on_commit_callbacks
):
    cached(client, INDEX)
    before = generation()
    with django_capture_on_commit_callbacks(execute=True):
        signed_post(
            "order.created",
            {"store_id": live.marketplace_store_id, "order_id": "or_1"},
            1,
        )
    live.refresh_from_db()
    assert live.order_count == 1
    assert generation() == before
    assert client.get(INDEX)["X-Page-Cache"] == "hit"


def test_a_listing_of_a_store_in_review_purges_nothing(
    client, page_cache_on, in_review, django_capture_on_commit_callbacks
):
    cached(client, INDEX)
    before = generation()
    listing = in_review.listings.get()
    with django_capture_on_commit_callbacks(execute=True):
        signed_post(
            "listing.approved",
            {"store_id": "st_kivu", "product_id": "pr_kivu", "sku": listing.product.sku},
            2,
        )
    listing.refresh_from_db()
    assert listing.status == "ACTIVE"
    assert generation() == before
    assert client.get(INDEX)["X-Page-Cache"] == "hit"


def test_a_draft_application_and_a_learners_enrolment_purge_nothing(
    client, page_cache_on, course, django_capture_on_commit_callbacks
):
    from lms.services import enrolment_create

    cached(client, INDEX)
    cached(client, course.url)
    before = generation()
    with django_capture_on_commit_callbacks(execute=True):
        application = application_for(course, "Draft Crafts")
        application.description_en = "Baskets from Gisenyi."
        application.save()
        enrolment_create(learner=UserFactory(), course=course)
    assert generation() == before
    assert client.get(INDEX)["X-Page-Cache"] == "hit"
    assert client.get(course.url)["X-Page-Cache"] == "hit"


# -- a cohort course page --------------------------------------------------------------------
START = date(2099, 3, 1)


@pytest.fixture
def cohort_course(site):
    return factories.course(factories.catalog(site), "Trade policy", format="cohort")


def make_cohort(course, name="Kigali 2099", mode=Cohort.Mode.APPLICATION) -> Cohort:
    return Cohort.objects.create(
        course=course,
        name=name,
        starts_on=START,
        ends_on=START + timedelta(days=30),
        capacity=5,
        enrolment_mode=mode,
    )


@pytest.fixture
def staff_client():
    client = Client()
    client.force_login(with_mfa(UserFactory(is_staff=True, is_superuser=True)))
    return client


def test_a_cohort_opened_for_applications_in_the_admin_shows_on_its_course_page(
    client, page_cache_on, cohort_course, staff_client, django_capture_on_commit_callbacks
):
    cohort = make_cohort(cohort_course, mode=Cohort.Mode.INVITATION)
    assert "Kigali 2099" not in cached(client, cohort_course.url)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("cohort:edit", args=[cohort.pk]),
            cohort_form(cohort, enrolment_mode=Cohort.Mode.APPLICATION, name="Kigali 2099 (B)"),
        )
    assert response.status_code == 302
    page = client.get(cohort_course.url).content.decode()
    assert "Kigali 2099 (B)" in page
    assert reverse("lms_cohort_apply", args=[cohort.public_id]) in page

    # Finishing it takes it off the page again.
    assert "Kigali 2099 (B)" in cached(client, cohort_course.url)
    cohort.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            reverse("cohort:edit", args=[cohort.pk]),
            cohort_form(cohort, status=Cohort.Status.FINISHED),
        )
    assert "Kigali 2099 (B)" not in client.get(cohort_course.url).content.decode()


def test_an_invitation_only_cohort_and_a_seat_purge_nothing(
    client, page_cache_on, cohort_course, django_capture_on_commit_callbacks
):
    from lms.cohorts.api import cohort_enrol

    shown = make_cohort(cohort_course)
    cached(client, cohort_course.url)
    before = generation()
    with django_capture_on_commit_callbacks(execute=True):
        hidden = make_cohort(cohort_course, name="Private 2099", mode=Cohort.Mode.INVITATION)
        hidden.name = "Private 2099, renamed"
        hidden.save()
        cohort_enrol(cohort=shown, learner=UserFactory())  # a seat: not shown
    assert generation() == before
    assert client.get(cohort_course.url)["X-Page-Cache"] == "hit"
