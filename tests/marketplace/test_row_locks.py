"""Row locks on PostgreSQL (SQLite has none): what a webhook and an approval lock, seen from a
second connection while the first transaction is still open.

- A webhook locks its storefront or listing row only. Locking the application (or product) row
  through the join as well would deadlock with a seller's edit, which locks the application
  first and then writes an outbox row that points at the storefront.
- An approval locks the certificate it rests on, so a revocation at the same moment waits for
  it, then finds the new storefront and suspends it.
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager

import pytest
from django.db import DatabaseError, connection, transaction

from certificates.models import Certificate
from certificates.services import certificate_revoke
from marketplace_link.models import Product, Storefront, StorefrontApplication
from marketplace_link.review.decisions import application_approve
from marketplace_link.storefront.webhooks import event_apply
from tests.accounts.factories import UserFactory
from tests.marketplace.review_fixtures import (  # noqa: F401  (fixtures)
    add_product,
    applicant_fixture,
    certificate_fixture,
    course_fixture,
    make_application,
    make_live,
    submitted_fixture,
)

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def no_marketplace(settings):
    # Delivery runs eagerly on commit here: let it be refused at once, not time out.
    settings.ISOKO_MARKETPLACE_URL = "http://127.0.0.1:9"


def in_thread(work) -> tuple[threading.Thread, list]:
    """Run ``work`` on its own connection; return the thread and a list for its error."""
    errors: list[BaseException] = []

    def run():
        try:
            work()
        except BaseException as error:  # noqa: BLE001  (reported to the test)
            errors.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, errors


@contextmanager
def held_open(work):
    """``work`` inside a transaction of another connection, kept open (with its row locks)
    until the block ends; then it commits."""
    ready, release = threading.Event(), threading.Event()

    def hold():
        try:
            with transaction.atomic():
                work()
                ready.set()
                assert release.wait(20)
        finally:
            ready.set()

    thread, errors = in_thread(hold)
    assert ready.wait(20)
    try:
        assert not errors, errors
        yield
    finally:
        release.set()
        thread.join(20)
    assert not errors, errors


def is_locked(model, pk) -> bool:
    try:
        with transaction.atomic():
            model.objects.select_for_update(nowait=True).get(pk=pk)
    except DatabaseError:
        return True
    return False


def test_a_webhook_locks_its_storefront_and_listing_only(certificate):
    storefront = make_live(make_application(certificate, images=False))
    product = add_product(storefront.application)
    listing = storefront.listings.create(product=product, marketplace_product_id="pr_1")
    application = storefront.application
    store = {"store_id": storefront.marketplace_store_id, "external_id": str(application.public_id)}

    def store_changed():
        event = {"id": "ev_1", "type": "store.status_changed", "sequence": 5}
        data = {**store, "status": "ACTIVE"}
        event_apply(event_id="ev_1", kind="store.status_changed", data=data, event=event)

    def listing_approved():
        data = {**store, "product_id": "pr_1", "sku": product.sku, "status": "ACTIVE"}
        event = {"id": "ev_2", "type": "listing.approved", "sequence": 5, "data": data}
        event_apply(event_id="ev_2", kind="listing.approved", data=data, event=event)

    with held_open(store_changed):
        assert is_locked(Storefront, storefront.pk)
        assert not is_locked(StorefrontApplication, application.pk)
    with held_open(listing_approved):
        assert is_locked(type(listing), listing.pk)
        assert not is_locked(Product, product.pk)
        assert not is_locked(StorefrontApplication, application.pk)
    listing.refresh_from_db()
    assert listing.status == "ACTIVE"


def test_a_revocation_during_an_approval_suspends_the_new_store(submitted, certificate):
    reviewer, registrar = UserFactory(), UserFactory()
    with held_open(lambda: application_approve(submitted, actor=reviewer)):
        revoker, errors = in_thread(
            lambda: certificate_revoke(
                certificate=certificate, actor=registrar, reason="Plagiarised quiz answers"
            )
        )
        time.sleep(0.3)
        waited = revoker.is_alive()  # for the approval's lock on the certificate
    revoker.join(20)
    assert not errors, errors

    # Without the wait, the revocation commits first, finds no storefront to suspend, and the
    # approval then commits a storefront on a revoked certificate.
    storefront = Storefront.objects.get(application=submitted)
    assert storefront.status == Storefront.Status.SUSPENDED
    assert "revoked" in storefront.status_reason
    assert waited
    assert Certificate.objects.get(pk=certificate.pk).status == Certificate.Status.REVOKED
