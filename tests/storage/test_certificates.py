"""Certificate PDFs on the private bucket: written there by the issuing service, read back through
the verification page's download, never readable by a plain URL."""

import io

import pypdf
import pytest
from django.urls import reverse

from certificates.models import Certificate

pytestmark = [pytest.mark.storage, pytest.mark.django_db]


def test_an_issued_pdf_is_written_to_the_private_bucket_and_read_back(s3_storage, issued, client):
    certificate = Certificate.objects.get(pk=issued.pk)
    key = certificate.pdf.name
    assert key == f"certificates/{certificate.code[:2]}/{certificate.code}.pdf"
    # On S3, in the private bucket, and nowhere else.
    assert s3_storage.keys(s3_storage.private_bucket) == [key]
    assert s3_storage.keys(s3_storage.media_bucket) == []
    stored = s3_storage.client().get_object(Bucket=s3_storage.private_bucket, Key=key)
    pdf = stored["Body"].read()
    text = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Éric Ngabo Uwimana" in text and "Selling coffee online" in text

    response = client.get(reverse("certificates:download", args=[certificate.code]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == pdf

    # A stranger who guesses the object's address gets nothing from the S3 server.
    status, body = s3_storage.anonymous_get(s3_storage.private_bucket, key)
    assert status == 403 and b"%PDF" not in body
