"""Double taps on every step of the storefront application: start, save details,
upload the logo, add a document, add a product, add a photo to it, remove them. No 5xx, one
effect, and the same answer for every tap.

Each form is first rendered, as the browser shows it, and every tap sends what that one page
holds (its hidden fields included): two taps on one button are two POSTs of one form.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from marketplace_link.models import ExportDocument, Product, ProductImage, StorefrontApplication
from tests.marketplace.conftest import DETAILS, PRODUCT, image_bytes, pdf_bytes

pytestmark = pytest.mark.django_db(transaction=True)

PRODUCTS = reverse("marketplace_link:apply_products")


def hidden_fields(user, url: str) -> dict:
    """The hidden inputs of the page's form (but the CSRF token: the burst sends its own)."""
    client = Client()
    client.force_login(user)
    html = client.get(url).content.decode()
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))
    fields.pop("csrfmiddlewaretoken", None)
    return fields


def answers(replies) -> set:
    return {(reply.status, reply.location, tuple(reply.messages())) for reply in replies}


def photo(name: str = "photo.png") -> tuple:
    return (name, image_bytes(), "image/png")


def test_a_graduate_double_taps_every_step_of_the_application(burst, graduate):
    replies = burst(reverse("marketplace_link:apply_start"), user=graduate, n=4)
    assert {(r.status, r.location) for r in replies} == {
        (302, reverse("marketplace_link:apply_details"))
    }
    application = StorefrontApplication.objects.get(applicant=graduate)

    url = reverse("marketplace_link:apply_details")
    replies = burst(url, user=graduate, n=4, form={**DETAILS, "continue": ""})
    assert answers(replies) == {
        (302, reverse("marketplace_link:apply_images"), ("Business details saved.",))
    }

    url = reverse("marketplace_link:apply_images")
    replies = burst(url, user=graduate, n=4, files={"logo": [photo("logo.png")]})
    assert answers(replies) == {(302, url, ("Images saved.",))}
    application.refresh_from_db()
    assert application.logo

    url = reverse("marketplace_link:apply_documents")
    form = {**hidden_fields(graduate, url), "kind": "origin"}
    document = ("origin.pdf", pdf_bytes(), "application/pdf")
    replies = burst(url, user=graduate, n=4, form=form, files={"file": [document]})
    assert answers(replies) == {(302, url, ("Document added.",))}
    # Before: one document per tap.
    assert ExportDocument.objects.filter(application=application).count() == 1

    url = reverse("marketplace_link:apply_product_add")
    form = {**hidden_fields(graduate, url), **PRODUCT}
    replies = burst(url, user=graduate, n=4, form=form, files={"new_images": [photo()]})
    saved = ("Product “Green coffee, fully washed” saved.",)
    assert answers(replies) == {(302, PRODUCTS, saved)}
    # Before: one product (with its photo) per tap.
    product = Product.objects.get(application=application)
    assert ProductImage.objects.filter(product=product).count() == 1

    url = reverse("marketplace_link:apply_product_edit", args=[product.pk])
    form = {**hidden_fields(graduate, url), **PRODUCT}
    replies = burst(url, user=graduate, n=4, form=form, files={"new_images": [photo("2.png")]})
    assert answers(replies) == {(302, PRODUCTS, saved)}
    # Before: the new photo once per tap.
    assert ProductImage.objects.filter(product=product).count() == 2

    document = ExportDocument.objects.get(application=application)
    url = reverse("marketplace_link:apply_document_remove", args=[document.pk])
    replies = burst(url, user=graduate, n=4)
    assert {r.status for r in replies} <= {302, 404}
    assert not ExportDocument.objects.filter(application=application).exists()

    url = reverse("marketplace_link:apply_product_remove", args=[product.pk])
    replies = burst(url, user=graduate, n=4)
    assert {r.status for r in replies} <= {302, 404}
    assert not Product.objects.filter(application=application).exists()
