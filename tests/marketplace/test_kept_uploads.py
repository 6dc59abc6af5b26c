"""Files that passed their checks in a form that failed are kept
(marketplace_link/application/staging.py): the applicant never chooses them again, nobody else can
reach them, and unused ones are swept."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from marketplace_link.application import staging
from marketplace_link.models import ExportDocument, Product, StagedUpload, StorefrontApplication
from tests.accounts.factories import UserFactory
from tests.marketplace.conftest import PRODUCT, image_bytes, pdf_bytes, png, upload

IMAGES_URL = "/storefront/apply/images/"
DOCUMENTS_URL = "/storefront/apply/documents/"
ADD_PRODUCT_URL = "/storefront/apply/products/add/"
FAKE = b"<!DOCTYPE html><html><body>not an image</body></html>"


@pytest.fixture
def application(graduate_client):
    graduate_client.post("/storefront/apply/start/")
    return StorefrontApplication.objects.get()


def kept_tokens(html: str) -> list[str]:
    return re.findall(r'name="kept" value="([^"]+)"', html)


def stored_bytes(field_file) -> bytes:
    with field_file.open("rb") as handle:
        return handle.read()


def test_good_photos_of_a_failed_product_are_kept_and_used_on_the_next_save(
    graduate_client, application, django_capture_on_commit_callbacks
):
    first, second = image_bytes(600, 600), image_bytes(800, 640, "JPEG")
    photos = [upload("terrace.png", first, "image/png"), upload("cherries.jpg", second)]
    html = graduate_client.post(
        ADD_PRODUCT_URL, {**PRODUCT, "hs_code": "0901", "new_images": photos}
    ).content.decode()
    assert "An HS code is 6 digits" in html
    assert "Photo: terrace.png" in html and "800 × 640" in html
    tokens = kept_tokens(html)
    assert len(tokens) == 2 and not Product.objects.exists()
    kept = list(StagedUpload.objects.order_by("pk"))
    assert [item.scope for item in kept] == ["product:new", "product:new"]
    kept_bytes = [stored_bytes(item.file) for item in kept]
    # Private, named by sniffed type, never by the uploaded name.
    assert str(django_settings.MEDIA_ROOT) not in kept[0].file.path
    assert kept[1].file.name.endswith(".jpg") and "cherries" not in kept[1].file.name

    # The learner fixes the HS code only; no file is chosen again.
    with django_capture_on_commit_callbacks(execute=True):
        response = graduate_client.post(ADD_PRODUCT_URL, {**PRODUCT, "kept": tokens})
    assert response.status_code == 302
    product = Product.objects.get()
    # The very files kept are saved (as published: re-encoded, see test_application_uploads).
    saved = [stored_bytes(image.image) for image in product.images.order_by("pk")]
    assert saved == kept_bytes and saved[0].startswith(b"\x89PNG") and saved[1][:2] == b"\xff\xd8"
    assert not StagedUpload.objects.exists()
    assert not any(item.file.storage.exists(item.file.name) for item in kept)


def test_of_several_photos_the_good_ones_are_kept_and_the_bad_one_named(
    graduate_client, application
):
    photos = [png("good.png"), upload("fake.jpg", FAKE, "image/jpeg")]
    html = graduate_client.post(ADD_PRODUCT_URL, {**PRODUCT, "new_images": photos}).content
    html = html.decode()
    assert "fake.jpg: This file is not a PNG, JPEG or WebP image" in html
    assert "Photo: good.png" in html and len(kept_tokens(html)) == 1
    # Kept photos count towards the six-photo limit like new ones.
    six = [png(f"p{n}.png") for n in range(6)]
    html = graduate_client.post(
        ADD_PRODUCT_URL, {**PRODUCT, "kept": kept_tokens(html), "new_images": six}
    ).content.decode()
    assert "A product has at most 6 photos." in html
    assert len(kept_tokens(html)) == 7 and not Product.objects.exists()


def test_a_kept_banner_is_saved_with_a_good_logo_and_replaced_by_a_newer_one(
    graduate_client, application
):
    banner = image_bytes(1200, 300)
    html = graduate_client.post(
        IMAGES_URL, {"logo": upload("logo.jpg", FAKE), "banner": upload("b.png", banner)}
    ).content.decode()
    [token] = kept_tokens(html)
    assert "Banner: b.png" in html and 'src="/storefront/apply/kept/' in html
    # A second failed try with a newer banner: the newer one replaces the kept one.
    newer = image_bytes(1600, 400)
    html = graduate_client.post(
        IMAGES_URL,
        {"logo": upload("logo.jpg", FAKE), "banner": upload("b2.png", newer), "kept": [token]},
    ).content.decode()
    [token] = kept_tokens(html)
    assert "b2.png" in html and "Banner: b.png" not in html
    newer_kept = StagedUpload.objects.get()
    assert (newer_kept.width, newer_kept.height) == (1600, 400)
    newer_bytes = stored_bytes(newer_kept.file)

    response = graduate_client.post(IMAGES_URL, {"logo": png("l.png", 256, 256), "kept": token})
    assert response.status_code == 302
    application.refresh_from_db()
    assert stored_bytes(application.banner) == newer_bytes and application.logo
    assert not StagedUpload.objects.exists()


def test_an_unticked_kept_file_is_let_go(graduate_client, application):
    html = graduate_client.post(
        IMAGES_URL, {"logo": upload("logo.jpg", FAKE), "banner": png("b.png", 1200, 300)}
    ).content.decode()
    assert len(kept_tokens(html)) == 1
    # Unticked (no "kept" in the POST), with another failing logo: nothing is kept any more.
    html = graduate_client.post(IMAGES_URL, {"logo": upload("logo.jpg", FAKE)}).content.decode()
    assert kept_tokens(html) == [] and not StagedUpload.objects.exists()


def test_a_document_whose_type_was_not_chosen_is_kept_until_it_is(
    graduate_client, application, settings
):
    content = pdf_bytes()
    response = graduate_client.post(DOCUMENTS_URL, {"kind": "", "file": upload("rdb.pdf", content)})
    html = response.content.decode()
    assert response.status_code == 200 and "Document type" in html and "required" in html
    assert "Document: rdb.pdf" in html and not ExportDocument.objects.exists()
    [file_input] = re.findall(r'<input type="file" name="file"[^>]*>', html)
    assert " required" not in file_input  # the kept file will do
    # Only the type this time: the file field is no longer required, the kept file is used.
    response = graduate_client.post(DOCUMENTS_URL, {"kind": "origin", "kept": kept_tokens(html)})
    assert response.status_code == 302
    document = ExportDocument.objects.get()
    assert (document.kind, document.original_name) == ("origin", "rdb.pdf")
    assert stored_bytes(document.file) == content
    assert str(settings.MEDIA_ROOT) not in document.file.path


def test_the_form_offers_kept_files_again_when_the_learner_comes_back(graduate_client, application):
    graduate_client.post(ADD_PRODUCT_URL, {**PRODUCT, "hs_code": "1", "new_images": [png()]})
    html = graduate_client.get(ADD_PRODUCT_URL).content.decode()
    assert len(kept_tokens(html)) == 1 and "Kept from your last try" in html
    # Another form of the same application does not offer it.
    assert kept_tokens(graduate_client.get(IMAGES_URL).content.decode()) == []


def test_kept_files_are_the_applicants_alone(
    graduate_client, application, qualifying_course, django_capture_on_commit_callbacks
):
    from django.test import Client

    from tests.marketplace.conftest import issue_certificate

    client = Client()  # graduate_client is the "client" fixture, logged in

    html = graduate_client.post(
        ADD_PRODUCT_URL, {**PRODUCT, "hs_code": "1", "new_images": [png()]}
    ).content.decode()
    [token] = kept_tokens(html)
    url = f"/storefront/apply/kept/{token}/"
    response = graduate_client.get(url)
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")

    assert client.get(url).status_code == 302  # anonymous: log in first
    other = UserFactory(email="other@example.com")
    issue_certificate(qualifying_course, other, django_capture_on_commit_callbacks)
    client.force_login(other)
    assert client.get(url).status_code == 404
    # Another graduate posting the token to their own form gets no photo out of it.
    client.post("/storefront/apply/start/")
    html = client.post(ADD_PRODUCT_URL, {**PRODUCT, "kept": [token]}).content.decode()
    assert "Add at least one photo of the product." in html
    assert not Product.objects.exists() and StagedUpload.objects.filter(token=token).exists()


def test_unused_kept_files_are_swept_after_a_day(
    graduate_client, application, django_capture_on_commit_callbacks
):
    graduate_client.post(ADD_PRODUCT_URL, {**PRODUCT, "hs_code": "1", "new_images": [png()]})
    item = StagedUpload.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        assert staging.sweep() == 0
    StagedUpload.objects.update(created_at=timezone.now() - timedelta(days=1, minutes=1))
    # Stale ones are neither offered nor usable...
    assert kept_tokens(graduate_client.get(ADD_PRODUCT_URL).content.decode()) == []
    with django_capture_on_commit_callbacks(execute=True):
        assert staging.sweep() == 1
    # ...and then gone, file and all.
    assert not StagedUpload.objects.exists()
    assert not item.file.storage.exists(item.file.name)
    tasks = {entry["task"] for entry in django_settings.CELERY_BEAT_SCHEDULE.values()}
    assert "marketplace_link.sweep_kept_uploads" in tasks


def test_failed_posts_cannot_pile_up_kept_files(graduate_client, application, settings):
    settings.ISOKO_MARKETPLACE_UPLOAD_RATE_LIMIT = 100
    tokens: list[str] = []
    for _ in range(3):
        html = graduate_client.post(
            ADD_PRODUCT_URL,
            {**PRODUCT, "hs_code": "1", "kept": tokens, "new_images": [png() for _ in range(5)]},
        ).content.decode()
        tokens = kept_tokens(html)
    assert StagedUpload.objects.count() == staging.MAX_KEPT == len(tokens)


@pytest.mark.parametrize("token", ["a\x00b", "x" * 300, "%", "é"])
def test_a_kept_file_address_of_any_shape_is_not_found(graduate_client, application, token):
    """Found by tests/fuzz: a NUL in the token of /storefront/apply/kept/<token>/ reached
    PostgreSQL (DataError, a 500)."""
    from django.urls import reverse

    response = graduate_client.get(reverse("marketplace_link:apply_kept_file", args=[token]))
    assert response.status_code == 404
