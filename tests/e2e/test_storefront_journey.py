"""The storefront journey end to end: a graduate applies for a storefront with one product through
the real pages, a storefront reviewer (with TOTP) approves it in the Wagtail admin, the approval
provisions the store in the sandbox marketplace (a real subprocess), the sandbox reviews it and says
so by a signed webhook to this live Isoko, and the public showcase then shows the store with the
certificate badge; the sandbox's own seller page shows it live too.

Tasks run eagerly under the test settings, so the approval request itself delivers the outbox
message once its transaction commits.
"""

from __future__ import annotations

import io
import re
import time

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from django.utils import timezone
from PIL import Image

from lms.models import Completion, Enrolment
from marketplace_link.models import Listing, Storefront, StorefrontApplication
from marketplace_link.setup import storefront_review_setup
from tests.accounts.factories import PASSWORD, UserFactory
from tests.courses import factories
from tests.e2e.conftest import log_in
from tests.sandbox.server import start_sandbox

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LIVE_TIMEOUT = 20.0


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (11, 93, 59)).save(buffer, "PNG")
    return buffer.getvalue()


def upload(name: str, width: int, height: int) -> dict:
    return {"name": name, "mimeType": "image/png", "buffer": png(width, height)}


def graduate(site):
    """A learner holding a certificate of a storefront course, issued the way the task does."""
    from certificates.services import certificate_issue_for_completion
    from courses.models import CertificateTemplate

    template = CertificateTemplate.objects.create(
        name="Isoko standard",
        signatory_name="Claudine Mukamana",
        signatory_title="Programme director",
    )
    course = factories.course(
        factories.catalog(site),
        "Coffee seller readiness",
        certificate_template=template,
        qualifies_for_storefront=True,
    )
    learner = UserFactory(email="aline.e2e@example.com", profile__full_name="Aline Uwase")
    enrolment = Enrolment.objects.create(
        learner=learner,
        course=course,
        status=Enrolment.Status.COMPLETED,
        completed_at=timezone.now(),
    )
    completion = Completion.objects.create(enrolment=enrolment, completed_at=timezone.now())
    certificate = certificate_issue_for_completion(completion_id=completion.pk)
    assert certificate.status == "issued"
    return learner, certificate


def storefront_reviewer():
    user = UserFactory(
        email="storefront.reviewer.e2e@example.com", profile__full_name="Jean-Paul Habimana"
    )
    user.groups.add(storefront_review_setup())
    secret = pyotp.random_base32()
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": secret})
    return user, secret


