"""Every address of a certificate is built from one base URL (WAGTAILADMIN_BASE_URL, which in dev
follows the port `make run` serves on): the PDF's QR code and "Verify at" line, the signed
credential's ids, the LinkedIn link, the e-mail, and the verify page's JSON. A visitor who reached
the site by another name (localhost rather than 127.0.0.1, a second host name) still gets the
certificate's one canonical address, the one signed into its credential."""

import pytest
from django.core import mail
from django.urls import reverse

from certificates.selectors import linkedin_add_url

pytestmark = pytest.mark.django_db

BASE = "http://127.0.0.1:8123"


def test_the_verify_json_names_the_canonical_addresses_whatever_the_host(client, issued, settings):
    settings.WAGTAILADMIN_BASE_URL = BASE
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "isoko.localhost"]
    verify = reverse("certificates:verify", args=[issued.code])
    facts = client.get(
        verify, HTTP_ACCEPT="application/json", HTTP_HOST="isoko.localhost:8123"
    ).json()
    assert facts["verify_url"] == BASE + verify
    assert facts["pdf_url"] == BASE + reverse("certificates:download", args=[issued.code])
    assert facts["credential_url"] == BASE + reverse("certificates:credential", args=[issued.code])


def test_credential_linkedin_and_email_agree_on_the_verify_address(issued, settings):
    from certificates.credential import credential_unsigned
    from certificates.emails import certificate_email_send

    settings.WAGTAILADMIN_BASE_URL = BASE
    verify = BASE + reverse("certificates:verify", args=[issued.code])
    document = credential_unsigned(issued)
    assert document["id"] == verify
    assert document["issuer"]["id"].startswith(BASE + "/")
    assert document["credentialStatus"]["statusListCredential"].startswith(BASE + "/")
    assert f"certUrl={verify.replace(':', '%3A').replace('/', '%2F')}" in linkedin_add_url(issued)
    issued.emailed_at = None
    issued.save(update_fields=["emailed_at"])
    mail.outbox.clear()
    assert certificate_email_send(certificate_id=issued.pk)
    assert verify in mail.outbox[0].body and f"{BASE}/dashboard/" in mail.outbox[0].body
