"""Provisioning over real HTTP to the sandbox marketplace, by real Celery workers.
Isoko's webhook endpoint is served by pytest-django's live server, and the sandbox
(a subprocess) calls it back, signed, as the real marketplace would.

- 30 % of the sandbox's calls fail (before or after applying the change): every approved
  storefront is provisioned exactly once, with no duplicate store or product;
- the sandbox is down for a while: nothing is lost, provisioning completes when it is back;
- a worker SIGKILLed mid-provisioning: the next one resumes without duplicates;
- webhooks duplicated and shuffled: Isoko's state ends up the marketplace's.
"""

from __future__ import annotations

import time

import pytest
from django.db import transaction

from marketplace_link.models import Listing, OutboxMessage, Storefront, WebhookEvent
from marketplace_link.outbox import storefront_create_for
from marketplace_link.tasks import sweep_outbox_task
from tests.marketplace import provisioning_fixtures
from tests.marketplace.provisioning_fixtures import approved
from tests.sandbox.server import start_sandbox
from tests.services.helpers import wait_for

# Fixtures shared with the other marketplace tests (the package's conftest is not ours).
qualifying_course = provisioning_fixtures.qualifying_course

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]
Status = Storefront.Status
DONE = OutboxMessage.Status.DONE
VISIBILITY_TIMEOUT = 5


@pytest.fixture
def sandbox(live_server, settings, tmp_path):
    """A sandbox whose webhooks go to this test's live Isoko, sharing its key pair."""
    sandbox = start_sandbox(
        tmp_path,
        SANDBOX_WEBHOOK_URL=live_server.url + "/marketplace/webhooks/",
        SANDBOX_REVIEW_DELAY="0.2",
        SANDBOX_SEED="5",
    )
    settings.ISOKO_MARKETPLACE_URL = sandbox.url
    settings.ISOKO_MARKETPLACE_KEY_ID = sandbox.key_id
    settings.ISOKO_MARKETPLACE_SECRET = sandbox.secret
    yield sandbox
    sandbox.stop()


def worker_env(sandbox, **extra) -> dict:
    return {
        "ISOKO_MARKETPLACE_URL": sandbox.url,
        "ISOKO_MARKETPLACE_KEY_ID": sandbox.key_id,
        "ISOKO_MARKETPLACE_SECRET": sandbox.secret,
        "ISOKO_MARKETPLACE_RETRY_DELAY": "0.2",
        "ISOKO_MARKETPLACE_RETRY_MAX_DELAY": "2",
        "ISOKO_MARKETPLACE_MAX_ATTEMPTS": "30",
        "ISOKO_MARKETPLACE_READ_TIMEOUT": "5",
        **extra,
    }


def approve_all(course, count: int, products: int, **kwargs) -> list[Storefront]:
    storefronts = []
    for n in range(count):
        application = approved(course, trading_name=f"Store {n:03d}", products=products, **kwargs)
        with transaction.atomic():  # as the reviewer's approval does
            storefronts.append(storefront_create_for(application))
    return storefronts


def fail_with_logs(message: str, sandbox, *workers) -> None:
    logs = "\n".join(f"--- worker {w.pid} ---\n{w.log()[-4000:]}" for w in workers)
    pytest.fail(f"{message}\n{logs}\n--- sandbox ---\n{sandbox.log()[-2000:]}")


def provisioned(storefronts) -> bool:
    ids = [s.pk for s in storefronts]
    return not OutboxMessage.objects.filter(storefront_id__in=ids).exclude(status=DONE).exists()


def all_live(storefronts) -> bool:
    ids = [s.pk for s in storefronts]
    return Storefront.objects.filter(pk__in=ids, status=Status.LIVE).count() == len(ids)


def assert_exactly_once(sandbox, storefronts, products_each: int) -> None:
    """The sandbox holds one store per storefront and one product per listing: no duplicates,
    and every id Isoko stored is the one the marketplace has."""
    stats = sandbox.stats()
    assert stats["stores"] == len(storefronts), stats
    assert stats["products"] == len(storefronts) * products_each, stats
    from marketplace_link.client import MarketplaceClient

    client = MarketplaceClient.from_settings()
    for storefront in Storefront.objects.filter(pk__in=[s.pk for s in storefronts]):
        remote = client.store_find(str(storefront.application.public_id))
        assert remote["id"] == storefront.marketplace_store_id
        listings = Listing.objects.filter(storefront=storefront).select_related("product")
        assert listings.count() == products_each
        for listing in listings:
            found = client.product_find(storefront.marketplace_store_id, listing.product.sku)
            assert found["id"] == listing.marketplace_product_id


# ---------------------------------------------------------------------------------------------
def test_with_30_percent_of_calls_failing_every_store_is_provisioned_once(
    start_worker, sandbox, qualifying_course
):
    sandbox.faults(failure_rate={"*": 0.3})
    worker = start_worker(env=worker_env(sandbox), pool="prefork", concurrency=4)
    storefronts = approve_all(qualifying_course, count=10, products=3)

    if not wait_for(lambda: provisioned(storefronts) and all_live(storefronts), timeout=150):
        fail_with_logs("not every storefront went live", sandbox, worker)

    stats = sandbox.stats()
    injected = stats["faults"].get("failure_before", 0) + stats["faults"].get("failure_after", 0)
    assert injected >= 5 and stats["faults"].get("failure_after", 0) >= 1, stats["faults"]
    sandbox.faults(clear=True)
    assert_exactly_once(sandbox, storefronts, products_each=3)
    messages = OutboxMessage.objects.filter(kind=OutboxMessage.Kind.PROVISION)
    assert sum(m.retries for m in messages) > 0
    print(  # noqa: T201  (the numbers the report quotes; shown with -s)
        f"\n30% failures: {stats['calls_total']} calls, {injected} injected failures, "
        f"{sum(m.retries for m in messages)} retries, {sum(m.calls for m in messages)} calls "
        f"counted by Isoko"
    )
    assert all(m.status == DONE for m in messages)
    assert not Storefront.objects.filter(status=Status.NEEDS_ATTENTION).exists()
    # Every listing reviewed and approved, as the webhooks said.
    assert set(Listing.objects.values_list("status", flat=True)) == {"ACTIVE"}


