"""Certificate PDFs on the private bucket: written there by the issuing service, read back through
the verification page's download, never readable by a plain URL."""

import io

import pypdf
import pytest
from django.test import Client
from django.urls import reverse

from certificates.models import Certificate
from certificates.services import certificate_revoke
from tests.accounts.factories import UserFactory

# The real renderer: the PDF read back from S3 is opened and its text read.
pytestmark = [pytest.mark.storage, pytest.mark.real_pdf, pytest.mark.django_db]


def download(client, certificate):
    return client.get(reverse("certificates:download", args=[certificate.code]))


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

    response = download(client, certificate)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == pdf

    # A stranger who guesses the object's address gets nothing from the S3 server.
    status, body = s3_storage.anonymous_get(s3_storage.private_bucket, key)
    assert status == 403 and b"%PDF" not in body


def test_a_revoked_pdf_goes_to_its_learner_only(s3_storage, issued, learner):
    certificate_revoke(certificate=issued, actor=None, reason="Issued by mistake")
    certificate = Certificate.objects.get(pk=issued.pk)
    assert certificate.status == Certificate.Status.REVOKED

    assert download(Client(), certificate).status_code == 404
    stranger = Client()
    stranger.force_login(UserFactory(email="stranger@example.com"))
    assert download(stranger, certificate).status_code == 404

    own = Client()
    own.force_login(learner)
    response = download(own, certificate)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
