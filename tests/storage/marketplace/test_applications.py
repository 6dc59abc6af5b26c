"""A storefront application's files on S3: export documents and kept uploads in the private bucket
(only their applicant and reviewers get them, through our views), logos in the media bucket
(public: the marketplace fetches them by URL)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from marketplace_link.models import ExportDocument, StagedUpload, StorefrontApplication
from marketplace_link.outbox.payloads import store_payload
from tests.accounts.factories import UserFactory
from tests.marketplace.conftest import image_bytes, pdf_bytes, png, upload

pytestmark = [pytest.mark.storage, pytest.mark.django_db]

DOCUMENTS_URL = "/storefront/apply/documents/"
IMAGES_URL = "/storefront/apply/images/"
FAKE = b"<!DOCTYPE html><html><body>not an image</body></html>"


@pytest.fixture
def application(s3_storage, graduate_client):
    # The graduate's certificate went to S3 too; this test's files are what comes next.
    s3_storage.empty_buckets()
    graduate_client.post("/storefront/apply/start/")
    return StorefrontApplication.objects.get()


def stranger() -> Client:
    client = Client()
    client.force_login(UserFactory(email="stranger@example.com"))
    return client


def test_an_export_document_is_private_on_s3_and_served_to_its_applicant_only(
    s3_storage, graduate_client, application
):
    content = pdf_bytes()
    graduate_client.post(DOCUMENTS_URL, {"kind": "origin", "file": upload("origin.pdf", content)})
    document = ExportDocument.objects.get()
    key = document.file.name
    assert key.startswith(f"marketplace/documents/{application.public_id}/")
    assert s3_storage.keys(s3_storage.private_bucket) == [key]
    assert s3_storage.keys(s3_storage.media_bucket) == []
    status, body = s3_storage.anonymous_get(s3_storage.private_bucket, key)
    assert status == 403 and body != content

    url = reverse("marketplace_link:document_download", args=[document.pk])
    response = graduate_client.get(url)
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == content
    assert Client().get(url).status_code == 302  # log in first
    assert stranger().get(url).status_code == 404


def test_a_kept_upload_is_private_on_s3_and_the_applicants_alone(
    s3_storage, graduate_client, application, django_capture_on_commit_callbacks
):
    banner = image_bytes(1200, 300)
    html = graduate_client.post(
        IMAGES_URL, {"logo": upload("logo.jpg", FAKE), "banner": upload("b.png", banner)}
    ).content.decode()
    [token] = re.findall(r'name="kept" value="([^"]+)"', html)
    kept = StagedUpload.objects.get()
    assert s3_storage.keys(s3_storage.private_bucket) == [kept.file.name]
    assert kept.file.name.startswith(f"marketplace/staged/{application.public_id}/")
    assert s3_storage.anonymous_get(s3_storage.private_bucket, kept.file.name)[0] == 403

    url = f"/storefront/apply/kept/{token}/"
    response = graduate_client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert Client().get(url).status_code == 302
    assert stranger().get(url).status_code == 404

    # Used on the next save: the banner moves to the public media bucket, the kept file goes
    # (once the save is committed).
    with django_capture_on_commit_callbacks(execute=True):
        response = graduate_client.post(IMAGES_URL, {"logo": png("l.png", 256, 256), "kept": token})
    assert response.status_code == 302
    application.refresh_from_db()
    assert not StagedUpload.objects.exists()
    assert s3_storage.keys(s3_storage.private_bucket) == []
    media = s3_storage.keys(s3_storage.media_bucket)
    assert sorted([application.logo.name, application.banner.name]) == media


def test_a_logo_is_public_on_the_media_bucket_and_sent_to_the_marketplace_by_its_url(
    s3_storage, graduate_client, application
):
    response = graduate_client.post(IMAGES_URL, {"logo": png("logo.png", 256, 256)})
    assert response.status_code == 302
    application.refresh_from_db()
    key = application.logo.name
    assert key.startswith("marketplace/images/") and key.endswith(".png")
    status, body = s3_storage.anonymous_get(s3_storage.media_bucket, key)
    assert status == 200 and body.startswith(b"\x89PNG")
    # The applicant's page shows it from the bucket, and its CSP lets the browser load it there.
    page = graduate_client.get(IMAGES_URL)
    assert f'src="{application.logo.url}"' in page.content.decode()
    assert f"img-src 'self' data: {s3_storage.endpoint_url};" in page["Content-Security-Policy"]
    # The marketplace is given the bucket's URL as it is, not glued onto the site's address.
    logo_url = store_payload(application)["logo_url"]
    assert logo_url == f"{s3_storage.endpoint_url}/{s3_storage.media_bucket}/{key}"
