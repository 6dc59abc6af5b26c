"""Start, draft, submit; who may see and change what; private document downloads."""

from __future__ import annotations

import pytest
from django.urls import reverse

from certificates.models import Certificate
from marketplace_link.application.services import ApplicationError, application_submit
from marketplace_link.models import (
    ApplicationEvent,
    ExportDocument,
    Product,
    Storefront,
    StorefrontApplication,
)
from tests.accounts.factories import UserFactory
from tests.marketplace.conftest import PRODUCT, pdf_bytes, png, upload

APPLY = "/storefront/apply/"
SUBMIT = "/storefront/apply/submit/"


def test_start_is_idempotent_and_prefills_the_email(graduate_client, graduate):
    page = graduate_client.get(APPLY).content.decode()
    assert "Start my application" in page
    for _ in range(2):
        response = graduate_client.post("/storefront/apply/start/")
        assert response.status_code == 302 and response["Location"].endswith("/details/")
    application = StorefrontApplication.objects.get()
    assert application.applicant == graduate and application.status == "draft"
    assert application.certificate == graduate.certificate
    assert application.contact_email == "aline@example.com"


def test_an_ineligible_learner_cannot_start(client, qualifying_course):
    client.force_login(UserFactory())
    page = client.get(APPLY).content.decode()
    assert "Start my application" not in page and "Coffee seller readiness" in page
    response = client.post("/storefront/apply/start/")
    assert response.status_code == 403
    assert "needs a valid certificate" in response.content.decode()
    assert not StorefrontApplication.objects.exists()
    # The steps send them back to the start page.
    assert client.get("/storefront/apply/details/")["Location"] == APPLY


def test_anonymous_visitors_are_sent_to_log_in(client, draft):
    document = ExportDocument.objects.create(
        application=draft, kind="origin", original_name="o.pdf", content_type="application/pdf",
        size=10, file="x.pdf",
    )  # fmt: skip
    for url in [APPLY, "/storefront/apply/details/", "/storefront/apply/products/add/",
                f"/storefront/apply/documents/{document.pk}/", SUBMIT]:  # fmt: skip
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    response = client.post(SUBMIT)
    assert "/accounts/login/" in response["Location"]
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_incomplete_submission_is_refused_with_the_full_list(graduate_client):
    graduate_client.post("/storefront/apply/start/")
    graduate_client.post("/storefront/apply/details/", {"trading_name": "Inzozi"})
    response = graduate_client.post(SUBMIT)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Your application is not complete yet." in html
    for text in ["Legal name is missing.", "TIN is missing.", "Description (English) is missing.",
                 "Upload your logo.", "Add at least one product."]:  # fmt: skip
        assert text in html, text
    assert "Trading name is missing." not in html
    assert 'href="/storefront/apply/details/#id_legal_name"' in html
    assert StorefrontApplication.objects.get().status == "draft"


def test_a_product_without_photo_blocks_submission(draft, graduate):
    product = draft.products.get()
    product.images.all().delete()
    with pytest.raises(ApplicationError) as refused:
        application_submit(draft, actor=graduate)
    assert [m.message for m in refused.value.missing] == [
        "Add at least one photo of “Green coffee, fully washed”."
    ]


