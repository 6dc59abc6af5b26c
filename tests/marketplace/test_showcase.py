"""The public showcase at /storefronts/: only live stores, the sector filter (bad values ignored
with a note), what each card shows, one page per store with its products, the three languages,
paging, the empty states, and a query count that stays the same for 5 and 500 stores."""

from __future__ import annotations

import hashlib
import re
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from certificates.models import Certificate
from marketplace_link.models import Listing, Storefront, StorefrontApplication
from marketplace_link.storefront.showcase import PER_PAGE
from tests.accounts.factories import UserFactory
from tests.marketplace.review_fixtures import (  # noqa: F401  (fixtures)
    add_product,
    applicant_fixture,
    certificate_fixture,
    course_fixture,
    issued_certificate,
    make_application,
    make_live,
)

pytestmark = pytest.mark.django_db

INDEX = "/storefronts/"


def store_url(storefront) -> str:
    return reverse("showcase:store", args=[storefront.application.public_id])


def card_names(response) -> list[str]:
    return re.findall(
        r'<h2 id="store-[0-9a-f-]+"[^>]*><a href="[^"]+">([^<]*)</a></h2>',
        response.content.decode(),
    )


def live_store(course, name="Kivu Tea", **fields) -> Storefront:
    email = fields.pop("email", None) or f"{uuid.uuid4().hex[:8]}@example.com"
    application = make_application(
        issued_certificate(UserFactory(email=email), course), trading_name=name, **fields
    )
    return make_live(application)


def for_sale(storefront, title="Huye washed Bourbon, 1 kg", **fields):
    """A product the marketplace approved (its listing ACTIVE)."""
    product = add_product(storefront.application, title=title, **fields)
    Listing.objects.create(product=product, storefront=storefront, status="ACTIVE")
    return product


@pytest.fixture
def huye(certificate):
    """Huye Mountain Coffee, live, with one product for sale (organic and fair trade, one
    image)."""
    storefront = make_live(make_application(certificate))
    for_sale(storefront)
    return storefront


# ---------------------------------------------------------------------------------------------
# The list
# ---------------------------------------------------------------------------------------------
def test_lists_live_stores_only(client, huye, course):
    for status in Storefront.Status.values:
        if status != Storefront.Status.LIVE:
            hidden = live_store(course, name=f"Hidden {status}")
            Storefront.objects.filter(pk=hidden.pk).update(status=status)
            assert client.get(store_url(hidden)).status_code == 404, status

    response = client.get(INDEX)
    assert response.status_code == 200
    assert card_names(response) == ["Huye Mountain Coffee"]
    assert "1 storefront" in response.content.decode()


def test_card_shows_district_logo_badge_and_link_out(client, huye):
    body = client.get(INDEX).content.decode()
    application = huye.application
    assert "Huye district" in body
    assert "Coffee" in body
    assert f'src="{application.logo.url}"' in body
    assert 'alt="Logo of Huye Mountain Coffee"' in body
    verify = reverse("certificates:verify", args=[application.certificate.code])
    assert re.search(rf'<a class="badge" href="{re.escape(verify)}">Certified Isoko graduate', body)
    assert (
        f'<a class="btn btn-outline btn-small" href="{huye.public_url}" rel="noopener external">'
        in body
    )
    assert f'href="{store_url(huye)}"' in body
    assert "Washed Bourbon coffee from the hills of Huye." in body
    # No JavaScript of its own: the filter is a plain GET form (the offline app's deferred
    # registration, on every page, is the only script).
    assert "<script" not in body.replace('<script src="/static/js/offline/register.js"', "")