def test_the_marketplace_down_for_a_while_loses_nothing(start_worker, sandbox, qualifying_course):
    sandbox.faults(down=True)
    worker = start_worker(env=worker_env(sandbox), pool="prefork", concurrency=2)
    storefronts = approve_all(qualifying_course, count=4, products=2)

    retrying = OutboxMessage.objects.filter(retries__gte=2)
    if not wait_for(lambda: retrying.count() == len(storefronts), timeout=60):
        fail_with_logs("the deliveries did not retry while it was down", sandbox, worker)
    assert sandbox.stats()["stores"] == 0
    assert not OutboxMessage.objects.exclude(status=OutboxMessage.Status.PENDING).exists()
    # A 503 with Retry-After is the marketplace asking us to wait: no attempt is spent (a
    # delivery in flight holds one).
    assert not OutboxMessage.objects.filter(attempts__gt=1).exists()
    time.sleep(3)  # down a while longer

    sandbox.faults(down=False)
    if not wait_for(lambda: provisioned(storefronts) and all_live(storefronts), timeout=90):
        fail_with_logs("provisioning did not complete after the outage", sandbox, worker)
    assert_exactly_once(sandbox, storefronts, products_each=2)


def test_a_worker_killed_mid_provisioning_resumes_without_duplicates(
    start_worker, sandbox, qualifying_course
):
    # Slow calls, so the kill lands inside deliveries.
    sandbox.faults(latency_ms=150)
    env = worker_env(
        sandbox,
        ISOKO_MARKETPLACE_LEASE="4",
        ISOKO_CELERY_VISIBILITY_TIMEOUT=str(VISIBILITY_TIMEOUT),
    )
    first = start_worker(env=env, pool="prefork", concurrency=2)
    storefronts = approve_all(qualifying_course, count=6, products=5)

    started = Listing.objects.exclude(marketplace_product_id="")
    if not wait_for(lambda: started.count() >= 8, timeout=60):
        fail_with_logs("the first worker provisioned too little", sandbox, first)
    first.kill()
    at_kill = started.count()
    assert not provisioned(storefronts), "everything finished before the kill: make it bigger"

    second = start_worker(env=env, pool="prefork", concurrency=2)

    def settled() -> bool:
        # Beat's job: hand back messages whose lease ran out (the killed deliveries).
        sweep_outbox_task.delay()
        return provisioned(storefronts) and all_live(storefronts)

    if not wait_for(lambda: settled() or time.sleep(1.0), timeout=120):
        fail_with_logs(f"not resumed ({at_kill} listings created at the kill)", sandbox, first,
                       second)  # fmt: skip
    sandbox.faults(clear=True)
    assert_exactly_once(sandbox, storefronts, products_each=5)
    interrupted = OutboxMessage.objects.filter(attempts__gte=2, retries=0)
    assert interrupted.exists(), "no delivery was caught mid-way by the kill"


def test_duplicate_and_shuffled_webhooks_leave_a_consistent_state(
    start_worker, sandbox, qualifying_course
):
    sandbox.faults(webhook_duplicates=0.6, webhook_shuffle=True)
    worker = start_worker(env=worker_env(sandbox), pool="prefork", concurrency=2)
    storefronts = approve_all(qualifying_course, count=3, products=2)
    # One product the marketplace's review refuses (the sandbox rejects titles with REJECT).
    from marketplace_link.models import Product

    refused = Product.objects.filter(application=storefronts[0].application).first()
    Product.objects.filter(pk=refused.pk).update(title="REJECT me: no photos")

    if not wait_for(lambda: provisioned(storefronts) and all_live(storefronts), timeout=90):
        fail_with_logs("not every storefront went live", sandbox, worker)
    target = Storefront.objects.get(pk=storefronts[1].pk)
    for _ in range(3):
        sandbox.control("POST", "/_sandbox/orders", {"store_id": target.marketplace_store_id})

    from marketplace_link.client import MarketplaceClient

    client = MarketplaceClient.from_settings()

    def consistent() -> bool:
        target.refresh_from_db()
        if target.order_count != 3:
            return False
        for listing in Listing.objects.select_related("storefront", "product"):
            remote = client.product_find(
                listing.storefront.marketplace_store_id, listing.product.sku
            )
            if remote["status"] != listing.status:
                return False
        webhooks = sandbox.stats()["webhooks"]
        return webhooks["pending"] == 0

    if not wait_for(consistent, timeout=60):
        fail_with_logs("Isoko's state did not converge to the marketplace's", sandbox, worker)

    refused_listing = Listing.objects.get(product=refused)
    assert refused_listing.status == "REJECTED" and refused_listing.status_reason
    assert Listing.objects.exclude(pk=refused_listing.pk).filter(status="ACTIVE").count() == 5
    stats = sandbox.stats()
    assert stats["webhooks"]["failed"] == 0
    # Many events really did arrive twice (one delivery row per copy).
    assert stats["webhooks"]["delivered"] > stats["webhooks"]["events"], stats["webhooks"]
    # Every distinct event recorded once, however often it came.
    assert WebhookEvent.objects.count() == stats["webhooks"]["events"]
    assert target.last_order_at is not None
    for storefront in Storefront.objects.all():
        assert storefront.status == Status.LIVE
        assert storefront.marketplace_status == "ACTIVE"
