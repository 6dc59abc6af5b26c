"""A form sent twice takes effect once (the token each rendered form carries, forms.FormTokenField).
The concurrent case, two taps at the same instant, is tests/concurrency/test_storefront_bursts.py;
here the second POST comes after the first, as a replayed request or a Back-and-resend does."""

from __future__ import annotations

import re

import pytest

from marketplace_link.models import ExportDocument, Product
from tests.marketplace.conftest import PRODUCT, pdf_bytes, png, upload

ADD_PRODUCT_URL = "/storefront/apply/products/add/"
DOCUMENTS_URL = "/storefront/apply/documents/"

pytestmark = pytest.mark.django_db


def _token(client, url: str) -> str:
    html = client.get(url).content.decode()
    (token,) = re.findall(r'name="form_token" value="([0-9a-f-]{36})"', html)
    return token


def test_each_render_of_a_form_has_its_own_token(graduate_client, draft):
    assert _token(graduate_client, ADD_PRODUCT_URL) != _token(graduate_client, ADD_PRODUCT_URL)


def test_a_product_form_sent_twice_adds_one_product(graduate_client, draft):
    token = _token(graduate_client, ADD_PRODUCT_URL)
    data = {**PRODUCT, "title": "Roasted coffee", "form_token": token}
    for _ in range(2):
        response = graduate_client.post(ADD_PRODUCT_URL, {**data, "new_images": png()})
        assert response.status_code == 302 and response["Location"] == "/storefront/apply/products/"
    assert Product.objects.filter(application=draft, title="Roasted coffee").count() == 1
    # A new render is a new form: it adds another.
    data["form_token"] = _token(graduate_client, ADD_PRODUCT_URL)
    graduate_client.post(ADD_PRODUCT_URL, {**data, "new_images": png()})
    assert Product.objects.filter(application=draft, title="Roasted coffee").count() == 2


def test_a_refused_form_keeps_its_token_unspent(graduate_client, draft):
    token = _token(graduate_client, DOCUMENTS_URL)
    fake = upload("origin.pdf", b"<html>not a pdf</html>", "application/pdf")
    response = graduate_client.post(
        DOCUMENTS_URL, {"kind": "origin", "file": fake, "form_token": token}
    )
    assert response.status_code == 200
    assert f'value="{token}"' in response.content.decode()  # the same form, shown again
    good = upload("origin.pdf", pdf_bytes(), "application/pdf")
    graduate_client.post(DOCUMENTS_URL, {"kind": "origin", "file": good, "form_token": token})
    assert ExportDocument.objects.filter(application=draft).count() == 1