def test_filters_by_sector_and_ignores_bad_values_with_a_note(client, huye, course):
    live_store(course, "Kivu Tea", sector="tea", district="karongi")
    live_store(course, "Nyungwe Crafts", sector="handicrafts", district="nyamasheke")

    assert card_names(client.get(INDEX, {"sector": "tea"})) == ["Kivu Tea"]
    response = client.get(INDEX, {"sector": "tea"})
    assert '<option value="tea" selected>' in response.content.decode()

    response = client.get(INDEX, {"sector": "diamonds"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "That sector does not exist, so every store is shown." in body
    assert sorted(card_names(response)) == ["Huye Mountain Coffee", "Kivu Tea", "Nyungwe Crafts"]
    assert "That sector does not exist" not in client.get(INDEX).content.decode()

    response = client.get(INDEX, {"sector": "tourism"})
    assert card_names(response) == []
    body = response.content.decode()
    assert "No graduate store in Tourism is live yet." in body
    assert 'href="/storefronts/"' in body


def test_newest_first_and_a_store_without_a_live_date_last(client, course):
    # A store live before the live date was recorded (or live by a retry that left it empty).
    undated = live_store(course, "Undated Crafts")
    Storefront.objects.filter(pk=undated.pk).update(went_live_at=None)
    older = live_store(course, "Older Tea")
    Storefront.objects.filter(pk=older.pk).update(went_live_at=timezone.now() - timedelta(days=3))
    live_store(course, "Newest Coffee")
    assert card_names(client.get(INDEX)) == ["Newest Coffee", "Older Tea", "Undated Crafts"]


def test_empty_showcase_explains_how_to_get_a_store(client, db, site):
    body = client.get(INDEX).content.decode()
    assert "No graduate store is live yet." in body
    assert "apply for your own store from your dashboard" in body


def test_pages_keep_the_sector(client, course):
    for i in range(PER_PAGE + 3):
        live_store(course, f"Tea garden {i:02d}", sector="tea")
    live_store(course, "Huye Mountain Coffee")

    first = client.get(INDEX, {"sector": "tea"})
    assert len(card_names(first)) == PER_PAGE
    body = first.content.decode()
    assert 'href="?sector=tea&amp;page=2"' in body
    assert "Page 1 of 2" in body
    second = client.get(INDEX, {"sector": "tea", "page": 2})
    assert len(card_names(second)) == 3
    assert "Huye Mountain Coffee" not in second.content.decode()
    # A page number past the end shows the last page, never an error.
    assert card_names(client.get(INDEX, {"sector": "tea", "page": 99})) == card_names(second)


def test_labels_and_descriptions_follow_the_language(client, huye, course):
    store_path = store_url(huye)  # before any request activates another language
    for _ in range(PER_PAGE):
        live_store(course, "Tea garden", sector="tea", description_fr="", description_zh="")

    english = client.get(INDEX).content.decode()
    assert 'rel="next"' in english and ">Next<" in english

    french = client.get("/fr/storefronts/")
    assert french.status_code == 200
    body = french.content.decode()
    assert '<html lang="fr"' in body
    assert ">Suivant<" in body  # the catalogue's existing label
    # Stores without a French description fall back to English, marked as such for readers.
    assert '<p lang="en">Washed Bourbon coffee from the hills of Huye.</p>' in body
    coffee = client.get("/fr/storefronts/", {"sector": "coffee"}).content.decode()
    assert '<p lang="fr">Café Bourbon lavé des collines de Huye.</p>' in coffee

    chinese = client.get("/zh-hans/storefronts/").content.decode()
    assert '<html lang="zh-hans"' in chinese
    assert ">下一页<" in chinese
    coffee = client.get("/zh-hans/storefronts/", {"sector": "coffee"}).content.decode()
    assert '<p lang="zh-Hans">来自胡耶山丘的水洗波旁咖啡。</p>' in coffee

    store = client.get("/fr" + store_path).content.decode()
    assert "Café Bourbon lavé des collines de Huye." in store
    # Prices in the French way: a (non-breaking) space between thousands, a decimal comma.
    assert re.search(r"12\s000 RWF \(9,50 USD\)", store)


# ---------------------------------------------------------------------------------------------
# One store
# ---------------------------------------------------------------------------------------------
def test_store_page_lists_its_products_for_sale_only(client, huye):
    application = huye.application
    product = application.products.get()
    removed = for_sale(huye, title="Old harvest, 1 kg")
    removed.removed_at = timezone.now()
    removed.save()
    # Everything the marketplace has not approved (yet, or at all) is not for sale.
    for status in ("PENDING", "IN_REVIEW", "", "REJECTED", "DELISTED"):
        hidden = add_product(application, title=f"Hidden {status or 'never synced'}")
        Listing.objects.create(product=hidden, storefront=huye, status=status)
    add_product(application, title="Hidden: no listing yet")
    for_sale(huye, title="Gift box", price_rwf=45000, unit="box", certifications=[])

    response = client.get(store_url(huye))
    assert response.status_code == 200
    body = response.content.decode()
    titles = re.findall(r'<h3 id="product-\d+">([^<]*)</h3>', body)
    assert titles == ["Huye washed Bourbon, 1 kg", "Gift box"]
    assert "Hidden" not in body
    assert "12,000 RWF (9.50 USD) per kilogram" in body
    assert "45,000 RWF (9.50 USD) per box" in body
    assert "5 × kilogram" in body
    assert '<span class="badge">Organic</span> <span class="badge">Fair trade</span>' in body
    image = product.images.get()
    assert f'src="{image.image.url}" alt="A bag of green coffee beans"' in body
    verify = reverse("certificates:verify", args=[application.certificate.code])
    assert f'href="{verify}"' in body
    # One way out to the marketplace, in the store's header.
    assert body.count(f'href="{huye.public_url}" rel="noopener external"') == 1
    assert "<script" not in body.replace('<script src="/static/js/offline/register.js"', "")


def test_an_undescribed_photo_is_decorative(client, huye):
    """Its alt would only repeat the product's title, the heading that follows it."""
    product = huye.application.products.get()
    image = product.images.get()
    image.alt = ""
    image.save()
    body = client.get(store_url(huye)).content.decode()
    assert f'src="{image.image.url}" alt=""' in body


def test_a_store_with_nothing_for_sale_says_so(client, certificate):
    storefront = make_live(make_application(certificate))
    product = add_product(storefront.application, title="Still in review")
    Listing.objects.create(product=product, storefront=storefront, status="PENDING")
    body = client.get(store_url(storefront)).content.decode()
    assert "This store has no product on show right now." in body
    assert "Still in review" not in body
    assert body.count(f'href="{storefront.public_url}"') == 1


def test_store_page_of_an_unknown_or_not_live_store_is_not_found(client, huye):
    assert client.get(reverse("showcase:store", args=[uuid.uuid4()])).status_code == 404
    Storefront.objects.filter(pk=huye.pk).update(status=Storefront.Status.SUSPENDED)
    assert client.get(store_url(huye)).status_code == 404


def test_store_page_query_count_does_not_grow_with_products(
    client, huye, django_assert_max_num_queries
):
    with CaptureQueriesContext(connection) as one:
        client.get(store_url(huye))
    for i in range(10):
        for_sale(huye, title=f"Product {i}")
    with django_assert_max_num_queries(len(one)):
        response = client.get(store_url(huye))
    assert len(re.findall(r'<h3 id="product-\d+">', response.content.decode())) == 11


# ---------------------------------------------------------------------------------------------
# Performance: the same queries for 5 and 500 stores
# ---------------------------------------------------------------------------------------------
def _bulk_live_stores(course, count: int, start: int) -> None:
    """`count` live stores written with bulk_create (five statements whatever the count)."""
    now = timezone.now()
    users = User.objects.bulk_create(
        User(email=f"seller{start + i}@example.com") for i in range(count)
    )
    certificates = Certificate.objects.bulk_create(
        Certificate(
            learner=user,
            course=course,
            name=f"Seller {start + i}",
            course_title=course.title,
            status=Certificate.Status.ISSUED,
            issued_at=now,
            issued_on=now.date(),
            pdf_sha256=hashlib.sha256(str(start + i).encode()).hexdigest(),
        )
        for i, user in enumerate(users)
    )
    sectors = ["coffee", "tea", "handicrafts", "tourism", "other"]
    applications = StorefrontApplication.objects.bulk_create(
        StorefrontApplication(
            applicant=certificate.learner,
            certificate=certificate,
            status=StorefrontApplication.Status.APPROVED,
            trading_name=f"Shop {start + i:04d}",
            district="huye",
            sector=sectors[i % len(sectors)],
            description_en="Rwandan goods.",
            logo=f"marketplace/images/logo{start + i}",
        )
        for i, certificate in enumerate(certificates)
    )
    Storefront.objects.bulk_create(
        Storefront(
            application=application,
            status=Storefront.Status.LIVE,
            public_url=f"http://127.0.0.1:8910/s/st_{start + i}",
            went_live_at=now,
        )
        for i, application in enumerate(applications)
    )


def test_showcase_queries_are_the_same_for_5_and_500_stores(
    client, course, django_assert_max_num_queries
):
    _bulk_live_stores(course, 5, 0)
    with CaptureQueriesContext(connection) as five:
        response = client.get(INDEX)
    assert len(card_names(response)) == 5

    _bulk_live_stores(course, 495, 5)
    assert Storefront.objects.filter(status="live").count() == 500
    with django_assert_max_num_queries(len(five)):
        response = client.get(INDEX)
    assert len(card_names(response)) == PER_PAGE
    assert "500 storefronts" in response.content.decode()
    # Filtered and on a later page, still the same.
    with django_assert_max_num_queries(len(five)):
        response = client.get(INDEX, {"sector": "tea", "page": 3})
    assert len(card_names(response)) == PER_PAGE
    # Measured on SQLite: 2 (the count, then one joined page of stores and certificates).
    assert len(five) <= 3, [q["sql"] for q in five.captured_queries]
