"""The outbox under the conditions a review found it wanting: deliveries racing staff's retry,
a stale delivery writing after its lease, outages, the embedded demo with no beat, removals
racing creations, and what the marketplace sends back. Against the real sandbox (a subprocess),
driven by hand as in test_provisioning.py.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.checks.registry import registry
from django.core.management import call_command
from django.utils import timezone

from marketplace_link.checks import lease_outlasts_tasks
from marketplace_link.client import MarketplaceClient
from marketplace_link.models import (
    ApplicationEvent,
    Listing,
    OutboxMessage,
    Product,
    Storefront,
)
from marketplace_link.outbox import (
    product_changed,
    product_removed,
    storefront_retry,
    storefront_suspend,
)
from marketplace_link.outbox.delivery import (
    _give_up,
    outbox_claimed_deliver,
    outbox_message_deliver,
)
from marketplace_link.outbox.lease import claim, outbox_due
from marketplace_link.outbox.steps import FINAL_SEQUENCE
from marketplace_link.storefront.webhooks import event_apply
from tests.accounts.factories import StaffFactory
from tests.marketplace import provisioning_fixtures
from tests.marketplace.provisioning_fixtures import (
    Reply,
    approved,
    closed_port_url,
    deliver,
    expire_lease,
    provision,
)

marketplace = provisioning_fixtures.marketplace
qualifying_course = provisioning_fixtures.qualifying_course
sandbox_process = provisioning_fixtures.sandbox_process
scripted = provisioning_fixtures.scripted

pytestmark = pytest.mark.django_db
Kind = OutboxMessage.Kind
MStatus = OutboxMessage.Status
Status = Storefront.Status


@pytest.fixture
def application(qualifying_course):
    return approved(qualifying_course, products=2)


@pytest.fixture
def provisioned(application, marketplace):
    storefront = provision(application)
    assert deliver(storefront.outbox.get()) == "done"
    storefront.refresh_from_db()
    return storefront


def fail_permanently(storefront: Storefront) -> OutboxMessage:
    """A PROVISION refused outright: parked at once, the storefront needs attention."""
    product = storefront.application.products.first()
    Product.objects.filter(pk=product.pk).update(hs_code="0901")
    message = storefront.outbox.get(kind=Kind.PROVISION)
    assert deliver(message) == "failed"
    Product.objects.filter(pk=product.pk).update(hs_code="090111")
    return message


# ---------------------------------------------------------------------------------------------
# The lease is fenced
# ---------------------------------------------------------------------------------------------
def test_staff_retrying_twice_during_a_delivery_does_not_start_a_second_one(
    application, marketplace, django_capture_on_commit_callbacks
):
    storefront = provision(application)
    message = fail_permanently(storefront)
    staff = StaffFactory()
    with django_capture_on_commit_callbacks(execute=False):
        storefront_retry(storefront, actor=staff)
    running = claim(message.pk)  # the retry's delivery has started

    # A second click, then a third, while it runs: the running message is left alone.
    with django_capture_on_commit_callbacks(execute=True):
        storefront_retry(storefront, actor=staff)
        storefront_retry(storefront, actor=staff)
    message.refresh_from_db()
    assert (message.attempts, message.leased_until) == (1, running.message.leased_until)
    assert outbox_due() == []
    assert outbox_message_deliver(message_id=message.pk).result == "skipped"

    assert outbox_claimed_deliver(running).result == "done"
    stats = marketplace.stats()
    assert (stats["stores"], stats["products"], stats["calls"]["POST /v1/stores"]) == (1, 2, 1)


def test_a_delivery_whose_lease_ran_out_cannot_overwrite_its_successor(provisioned):
    product = provisioned.application.products.first()
    message = product_changed(product)
    OutboxMessage.objects.filter(pk=message.pk).update(not_before=timezone.now())
    stale = claim(message.pk)  # a delivery that hangs past its lease
    expire_lease(message)
    assert outbox_message_deliver(message_id=message.pk).result == "done"  # its successor

    assert _give_up(stale.message, "late failure").result == "skipped"
    message.refresh_from_db()
    provisioned.refresh_from_db()
    assert (message.status, message.last_error) == (MStatus.DONE, "")
    assert provisioned.status == Status.IN_REVIEW
    assert not ApplicationEvent.objects.filter(action=ApplicationEvent.Action.NEEDS_ATTENTION)


def test_a_suspension_does_not_bring_forward_a_message_being_delivered(provisioned):
    product = provisioned.application.products.first()
    message = product_changed(product)
    OutboxMessage.objects.filter(pk=message.pk).update(not_before=timezone.now())
    running = claim(message.pk)
    assert storefront_suspend(provisioned, reason="Certificate revoked")
    assert outbox_message_deliver(message_id=message.pk).result == "skipped"
    assert outbox_claimed_deliver(running).result == "cancelled"  # it sees the suspension


def test_a_message_whose_deliveries_are_killed_every_time_is_parked(application, settings):
    settings.ISOKO_MARKETPLACE_MAX_ATTEMPTS = 2
    settings.ISOKO_MARKETPLACE_GIVE_UP_AFTER = 0
    storefront = provision(application)
    message = storefront.outbox.get()
    for _ in range(2):  # two deliveries whose workers died
        assert claim(message.pk) is not None
        expire_lease(message)
    assert outbox_message_deliver(message_id=message.pk).result == "failed"
    message.refresh_from_db()
    assert message.status == MStatus.FAILED
    assert "never reported back" in message.last_error


def test_the_lease_must_outlast_the_task_time_limit(settings):
    assert lease_outlasts_tasks in registry.get_checks()
    assert lease_outlasts_tasks(None) == []
    settings.ISOKO_MARKETPLACE_LEASE = settings.CELERY_TASK_TIME_LIMIT
    (error,) = lease_outlasts_tasks(None)
    assert error.id == "marketplace_link.E001"


# ---------------------------------------------------------------------------------------------
# Outages: nothing parks within the bound; a suspension never parks
# ---------------------------------------------------------------------------------------------
def test_a_503_with_retry_after_is_not_an_attempt_but_still_backs_off(
    application, marketplace, settings
):
    settings.ISOKO_MARKETPLACE_RETRY_MAX_DELAY = 900
    storefront = provision(application)
    message = storefront.outbox.get()
    marketplace.faults(down=True)  # 503 with Retry-After: 1
    for _ in range(8):
        assert deliver(message) == "retry"
    message.refresh_from_db()
    assert (message.attempts, message.retries, message.status) == (0, 8, MStatus.PENDING)
    # Failing for 10 minutes: the next wait is longer than the Retry-After asked for.
    OutboxMessage.objects.filter(pk=message.pk).update(
        retrying_since=timezone.now() - timedelta(minutes=10), not_before=timezone.now()
    )
    outcome = outbox_message_deliver(message_id=message.pk)
    assert outcome.result == "retry"
    assert outcome.delay >= 150  # half of the 10 minutes, jittered down by at most half


def test_a_suspension_never_parks_it_fails_visibly_and_keeps_retrying(
    provisioned, marketplace, settings
):
    settings.ISOKO_MARKETPLACE_MAX_ATTEMPTS = 2
    settings.ISOKO_MARKETPLACE_GIVE_UP_AFTER = 0
    settings.ISOKO_MARKETPLACE_RETRY_MAX_DELAY = 60
    settings.ISOKO_MARKETPLACE_URL = closed_port_url()
    storefront_suspend(provisioned, reason="Certificate revoked")
    suspend = provisioned.outbox.get(kind=Kind.SUSPEND)

    assert [deliver(suspend) for _ in range(4)] == ["retry"] * 4
    suspend.refresh_from_db()
    assert suspend.status == MStatus.FAILED  # shown to staff as failing...
    assert suspend.attempts == 2
    assert suspend.not_before > timezone.now()
    assert outbox_due() == []
    OutboxMessage.objects.filter(pk=suspend.pk).update(not_before=timezone.now())
    assert outbox_due() == [suspend.pk]  # ...and still delivered
    events = ApplicationEvent.objects.filter(action=ApplicationEvent.Action.NEEDS_ATTENTION)
    assert events.count() == 1, "told once, not at every retry"
    # Staff read that it is still being retried, not that delivery gave up.
    from tests.marketplace.review_fixtures import admin_client

    staff = admin_client("staff@example.com", "marketplace_link.review_application")
    html = staff.get(f"/admin/storefronts/{provisioned.pk}/").content.decode()
    assert "retried automatically until it goes through" in html and "gave up" not in html

    settings.ISOKO_MARKETPLACE_URL = marketplace.url  # the marketplace is back
    assert deliver(suspend) == "done"
    suspend.refresh_from_db()
    assert suspend.status == MStatus.DONE
    assert (
        MarketplaceClient.from_settings().store_find(str(provisioned.application.public_id))[
            "status"
        ]
        == "SUSPENDED"
    )


def test_a_failed_sync_leaves_a_live_store_in_the_showcase(provisioned, marketplace, settings):
    Storefront.objects.filter(pk=provisioned.pk).update(status=Status.LIVE)
    product = provisioned.application.products.first()
    product.hs_code = "0901"  # refused by the marketplace
    product.save()
    sync = product_changed(product)

    assert deliver(sync) == "failed"
    provisioned.refresh_from_db()
    assert provisioned.status == Status.LIVE
    sync.refresh_from_db()
    assert sync.status == MStatus.FAILED  # counted for staff, with the retry action


# ---------------------------------------------------------------------------------------------
# Going live after a retry
# ---------------------------------------------------------------------------------------------
def test_a_store_retried_into_live_records_when_it_went_live(
    application, marketplace, django_capture_on_commit_callbacks
):
    storefront = provision(application)
    fail_permanently(storefront)
    storefront.refresh_from_db()
    assert storefront.status == Status.NEEDS_ATTENTION
    # The marketplace approves the store meanwhile (its webhook); ours stays "needs attention".
    event_apply(
        event_id="ev-live",
        kind="store.status_changed",
        data={"external_id": str(application.public_id), "status": "ACTIVE"},
        event={"sequence": 3},
    )
    storefront.refresh_from_db()
    assert (storefront.status, storefront.went_live_at) == (Status.NEEDS_ATTENTION, None)

    with django_capture_on_commit_callbacks(execute=False):
        storefront_retry(storefront, actor=StaffFactory())
    storefront.refresh_from_db()
    assert storefront.status == Status.LIVE
    assert storefront.went_live_at is not None


# ---------------------------------------------------------------------------------------------
# The embedded demo: no broker, no beat
# ---------------------------------------------------------------------------------------------
def test_the_outbox_loop_delivers_a_debounced_sync_once_due(
    provisioned, marketplace, settings, django_capture_on_commit_callbacks
):
    settings.ISOKO_MARKETPLACE_SYNC_DELAY = 30
    product = provisioned.application.products.first()
    product.title = "Huye beans, new harvest"
    product.save()
    with django_capture_on_commit_callbacks(execute=True):  # eager: the countdown is ignored
        sync = product_changed(product)
    sync.refresh_from_db()
    assert (sync.status, sync.attempts) == (MStatus.PENDING, 0)

    call_command("marketplace_outbox_loop", "--once")  # not due yet: nothing happens
    sync.refresh_from_db()
    assert sync.status == MStatus.PENDING
    OutboxMessage.objects.filter(pk=sync.pk).update(not_before=timezone.now())  # 30 s later

    call_command("marketplace_outbox_loop", "--once")
    sync.refresh_from_db()
    assert sync.status == MStatus.DONE
    client = MarketplaceClient.from_settings()
    remote = client.product_find(provisioned.marketplace_store_id, product.sku)
    assert remote["title"] == "Huye beans, new harvest"


# ---------------------------------------------------------------------------------------------
# Removals racing creations and syncs
# ---------------------------------------------------------------------------------------------
def test_a_delisting_waits_while_provisioning_may_still_create_the_product(
    application, marketplace
):
    storefront = provision(application)
    provision_message = storefront.outbox.get()
    marketplace.faults(failure_rate={"POST /v1/stores/{store_id}/products": 1.0})
    assert deliver(provision_message) == "retry"  # the store exists, no product yet
    marketplace.faults(clear=True)
    product = application.products.first()
    delist = product_removed(product)

    assert deliver(delist) == "waiting"
    assert deliver(provision_message) == "done"
    assert deliver(delist) in ("done", "cancelled")
    client = MarketplaceClient.from_settings()
    storefront.refresh_from_db()
    remote = client.product_find(storefront.marketplace_store_id, product.sku)
    assert remote is None or remote["status"] == "DELISTED"


def test_a_sync_refused_because_its_product_was_removed_meanwhile_is_cancelled(
    provisioned, marketplace
):
    product = provisioned.application.products.first()
    listing = Listing.objects.get(product=product)
    sync = product_changed(product)
    OutboxMessage.objects.filter(pk=sync.pk).update(not_before=timezone.now())
    client = MarketplaceClient.from_settings()
    # The seller removes the product while the sync's update is on its way: the delisting
    # gets there first, and the update is refused (409 listing_delisted).
    client.product_delist(
        provisioned.marketplace_store_id, listing.marketplace_product_id, idempotency_key="x"
    )

    class RemovedMidCall(MarketplaceClient):
        def product_update(self, *args, **kwargs):
            Product.objects.filter(pk=product.pk).update(removed_at=timezone.now())
            return super().product_update(*args, **kwargs)

    mid_call = RemovedMidCall.from_settings()
    assert outbox_message_deliver(message_id=sync.pk, client=mid_call).result == "cancelled"
    sync.refresh_from_db()
    assert sync.last_error == "cancelled: product removed"
    provisioned.refresh_from_db()
    assert provisioned.status == Status.IN_REVIEW


def test_a_late_listing_event_cannot_undo_a_delisting(provisioned, marketplace):
    product = provisioned.application.products.first()
    assert deliver(product_removed(product)) == "done"
    listing = Listing.objects.get(product=product)
    assert (listing.status, listing.status_sequence) == ("DELISTED", FINAL_SEQUENCE)

    event_apply(
        event_id="ev-late",
        kind="listing.approved",
        data={"sku": product.sku, "product_id": listing.marketplace_product_id, "status": "ACTIVE"},
        event={"sequence": 2},
    )
    listing.refresh_from_db()
    assert listing.status == "DELISTED"


# ---------------------------------------------------------------------------------------------
# What the marketplace sends back
# ---------------------------------------------------------------------------------------------
def test_only_a_web_url_is_kept_as_the_stores_public_url(application, scripted, settings):
    provisioning_fixtures.point_at(settings, scripted_as_sandbox(scripted))
    scripted.default = Reply(
        201, {"id": "st_1", "status": "PENDING", "public_url": "javascript:alert(document.cookie)"}
    )
    storefront = provision(application)
    assert deliver(storefront.outbox.get()) == "done"
    storefront.refresh_from_db()
    assert storefront.marketplace_store_id == "st_1"
    assert storefront.public_url == ""


def scripted_as_sandbox(server):
    class Pointer:
        url = server.url
        key_id = "isoko-test"
        secret = "s3cret"

    return Pointer