def test_complete_draft_submits_once_audited_then_is_read_only(graduate_client, graduate, draft):
    page = graduate_client.get(SUBMIT).content.decode()
    assert "Your application is complete." in page
    response = graduate_client.post(SUBMIT)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "submitted" and draft.submitted_at is not None
    [event] = ApplicationEvent.objects.filter(application=draft)
    assert (event.action, event.actor) == ("submitted", graduate)

    # Read-only now: every edit is refused and changes nothing.
    product = draft.products.get()
    attempts = [
        ("/storefront/apply/details/", {"legal_name": "Changed"}),
        ("/storefront/apply/images/", {"logo": png("l.png", 256, 256)}),
        ("/storefront/apply/documents/", {"kind": "origin", "file": upload("o", pdf_bytes())}),
        ("/storefront/apply/products/add/", {**PRODUCT, "new_images": [png()]}),
        (f"/storefront/apply/products/{product.pk}/edit/", {**PRODUCT, "title": "Changed"}),
        (f"/storefront/apply/products/{product.pk}/remove/", {}),
        (SUBMIT, {}),
    ]
    for url, data in attempts:
        response = graduate_client.post(url, data)
        assert response.status_code == 302 and response["Location"] == APPLY, url
    draft.refresh_from_db()
    assert draft.legal_name == "Inzozi Coffee Ltd" and draft.logo.name.endswith(".png")
    assert Product.objects.get().title == "Green coffee, fully washed"
    assert not ExportDocument.objects.exists()
    assert ApplicationEvent.objects.count() == 1
    page = graduate_client.get(APPLY).content.decode()
    assert "can no longer be changed" in page and "Inzozi Coffee Ltd" in page


def test_changes_requested_makes_it_editable_again(graduate_client, draft):
    StorefrontApplication.objects.filter(pk=draft.pk).update(
        status="changes_requested", review_message="Add the French description."
    )
    page = graduate_client.get("/storefront/apply/details/").content.decode()
    assert "Add the French description." in page
    graduate_client.post(
        "/storefront/apply/details/", {**_details(draft), "description_fr": "Café lavé."}
    )
    assert graduate_client.post(SUBMIT).status_code == 302
    draft.refresh_from_db()
    assert draft.status == "submitted" and draft.description_fr == "Café lavé."


def _details(application) -> dict:
    from marketplace_link.application.services import DETAIL_FIELDS

    return {name: getattr(application, name) for name in DETAIL_FIELDS}


def test_a_revoked_certificate_blocks_submission(graduate_client, graduate, draft):
    Certificate.objects.filter(pk=graduate.certificate.pk).update(
        status="revoked", revoked_reason="Error"
    )
    response = graduate_client.post(SUBMIT)
    assert response.status_code == 400
    assert "no longer valid" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_another_learner_sees_none_of_it(client, draft, qualifying_course):
    product = draft.products.get()
    document = ExportDocument.objects.create(
        application=draft, kind="origin", original_name="o.pdf", content_type="application/pdf",
        size=10, file="x.pdf",
    )  # fmt: skip
    client.force_login(UserFactory(email="other@example.com"))
    assert "Inzozi" not in client.get(APPLY).content.decode()
    assert client.get(f"/storefront/apply/documents/{document.pk}/").status_code == 404
    for url in [f"/storefront/apply/products/{product.pk}/edit/",
                f"/storefront/apply/products/{product.pk}/remove/"]:  # fmt: skip
        # Not eligible, so sent to the start page; the product is untouched either way.
        assert client.post(url, {**PRODUCT, "title": "Hijacked"}).status_code in (302, 404)
    assert Product.objects.filter(pk=product.pk, title=PRODUCT["title"]).exists()


def test_another_graduate_gets_404_on_foreign_products_and_documents(
    client, draft, qualifying_course, django_capture_on_commit_callbacks, own_keyfile
):
    from tests.marketplace.conftest import issue_certificate

    other = UserFactory(email="other@example.com")
    issue_certificate(qualifying_course, other, django_capture_on_commit_callbacks)
    client.force_login(other)
    client.post("/storefront/apply/start/")
    product = draft.products.get()
    for url in [f"/storefront/apply/products/{product.pk}/edit/",
                f"/storefront/apply/products/{product.pk}/remove/"]:  # fmt: skip
        assert client.get(url).status_code == 404
        assert client.post(url, {**PRODUCT, "title": "Hijacked"}).status_code == 404
    assert Product.objects.get(pk=product.pk).title == PRODUCT["title"]


