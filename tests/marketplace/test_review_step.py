"""The products step and "Review and submit": no stray bullets beside the product
cards, and a full summary of what will be sent, with a link to change each part, before the
button that sends it. tests/e2e/test_storefront_review_on_a_phone.py looks at both in Chromium."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from django.core.files.base import ContentFile

from marketplace_link.models import ExportDocument
from tests.marketplace.conftest import pdf_bytes

PRODUCTS = "/storefront/apply/products/"
SUBMIT = "/storefront/apply/submit/"
CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "isoko.css"


class _Lists(HTMLParser):
    """The class of every <ul> inside <main>."""

    def __init__(self):
        super().__init__()
        self.in_main = False
        self.ul_classes: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.in_main = True
        if tag == "ul" and self.in_main:
            self.ul_classes.append(dict(attrs).get("class") or "")


def _unbulleted_classes() -> set[str]:
    """Classes isoko.css draws without list markers."""
    classes = set()
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", CSS.read_text()):
        if re.search(r"list-style(-type)?:\s*none", body):
            classes.update(re.findall(r"^\s*\.([\w-]+)\s*$", selectors.replace(",", "\n"), re.M))
    return classes


def _document(application) -> ExportDocument:
    document = ExportDocument(
        application=application,
        kind="origin",
        original_name="origin-2026.pdf",
        content_type="application/pdf",
        size=1234,
    )
    document.file.save("origin.pdf", ContentFile(pdf_bytes()), save=True)
    return document


def _section(html: str, start: str, end: str) -> str:
    return html[html.index(start) : html.index(end, html.index(start))]


def test_the_products_step_draws_no_stray_bullets(graduate_client, draft):
    html = graduate_client.get(PRODUCTS).content.decode()
    parser = _Lists()
    parser.feed(html)
    assert "product-list" in parser.ul_classes
    # Before: .product-list had no rule, so each product card got a bullet beside it.
    bulleted = [c for c in parser.ul_classes if not set(c.split()) & _unbulleted_classes()]
    assert bulleted == []


def test_review_shows_everything_that_will_be_sent_with_change_links(graduate_client, draft):
    _document(draft)
    product = draft.products.get()
    image = product.images.get()
    html = graduate_client.get(SUBMIT).content.decode()
    assert 'class="review-summary"' in html
    summary = _section(html, 'class="review-summary"', "Send my application")

    for text in (
        "Inzozi Coffee Ltd", "Inzozi Coffee", "102345678", "101234567", "Huye", "Coffee",
        "+250788123456", "sales@inzozi.example", "Washed Bourbon from the hills of Huye.",
        "Green coffee, fully washed", "Grade A1, screen 15+.", "12,000 RWF", "9.50 USD",
        "090111", "10 kilogram", "Organic", "Certificate of origin", "origin-2026.pdf",
    ):  # fmt: skip
        assert text in summary, text
    # The logo and each product photo as they will be sent.
    assert f'src="{draft.logo.url}"' in summary
    assert f'src="{image.image.url}"' in summary
    # A link to change each part, each to its own step (with the part named for screen readers).
    changes = re.findall(r'<a href="([^"]+)"[^>]*>Change<span class="visually-hidden">', summary)
    assert changes == [
        "/storefront/apply/details/",
        "/storefront/apply/images/",
        "/storefront/apply/documents/",
        "/storefront/apply/products/",
    ]
    # Optional parts left empty say so, rather than vanishing.
    assert "No banner (optional)." in summary


def test_review_of_an_incomplete_draft_lists_whats_missing_and_still_summarises(
    graduate_client, draft
):
    draft.products.get().images.all().delete()
    html = graduate_client.get(SUBMIT).content.decode()
    assert "Before you can submit, complete these:" in html
    assert "Add at least one photo of “Green coffee, fully washed”." in html
    summary = _section(html, 'class="review-summary"', "Send my application")
    assert "Green coffee, fully washed" in summary and "No photo yet" in summary
    assert "No documents (optional)." in summary
