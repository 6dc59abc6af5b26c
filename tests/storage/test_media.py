"""Media on the media bucket: Wagtail images and their renditions (public, plain URLs) and Wagtail
documents (in the same bucket, but only through Wagtail's checking view)."""

import urllib.request

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

from tests.accounts.factories import UserFactory
from tests.courses.test_query_counts import png

pytestmark = [pytest.mark.storage, pytest.mark.django_db]


def test_an_image_and_its_rendition_live_on_the_media_bucket_and_are_public(s3_storage):
    image = Image.objects.create(title="Beans", file=png(3))
    image = Image.objects.get(pk=image.pk)  # the original is read back from S3, not from memory
    rendition = image.get_rendition("format-webp|width-40")
    keys = s3_storage.keys(s3_storage.media_bucket)
    assert image.file.name in keys and rendition.file.name in keys
    assert image.file.name.startswith("original_images/")
    assert rendition.file.name.startswith("images/")
    assert s3_storage.keys(s3_storage.private_bucket) == []

    # Its URL is the bucket's own, plain (no signature to expire in a cached page).
    url = rendition.url
    assert url.startswith(f"{s3_storage.endpoint_url}/{s3_storage.media_bucket}/images/")
    assert "Signature" not in url
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback)
        body = response.read()
        cache_control = response.headers["Cache-Control"]
    assert body[:4] == b"RIFF" and body[8:12] == b"WEBP"
    assert cache_control == "public, max-age=2592000"
    # Made from the original read back from S3 (60 × 40): 40 px wide, as asked.
    assert (rendition.width, rendition.height) == (40, 26)


def test_a_document_is_served_by_wagtails_view_and_never_by_its_bucket_url(s3_storage, client):
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    document = Document.objects.create(
        title="Price list", file=ContentFile(b"%PDF-1.4 prices", name="prices.pdf"), collection=root
    )
    assert document.file.name in s3_storage.keys(s3_storage.media_bucket)
    status, body = s3_storage.anonymous_get(s3_storage.media_bucket, document.file.name)
    assert status == 403 and b"prices" not in body

    # The view's checks apply as on the local disk (lms/document_access.py: a document nothing
    # shows is its uploader's and staff's): a visitor is sent to log in, someone else refused,
    # the uploader gets the bytes, streamed from S3.
    document.uploaded_by_user = UserFactory(email="uploader@example.com")
    document.save()
    refused = client.get(document.url)
    assert refused.status_code == 302 and "/accounts/login/" in refused["Location"]
    client.force_login(UserFactory(email="someone@example.com"))
    assert client.get(document.url).status_code == 403
    client.force_login(document.uploaded_by_user)
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 prices"