def wait_until(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while not (result := predicate()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)
    return result


@pytest.fixture
def sandbox(live_server, settings, tmp_path):
    """The sandbox marketplace, its webhooks signed to this live Isoko, Isoko pointed at it."""
    sandbox = start_sandbox(
        tmp_path,
        SANDBOX_WEBHOOK_URL=live_server.url + "/marketplace/webhooks/",
        SANDBOX_REVIEW_DELAY="0.3",
    )
    settings.ISOKO_MARKETPLACE_URL = sandbox.url
    settings.ISOKO_MARKETPLACE_KEY_ID = sandbox.key_id
    settings.ISOKO_MARKETPLACE_SECRET = sandbox.secret
    settings.ISOKO_MARKETPLACE_CONNECT_TIMEOUT = 2.0
    settings.ISOKO_MARKETPLACE_READ_TIMEOUT = 5.0
    # Logo and photo URLs sent to the marketplace are absolute: make them this live server's, so
    # the sandbox's seller page loads the logo from here.
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    yield sandbox
    sandbox.stop()


def test_graduate_applies_reviewer_approves_store_goes_live(
    live_server, sandbox, settings, tmp_path, page, screenshot, chromium, screenshot_dir, site
):
    from playwright.sync_api import expect

    # The certificate is signed with a key of this test's own, as tests/marketplace/ does.
    settings.ISOKO_CREDENTIAL_KEYFILE = tmp_path / "credential-keys.json"
    learner, certificate = graduate(site)
    reviewer, reviewer_secret = storefront_reviewer()
    base = live_server.url

    # --- The graduate logs in and opens the application from the dashboard -------------------
    log_in(page, base, learner.email)
    panel = page.locator("section", has=page.locator("#my-storefront"))
    panel.get_by_role("link", name="Open your storefront").click()
    page.wait_for_url("**/storefront/apply/")
    page.get_by_role("button", name="Start my application").click()
    page.wait_for_url("**/storefront/apply/details/")

    # Step 1: business details.
    page.get_by_label("Legal name").fill("Inzozi Coffee Ltd")
    page.get_by_label("Trading name").fill("Inzozi Coffee")
    page.get_by_label("Company registration number").fill("102 345 678")
    page.get_by_label("TIN", exact=True).fill("101234567")
    page.get_by_label("District").select_option(label="Huye")
    page.get_by_label("Sector").select_option(label="Coffee")
    page.get_by_label("Contact phone").fill("+250 788 123 456")
    page.get_by_label("Contact e-mail").fill("sales@inzozi.example")
    page.get_by_label("Description (English)").fill("Washed Bourbon from the hills of Huye.")
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/storefront/apply/images/")

    # Step 2: the logo (256 px square: within 128 px … 4000 px and 2 MB).
    page.get_by_label("Logo").set_input_files(upload("inzozi-logo.png", 256, 256))
    page.get_by_role("button", name="Upload and continue").click()
    page.wait_for_url("**/storefront/apply/documents/")

    # Step 3 is optional; step 4: one product with one photo.
    page.get_by_role("link", name="Continue to products").click()
    page.wait_for_url("**/storefront/apply/products/")
    page.get_by_role("link", name="Add a product").click()
    page.wait_for_url("**/storefront/apply/products/add/")
    page.get_by_label("Title").fill("Green coffee, fully washed")
    page.get_by_label("Description").fill("Grade A1, screen 15+, sun-dried on raised beds.")
    page.get_by_label("Category").select_option(label="Coffee")
    page.get_by_label("Organic").check()
    page.get_by_label("Price (RWF)").fill("12000")
    page.get_by_label("Price (USD)").fill("9.50")
    page.get_by_label("Unit").select_option(label="kilogram")
    page.get_by_label("Minimum order quantity").fill("10")
    page.get_by_label("Stock").fill("600")
    page.get_by_label("HS code").fill("090111")
    page.get_by_label("Origin district").select_option(label="Huye")
    page.get_by_label("Photos").set_input_files(upload("beans.png", 640, 480))
    page.get_by_role("button", name="Save product").click()
    page.wait_for_url("**/storefront/apply/products/")
    expect(page.get_by_role("heading", name="Green coffee, fully washed")).to_be_visible()

    # Step 5: submit.
    page.locator("p.actions").get_by_role("link", name="Review and submit").click()
    page.wait_for_url("**/storefront/apply/submit/")
    expect(page.get_by_text("Your application is complete.")).to_be_visible()
    page.get_by_role("button", name="Send my application").click()
    page.wait_for_url("**/storefront/apply/")
    expect(page.get_by_text("Submitted for review")).to_be_visible()
    screenshot("storefront-application-overview")
    application = StorefrontApplication.objects.get(applicant=learner)
    assert application.status == StorefrontApplication.Status.SUBMITTED
    assert application.certificate_id == certificate.pk
    assert application.registration_number == "102345678"
    assert application.contact_phone == "+250788123456"
    assert application.logo.name.startswith("marketplace/images/")
    product = application.products.get()
    assert product.images.count() == 1 and product.certifications == ["organic"]

    # --- A storefront reviewer approves it in the Wagtail admin ------------------------------
    admin_context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    admin = admin_context.new_page()
    admin.set_default_timeout(20_000)
    admin_problems: list[str] = []
    admin.on("console", lambda m: admin_problems.append(m.text) if m.type == "error" else None)
    admin.on("pageerror", lambda exc: admin_problems.append(str(exc)))
    try:
        admin.goto(base + "/admin/")
        admin.wait_for_url("**/accounts/login/**")
        admin.get_by_label("Email").fill(reviewer.email)
        admin.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
        admin.get_by_role("button", name="Log in", exact=True).click()
        admin.wait_for_url("**/2fa/authenticate/**")
        admin.get_by_label("Code").fill(pyotp.TOTP(reviewer_secret).now())
        admin.get_by_role("button", name=re.compile("^(Log in|Confirm)$")).click()
        admin.wait_for_url("**/admin/**")
        admin.goto(base + "/admin/storefronts/applications/")
        admin.get_by_role("link", name="Inzozi Coffee").first.click()
        admin.wait_for_url(f"**/admin/storefronts/applications/{application.pk}/")
        admin.get_by_role("button", name="Approve the application").click()
        admin.wait_for_url(f"**/admin/storefronts/applications/{application.pk}/")
        expect(admin.get_by_text(re.compile("Approved “Inzozi Coffee”"))).to_be_visible()
        admin.screenshot(path=str(screenshot_dir / "storefront-admin-approved.png"), full_page=True)
    finally:
        admin_context.close()
    assert not admin_problems, admin_problems
    application.refresh_from_db()
    assert application.status == StorefrontApplication.Status.APPROVED
    assert application.decided_by_id == reviewer.pk

    # --- The sandbox reviews the store and says so by webhook: the storefront goes live ------
    def live():
        storefront = Storefront.objects.filter(application=application).first()
        return storefront if storefront and storefront.status == Storefront.Status.LIVE else None

    try:
        storefront = wait_until(live, LIVE_TIMEOUT, "the storefront to go live")
    except AssertionError:
        pytest.fail(
            f"{Storefront.objects.filter(application=application).values().first()}\n"
            f"--- sandbox ---\n{sandbox.log()[-3000:]}"
        )
    assert storefront.marketplace_store_id and storefront.public_url
    assert storefront.public_url.endswith(f"/s/{storefront.marketplace_store_id}")
    listing = wait_until(
        lambda: Listing.objects.filter(product=product, status="ACTIVE").first(),
        LIVE_TIMEOUT,
        "the listing to be approved",
    )
    assert listing.marketplace_product_id
    stats = sandbox.stats()

    # --- The seller's dashboard card: the store is live, with its link and no order yet -----
    page.goto(base + "/dashboard/")
    panel = page.locator("section", has=page.locator("#my-storefront"))
    expect(panel.locator(".facts")).to_contain_text("Live")
    expect(panel.get_by_role("link", name=storefront.public_url)).to_be_visible()
    screenshot("storefront-dashboard-live")

    # --- The public showcase (signed out): the store with its certificate badge, its page ----
    page.context.clear_cookies()
    page.goto(base + "/storefronts/")
    card = page.locator("article.storefront-card", has_text="Inzozi Coffee")
    expect(card).to_have_count(1)
    expect(card.get_by_text("Huye district")).to_be_visible()
    expect(card.get_by_role("img", name="Logo of Inzozi Coffee")).to_be_visible()
    badge = card.get_by_role("link", name=re.compile("Certified Isoko graduate"))
    expect(badge).to_have_attribute("href", f"/certificates/verify/{certificate.code}/")
    expect(
        card.get_by_role("link", name=re.compile("Buy on the eWTP marketplace"))
    ).to_have_attribute("href", storefront.public_url)
    screenshot("storefront-showcase")

    card.get_by_role("link", name="Inzozi Coffee", exact=True).click()
    page.wait_for_url(f"**/storefronts/{application.public_id}/")
    expect(page.get_by_role("heading", name="Inzozi Coffee", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Green coffee, fully washed")).to_be_visible()
    expect(page.get_by_text("12,000 RWF (9.50 USD) per kilogram")).to_be_visible()
    screenshot("storefront-store-page")

    # The badge leads to the certificate's public verification page, which says it is valid.
    page.get_by_role("link", name=re.compile("Certified Isoko graduate")).click()
    page.wait_for_url(f"**/certificates/verify/{certificate.code}/")
    expect(page.locator("p.verdict[role=status]")).to_contain_text("Valid")

    # --- The sandbox marketplace's own seller page shows the store live ----------------------
    page.goto(storefront.public_url)
    expect(page.get_by_role("heading", name="Inzozi Coffee", level=1)).to_be_visible()
    expect(page.locator("header .status")).to_have_text("Live")
    logo = page.get_by_role("img", name="Logo of Inzozi Coffee")
    expect(logo).to_have_attribute("src", re.compile("^" + re.escape(base) + "/media/"))
    # Served by this Isoko and decoded by the browser: the URL sent to the marketplace works.
    assert logo.evaluate("img => img.complete && img.naturalWidth") == 256
    row = page.get_by_role("row", name=re.compile("Green coffee, fully washed"))
    expect(row).to_contain_text("Live")
    expect(row).to_contain_text(product.sku)
    expect(page.locator("main")).to_contain_text("Huye")  # names, not our codes
    screenshot("storefront-sandbox-seller-page")

    # Provisioned exactly once, with signed calls only, and every webhook taken by Isoko.
    assert stats["stores_by_status"] == {"ACTIVE": 1}, stats
    assert stats["products_by_status"] == {"ACTIVE": 1}, stats
    assert stats["unauthorized"] == 0, stats
    assert stats["webhooks"]["failed"] == 0, stats
