"""The storefront application's last steps on a 390 px phone: the products step
lists the products without stray bullets, and "Review and submit" shows everything that will be
sent, each part with a link to change it, before the button that sends it."""

import pytest
from django.core.files.base import ContentFile

from marketplace_link.models import ExportDocument
from tests.e2e.conftest import log_in
from tests.marketplace.conftest import (  # noqa: F401 - fixtures used here
    draft,
    graduate,
    own_keyfile,
    pdf_bytes,
    qualifying_course,
    storefront_course,
    storefront_template,
    template,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every bullet the page draws (the numbered steps are a real ordered list, so they are left out).
MARKERS = """() => [...document.querySelectorAll('main ul > li')]
  .filter(li => getComputedStyle(li).display === 'list-item'
            && getComputedStyle(li).listStyleType !== 'none')
  .map(li => li.parentElement.className || 'ul')"""
# The screenshot shows the photos as they are (lazy ones load once they are in view).
IMAGES_LOADED = """() => { const images = [...document.querySelectorAll('main img')];
  images.forEach(img => img.scrollIntoView());
  window.scrollTo(0, 0);
  return images.every(img => img.complete && img.naturalWidth > 0); }"""


def test_products_and_review_steps_on_a_phone(
    live_server,
    page,
    screenshot,
    draft,  # noqa: F811 - the fixture imported above
    graduate,  # noqa: F811
):
    document = ExportDocument(
        application=draft,
        kind="origin",
        original_name="origin-2026.pdf",
        content_type="application/pdf",
        size=len(pdf_bytes()),
    )
    document.file.save("origin.pdf", ContentFile(pdf_bytes()), save=True)
    log_in(page, live_server.url, graduate.email)

    page.goto(live_server.url + "/storefront/apply/products/")
    page.wait_for_function(IMAGES_LOADED)
    screenshot("storefront-products-step")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # Before: every product card carried a bullet beside its photo.
    assert page.evaluate(MARKERS) == []

    page.get_by_role("link", name="Review and submit").first.click()
    page.get_by_role("heading", name="Step 5 of 5: Review and submit").wait_for()
    page.wait_for_function(IMAGES_LOADED)
    screenshot("storefront-review-step")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    summary = page.locator("main .review-summary")
    for text in ("Inzozi Coffee Ltd", "101234567", "+250788123456", "Green coffee, fully washed",
                 "12,000 RWF", "9.50 USD", "090111", "origin-2026.pdf"):  # fmt: skip
        assert summary.get_by_text(text, exact=False).count() >= 1, text
    # The logo and the product's photo are shown, and they load.
    images = summary.locator("img")
    assert images.count() == 2
    assert all(images.nth(i).evaluate("img => img.naturalWidth > 0") for i in range(2))
    # One "Change" link per part, each to its step; the send button comes after all of them.
    changes = summary.get_by_role("link", name="Change")
    hrefs = [changes.nth(i).get_attribute("href") for i in range(changes.count())]
    assert hrefs == [
        "/storefront/apply/details/",
        "/storefront/apply/images/",
        "/storefront/apply/documents/",
        "/storefront/apply/products/",
    ]
    below = page.evaluate(
        """() => {
          const summary = document.querySelector('main .review-summary');
          const button = [...document.querySelectorAll('main button')]
            .find(b => b.textContent.includes('Send my application'));
          return !!(summary.compareDocumentPosition(button) & Node.DOCUMENT_POSITION_FOLLOWING);
        }"""
    )
    assert below
    page.get_by_role("button", name="Send my application").click()
    page.get_by_text("Application sent.").wait_for()
