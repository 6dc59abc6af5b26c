"""Provisioning through the outbox, against the real sandbox marketplace (a subprocess).

Delivery is driven by hand here (``outbox_message_deliver``, as the task calls it) so each test
decides when a retry happens; tests/services/test_marketplace_*.py run the same code in real
Celery workers.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from certificates.services import certificate_revoke
from core.learner_cache import is_generation_bump  # the dashboard's generation, bumped on commit
from marketplace_link.client import MarketplaceClient
from marketplace_link.models import ApplicationEvent, Listing, OutboxMessage, Storefront
from marketplace_link.outbox import (
    product_changed,
    product_removed,
    storefront_create_for,
    storefront_retry,
    storefront_suspend,
)
from marketplace_link.outbox.delivery import outbox_message_deliver
from marketplace_link.outbox.lease import outbox_due
from marketplace_link.tasks import retry_delay
from tests.accounts.factories import StaffFactory
from tests.marketplace import provisioning_fixtures
from tests.marketplace.provisioning_fixtures import (
    approved,
    closed_port_url,
    deliver,
    expire_lease,
    provision,
)

# Fixtures shared with the other marketplace tests (the package's conftest is not ours).
marketplace = provisioning_fixtures.marketplace
qualifying_course = provisioning_fixtures.qualifying_course
sandbox_process = provisioning_fixtures.sandbox_process

pytestmark = pytest.mark.django_db
Kind = OutboxMessage.Kind
MStatus = OutboxMessage.Status
Status = Storefront.Status


def deliver_until_settled(message: OutboxMessage, limit: int = 50) -> list[str]:
    results = []
    for _ in range(limit):
        results.append(deliver(message))
        message.refresh_from_db()
        if message.status != MStatus.PENDING:
            return results
    raise AssertionError(f"still pending after {limit} deliveries: {results}")


def remote_store(storefront: Storefront) -> dict:
    return MarketplaceClient.from_settings().store_find(str(storefront.application.public_id))


def remote_product(listing: Listing) -> dict:
    client = MarketplaceClient.from_settings()
    return client.product_find(listing.storefront.marketplace_store_id, listing.product.sku)


@pytest.fixture
def application(qualifying_course):
    return approved(qualifying_course, products=2)


# ---------------------------------------------------------------------------------------------
# The writer: storefront_create_for
# ---------------------------------------------------------------------------------------------
@pytest.mark.django_db(transaction=True)
def test_create_for_must_run_inside_the_approval_transaction(application):
    with pytest.raises(RuntimeError, match="transaction"):
        storefront_create_for(application)
    assert not Storefront.objects.exists()


def test_approval_writes_storefront_listings_and_outbox_then_delivers_after_commit(
    application, marketplace, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        storefront = provision(application)
    # Written with the approval; nothing sent yet.
    assert storefront.status == Status.PROVISIONING
    assert Listing.objects.filter(storefront=storefront).count() == 2
    (message,) = OutboxMessage.objects.all()
    assert (message.kind, message.status, message.attempts) == (Kind.PROVISION, MStatus.PENDING, 0)
    assert marketplace.stats()["calls_total"] == 0
    (task,) = [c for c in callbacks if not is_generation_bump(c)]

    task()  # the commit: the delivery task runs (eagerly, in the test settings)

    message.refresh_from_db()
    storefront.refresh_from_db()
    assert (message.status, message.attempts, message.retries) == (MStatus.DONE, 1, 0)
    assert message.calls == 4  # store, two products, publish
    assert storefront.marketplace_store_id.startswith("st_")
    assert storefront.public_url.endswith(f"/s/{storefront.marketplace_store_id}")
    assert storefront.status == Status.IN_REVIEW
    for listing in storefront.listings.select_related("product"):
        assert listing.marketplace_product_id.startswith("pr_")
        assert remote_product(listing)["id"] == listing.marketplace_product_id
    remote = remote_store(storefront)
    assert remote["external_id"] == str(application.public_id)
    assert remote["trading_name"] == "Huye Mountain Coffee"
    assert remote["description"]["fr"] == "Bourbon lavé des collines de Huye."
    stats = marketplace.stats()
    assert (stats["stores"], stats["products"]) == (1, 2)
    assert (
        ApplicationEvent.objects.filter(
            application=application, action=ApplicationEvent.Action.PROVISIONED
        ).count()
        == 1
    )

    # Approving twice (a double click that got through) changes nothing.
    with django_capture_on_commit_callbacks(execute=True):
        assert provision(application).pk == storefront.pk
    assert OutboxMessage.objects.count() == 1


def test_a_delivery_resumes_after_the_step_that_failed(application, marketplace):
    storefront = provision(application)
    message = storefront.outbox.get()
    marketplace.faults(failure_rate={"POST /v1/stores/{store_id}/products": 1.0})

    assert deliver(message) == "retry"

    storefront.refresh_from_db()
    message.refresh_from_db()
    store_id = storefront.marketplace_store_id
    assert store_id, "the store id is kept as soon as it is known"
    assert (message.retries, message.status) == (1, MStatus.PENDING)
    assert message.attempts <= 1  # 0 when the failure was a 503 with Retry-After (not counted)
    assert "HTTP 50" in message.last_error

    marketplace.faults(clear=True)
    assert deliver_until_settled(message)[-1] == "done"
    storefront.refresh_from_db()
    assert storefront.marketplace_store_id == store_id
    calls = marketplace.stats()["calls"]
    assert calls["POST /v1/stores"] == 1, "the store was not asked for again"
    assert (marketplace.stats()["stores"], marketplace.stats()["products"]) == (1, 2)


def test_failures_before_and_after_the_change_never_duplicate(
    qualifying_course, marketplace, settings
):
    settings.ISOKO_MARKETPLACE_MAX_ATTEMPTS = 20  # half the calls fail: long runs happen
    marketplace.faults(failure_rate={"*": 0.5})
    storefronts = [
        provision(approved(qualifying_course, trading_name=f"Store {n}", products=3))
        for n in range(4)
    ]
    for storefront in storefronts:
        assert deliver_until_settled(storefront.outbox.get())[-1] == "done"

    stats = marketplace.stats()
    assert stats["faults"].get("failure_after", 0) > 0, "no failure happened after a change"
    assert (stats["stores"], stats["products"]) == (4, 12)
    retries = sum(m.retries for m in OutboxMessage.objects.all())
    assert retries > 0
    for storefront in storefronts:
        storefront.refresh_from_db()
        assert storefront.status == Status.IN_REVIEW
        assert not storefront.listings.filter(marketplace_product_id="").exists()


def test_bounded_attempts_and_time_then_needs_attention_then_staff_retry(
    application, marketplace, settings, django_capture_on_commit_callbacks
):
    settings.ISOKO_MARKETPLACE_MAX_ATTEMPTS = 3
    settings.ISOKO_MARKETPLACE_GIVE_UP_AFTER = 3600
    storefront = provision(application)
    message = storefront.outbox.get()
    settings.ISOKO_MARKETPLACE_URL = closed_port_url()

    # The attempts are spent within minutes: an outage that short parks nothing.
    assert [deliver(message) for _ in range(4)] == ["retry"] * 4
    message.refresh_from_db()
    assert (message.status, message.attempts) == (MStatus.PENDING, 4)
    # An hour of failing later, it is parked.
    OutboxMessage.objects.filter(pk=message.pk).update(
        retrying_since=timezone.now() - timedelta(hours=1, seconds=1)
    )
    assert deliver(message) == "failed"

    message.refresh_from_db()
    storefront.refresh_from_db()
    assert (message.status, message.attempts) == (MStatus.FAILED, 5)
    assert "ConnectionError" in message.last_error
    assert storefront.status == Status.NEEDS_ATTENTION
    assert "ConnectionError" in storefront.status_reason
    assert ApplicationEvent.objects.filter(action=ApplicationEvent.Action.NEEDS_ATTENTION).count()
    assert outbox_due() == []  # a failed message is not swept: staff decide

    settings.ISOKO_MARKETPLACE_URL = marketplace.url
    staff = StaffFactory()
    with django_capture_on_commit_callbacks(execute=True):
        storefront_retry(storefront, actor=staff)

    message.refresh_from_db()
    storefront.refresh_from_db()
    assert message.status == MStatus.DONE
    assert storefront.status == Status.IN_REVIEW
    assert ApplicationEvent.objects.get(action=ApplicationEvent.Action.RETRIED).actor == staff


def test_a_refusal_fails_at_once(application, marketplace):
    product = application.products.first()
    product.hs_code = "0901"  # the form would refuse this; the marketplace does too
    product.save()
    storefront = provision(application)
    message = storefront.outbox.get()

    assert deliver(message) == "failed"
    message.refresh_from_db()
    assert message.attempts == 1
    assert "validation_failed" in message.last_error
    storefront.refresh_from_db()
    assert storefront.status == Status.NEEDS_ATTENTION


def test_a_429_waits_at_least_its_retry_after(application, marketplace):
    storefront = provision(application)
    message = storefront.outbox.get()
    marketplace.faults(force_429={"every": 1, "retry_after": 3})

    outcome = outbox_message_deliver(message_id=message.pk)

    assert outcome.result == "retry"
    assert 3.0 <= outcome.delay <= 3.6
    message.refresh_from_db()
    assert message.not_before >= timezone.now() + timedelta(seconds=2.5)
    assert "rate_limited" in message.last_error
    # The marketplace pacing us is not a failed attempt: it never parks a message.
    assert (message.attempts, message.retries) == (0, 1)


def test_a_claimed_message_is_not_delivered_twice_meanwhile(application, marketplace):
    storefront = provision(application)
    message = storefront.outbox.get()
    assert outbox_due() == [message.pk]
    assert deliver(message) == "done"
    # A duplicate task (the sweep, a redelivery) finds nothing to do.
    assert outbox_message_deliver(message_id=message.pk).result == "skipped"


def test_a_killed_delivery_is_taken_again_once_its_lease_runs_out(application, marketplace):
    from marketplace_link.outbox.lease import claim

    storefront = provision(application)
    message = storefront.outbox.get()
    claimed = claim(message.pk)  # a delivery started... and its worker died
    assert claimed.message.attempts == 1
    assert outbox_due() == []
    assert outbox_message_deliver(message_id=message.pk).result == "skipped"

    expire_lease(message)
    assert outbox_due() == [message.pk]
    assert outbox_message_deliver(message_id=message.pk).result == "done"
    message.refresh_from_db()
    assert message.attempts == 2
    assert (message.leased_until, message.claim_token) == (None, None)


def test_retry_delay_backs_off_with_jitter_and_a_cap(settings):
    settings.ISOKO_MARKETPLACE_RETRY_DELAY = 10.0
    settings.ISOKO_MARKETPLACE_RETRY_MAX_DELAY = 60.0
    first = [retry_delay(1) for _ in range(200)]
    third = [retry_delay(3) for _ in range(200)]
    late = [retry_delay(12) for _ in range(200)]
    assert 5.0 <= min(first) and max(first) <= 10.0
    assert 20.0 <= min(third) and max(third) <= 40.0
    assert 30.0 <= min(late) and max(late) <= 60.0
    assert len(set(first)) > 150, "no jitter"
    assert min(retry_delay(1, retry_after=30) for _ in range(50)) >= 30.0
    # Failing for two minutes (uncounted 503s): at least a quarter of that, capped.
    assert 30.0 <= min(retry_delay(0, failing_for=120) for _ in range(50))
    assert max(retry_delay(5000, failing_for=1e9) for _ in range(50)) <= 60.0  # no overflow


# ---------------------------------------------------------------------------------------------
# After go-live: edits sync (debounced), removals delist
# ---------------------------------------------------------------------------------------------
@pytest.fixture
def provisioned(application, marketplace):
    storefront = provision(application)
    assert deliver(storefront.outbox.get()) == "done"
    storefront.refresh_from_db()
    return storefront


def test_product_edits_are_debounced_into_one_sync(provisioned, settings, marketplace):
    settings.ISOKO_MARKETPLACE_SYNC_DELAY = 30
    product = provisioned.application.products.first()
    product.title = "Huye beans, new harvest"
    product.save()
    first = product_changed(product)
    product.stock = 120
    product.save()
    second = product_changed(product)

    assert first.pk == second.pk, "a second edit within the delay reuses the message"
    second.refresh_from_db()
    assert second.not_before > timezone.now() + timedelta(seconds=25)
    assert outbox_message_deliver(message_id=second.pk).result == "skipped"  # too early

    assert deliver(second) == "done"
    remote = remote_product(product.listing)
    assert (remote["title"], remote["stock"]) == ("Huye beans, new harvest", 120)
    assert remote["status"] in ("PENDING", "IN_REVIEW")  # edits go back to review
    assert marketplace.stats()["products"] == 2


def test_an_edit_during_a_started_sync_gets_its_own_message(provisioned):
    product = provisioned.application.products.first()
    first = product_changed(product)
    OutboxMessage.objects.filter(pk=first.pk).update(attempts=1)  # a delivery has started
    second = product_changed(product)
    assert second.pk != first.pk


def test_a_sync_waits_for_the_store_without_spending_attempts(application, marketplace):
    storefront = provision(application)
    product = application.products.first()
    sync = product_changed(product)

    assert deliver(sync) == "waiting"
    sync.refresh_from_db()
    assert (sync.attempts, sync.status) == (0, MStatus.PENDING)

    assert deliver(storefront.outbox.get(kind=Kind.PROVISION)) == "done"
    assert deliver(sync) == "done"


def test_a_removed_product_is_delisted(provisioned, marketplace):
    product = provisioned.application.products.first()
    message = product_removed(product)
    assert deliver(message) == "done"
    listing = Listing.objects.get(product=product)
    assert listing.status == "DELISTED"
    assert remote_product(listing)["status"] == "DELISTED"
    product.refresh_from_db()
    assert product.removed_at is not None
    # An edit of a removed product sends nothing.
    assert product_changed(product) is None


# ---------------------------------------------------------------------------------------------
# Revocation follows through
# ---------------------------------------------------------------------------------------------
def test_revoking_the_certificate_suspends_the_store_and_tells_the_seller(
    qualifying_course, marketplace, django_capture_on_commit_callbacks
):
    application = approved(qualifying_course, language="fr")
    storefront = provision(application)
    assert deliver(storefront.outbox.get()) == "done"
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        certificate_revoke(
            certificate=application.certificate,
            actor=StaffFactory(),
            reason="Plagiarised quiz answers",
        )

    storefront.refresh_from_db()
    assert storefront.status == Status.SUSPENDED
    assert "Plagiarised quiz answers" in storefront.status_reason
    suspend = storefront.outbox.get(kind=Kind.SUSPEND)
    assert suspend.status == MStatus.DONE
    remote = remote_store(storefront)
    assert remote["status"] == "SUSPENDED"
    assert application.certificate.code in remote["status_reason"]
    assert "Plagiarised" not in remote["status_reason"], "staff's wording stays with us"
    (email,) = mail.outbox
    assert email.to == [application.applicant.email]
    assert email.extra_headers["Content-Language"] == "fr"
    assert "Plagiarised quiz answers" in email.body
    assert ApplicationEvent.objects.filter(action=ApplicationEvent.Action.SUSPENDED).count() == 1


def test_a_long_suspension_reason_is_cut_to_the_contracts_limit(application, marketplace):
    storefront = provision(application)
    storefront_suspend(storefront, reason="x" * 6000)
    assert len(storefront.outbox.get(kind=Kind.SUSPEND).payload["reason"]) == 5000


def test_a_suspension_before_provisioning_stops_it(application, marketplace):
    storefront = provision(application)
    provision_message = storefront.outbox.get()
    storefront_suspend(storefront, reason="Certificate revoked")
    suspend = storefront.outbox.get(kind=Kind.SUSPEND)

    assert deliver(suspend) == "waiting"  # provisioning must stop first
    assert deliver(provision_message) == "cancelled"
    assert deliver(suspend) == "cancelled"  # nothing was ever created there
    assert marketplace.stats()["stores"] == 0
    storefront.refresh_from_db()
    assert storefront.status == Status.SUSPENDED
