"""A learner finishes a course, finds the certificate on the dashboard, downloads the PDF, and
the public verification page (reached from the dashboard) says it is valid."""

import hashlib
import io
import re

import pytest
from pypdf import PdfReader

from certificates.models import Certificate
from tests.accounts.factories import UserFactory
from tests.courses import factories
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_learner_finishes_downloads_and_verifies(live_server, page, screenshot, site):
    from playwright.sync_api import expect

    catalog = factories.catalog(site)
    course = factories.course(catalog, "Pricing for export", estimated_hours=6)
    module = factories.module(course, "Prices")
    factories.lesson(module, "Landed cost")
    learner = UserFactory(email="zoe@example.com", profile__full_name="Zoë Mukamana Nsengimana")
    base = live_server.url

    log_in(page, base, learner.email)

    page.goto(base + course.url)
    page.get_by_role("button", name="Enrol — it is free").click()
    page.wait_for_url("**/landed-cost/")
    page.get_by_role("button", name="Mark as complete").click()
    # The step is sent by the page (static/js/offline/queue.js); once recorded, the page goes on
    # as the form did. Wait for that: leaving earlier queues the step for the next page.
    page.wait_for_url(lambda url: not url.endswith("/landed-cost/"))

    page.goto(base + "/dashboard/")
    panel = page.locator("section", has=page.locator("#my-certificates"))
    expect(panel.get_by_role("heading", name="Pricing for export")).to_be_visible()
    expect(panel.get_by_role("link", name=re.compile("Add to LinkedIn profile"))).to_be_visible()
    screenshot("certificate-dashboard")

    with page.expect_download() as download_info:
        panel.get_by_role("link", name=re.compile("Download PDF")).click()
    pdf = download_info.value.path().read_bytes()
    certificate = Certificate.objects.get(learner=learner)
    assert hashlib.sha256(pdf).hexdigest() == certificate.pdf_sha256
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Zoë Mukamana Nsengimana" in text and "Pricing for export" in text

    panel.get_by_role("link", name=re.compile("Verification page")).click()
    page.wait_for_url(f"**/certificates/verify/{certificate.code}/")
    expect(page.locator("p.verdict[role=status]")).to_contain_text("Valid")
    expect(page.get_by_text("Zoë Mukamana Nsengimana", exact=True)).to_be_visible()
    expect(page.get_by_text(certificate.pdf_sha256)).to_be_visible()
    screenshot("certificate-verify")

    # Someone else, not logged in, types the code into the lookup form.
    page.context.clear_cookies()
    page.goto(base + "/certificates/verify/")
    page.get_by_label("Certificate code").fill(certificate.code)
    page.get_by_role("button", name="Verify").click()
    page.wait_for_url(f"**/certificates/verify/{certificate.code}/")
    expect(page.locator("p.verdict[role=status]")).to_contain_text("Valid")