def test_document_download_for_applicant_and_reviewers_only(graduate_client, draft, client):
    content = pdf_bytes()
    graduate_client.post(
        "/storefront/apply/documents/", {"kind": "origin", "file": upload("o.pdf", content)}
    )
    document = ExportDocument.objects.get()
    url = reverse("marketplace_link:document_download", args=[document.pk])
    response = graduate_client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert "attachment" in response["Content-Disposition"]

    stranger = UserFactory(email="stranger@example.com")
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    from django.contrib.auth.models import Permission

    stranger.user_permissions.add(
        Permission.objects.get(content_type__app_label="marketplace_link",
                               codename="review_application")
    )  # fmt: skip
    client.force_login(stranger)
    assert client.get(url).status_code == 200


def test_document_remove_deletes_the_private_file_on_commit(
    graduate_client, draft, django_capture_on_commit_callbacks
):
    graduate_client.post(
        "/storefront/apply/documents/", {"kind": "origin", "file": upload("o.pdf", pdf_bytes())}
    )
    document = ExportDocument.objects.get()
    storage, name = document.file.storage, document.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        graduate_client.post(f"/storefront/apply/documents/{document.pk}/remove/")
    assert not ExportDocument.objects.exists() and not storage.exists(name)


def test_csrf_is_required(graduate, draft):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(graduate)
    assert client.post(SUBMIT).status_code == 403
    assert client.post("/storefront/apply/details/", {"legal_name": "X"}).status_code == 403


def test_after_approval_products_sync_but_details_stay_frozen(
    graduate_client, draft, django_capture_on_commit_callbacks, settings
):
    from marketplace_link.models import OutboxMessage

    settings.CELERY_TASK_ALWAYS_EAGER = False  # the sync is due later; only its row matters
    StorefrontApplication.objects.filter(pk=draft.pk).update(status="approved")
    storefront = Storefront.objects.create(application=draft, status="live")
    product = draft.products.get()
    assert (
        graduate_client.post("/storefront/apply/details/", {"legal_name": "X"})["Location"] == APPLY
    )
    response = graduate_client.post(
        f"/storefront/apply/products/{product.pk}/edit/", {**PRODUCT, "stock": "42"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    product.refresh_from_db()
    assert product.stock == 42
    assert OutboxMessage.objects.filter(
        storefront=storefront, product=product, kind="sync_product"
    ).exists()
    graduate_client.post(f"/storefront/apply/products/{product.pk}/remove/")
    product.refresh_from_db()
    assert product.removed_at is not None  # withdrawn, kept for the delisting


def test_the_step_pages_render_with_progress_and_empty_states(graduate_client):
    graduate_client.post("/storefront/apply/start/")
    html = graduate_client.get("/storefront/apply/products/").content.decode()
    assert 'aria-current="step"' in html and "0 of 5 steps done" in html
    assert "No products yet." in html
    html = graduate_client.get("/storefront/apply/documents/").content.decode()
    assert "No documents yet." in html and 'enctype="multipart/form-data"' in html


def test_overview_shows_whats_missing_then_the_store_and_listing_reasons(graduate_client, draft):
    draft.products.get().images.all().delete()
    html = graduate_client.get(APPLY).content.decode()
    assert "Still to do before you submit" in html
    assert "Add at least one photo of “Green coffee, fully washed”." in html

    from marketplace_link.models import Listing

    StorefrontApplication.objects.filter(pk=draft.pk).update(status="approved")
    storefront = Storefront.objects.create(
        application=draft, status="live", public_url="http://127.0.0.1:8910/s/st_9", order_count=3
    )
    Listing.objects.create(
        product=draft.products.get(),
        storefront=storefront,
        status="REJECTED",
        status_reason="Photo shows a brand logo.",
    )
    html = graduate_client.get(APPLY).content.decode()
    assert "http://127.0.0.1:8910/s/st_9" in html and "<dd>3</dd>" in html
    assert "The marketplace refused this listing: Photo shows a brand logo." in html
    assert "Manage products" in html


def test_pages_are_translated_under_the_language_prefix(graduate_client, draft):
    response = graduate_client.get("/fr" + APPLY)
    assert response.status_code == 200
    assert '<html lang="fr"' in response.content.decode()
