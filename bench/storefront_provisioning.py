"""Storefront provisioning at scale: 200 approved applications of 5 products
each are provisioned at the sandbox marketplace by two Celery workers, with zero duplicates and
zero losses, optionally while the sandbox fails a share of its calls.

A fresh PostgreSQL database is migrated and seeded with seed_demo (for its storefront-qualifying
course). Then this process writes the approved applications in bulk, as the reviewers' approvals
leave them: a learner each with an issued certificate of that course, complete business details,
a logo and the products (one image each). The real sandbox marketplace runs as a subprocess
(tests/sandbox/server.py's start_sandbox: its own SQLite data, signed calls, asynchronous review,
optional injected faults), and gunicorn serves Isoko on the bench database so the sandbox's signed
webhooks reach /marketplace/webhooks/ over HTTP: a store is "live" when Isoko's Storefront says so,
which only a store.status_changed webhook does. That is the whole path a real approval takes, not
a poll of the marketplace. Two ``celery worker --pool solo`` processes on a private Redis queue
deliver the outbox with the project's own retry settings (10 s base backoff with jitter; a
message parks only after ISOKO_MARKETPLACE_MAX_ATTEMPTS counted failures *and*
ISOKO_MARKETPLACE_GIVE_UP_AFTER of failing; --retry-delay changes the base). No beat runs, so
no sweep hides a lost task.

The clock runs from the first approval (``storefront_create_for`` in its own transaction, as the
reviewer's approval calls it; delivery is enqueued on commit) to the last store live, and to the
last listing active. Then it checks the sandbox's data directly: one store per external id, one
product per SKU, every approved application and product there, and the ids Isoko stored are the
sandbox's. Calls and retries are counted on both sides: OutboxMessage.calls/retries, and the
sandbox's /_sandbox/stats (calls received, faults injected, idempotent replays, webhooks).

    .venv/bin/python bench/storefront_provisioning.py [--storefronts 200] [--products 5]
        [--workers 2] [--failure-rate 0.3] [--latency-ms 0] [--timeout 600] [--keep-database]

The database and Redis: as bench/certificate_graduation.py (isoko_bench, dropped and created again,
dropped at the end unless --keep-database; the private queue is purged). No PostgreSQL or no
Redis: prints "skipped" and exits 0. Exits non-zero on any duplicate, loss or store not live.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import sqlite3
import sys
import time
import uuid
from decimal import Decimal
from pathlib import Path

from _support import ROOT, gunicorn_server
from certificate_graduation import (
    DEFAULT_REDIS_URL,
    drop_database,
    prepare_database,
    prepare_services,
    start_workers,
    stop_workers,
    wait_ready,
)

sys.path.insert(0, str(ROOT))
from tests.sandbox.server import KEY_ID, SECRET, start_sandbox  # noqa: E402

EMAIL_DOMAIN = "sellers.bench.isoko.test"
# Fixed, so a run's injected faults fall the same way each time (up to the workers' timing).
SANDBOX_SEED = "7"
# The sandbox delivers webhooks from 4 threads; gunicorn gets as many sync workers.
WEBHOOK_WORKERS = 4


# ---------------------------------------------------------------------------------------------
# In this process (Django set up on the bench database, Redis as the broker)
# ---------------------------------------------------------------------------------------------
def add_applications(count: int, products_each: int) -> list[int]:
    """`count` approved applications, each with a certificate, business details, a logo and
    `products_each` products with an image; returns their pks. Bulk rows: the approvals are
    what the clock measures, not the forms that came before."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from accounts.models import Profile
    from certificates.models import Certificate
    from courses.api import CoursePage
    from marketplace_link.choices import DISTRICTS
    from marketplace_link.models import Product, ProductImage, StorefrontApplication

    course = (
        CoursePage.objects.live()
        .filter(qualifies_for_storefront=True, locale__language_code="en")
        .order_by("path")
        .first()
    )
    if course is None:
        sys.exit("seed_demo made no storefront-qualifying course")
    now, today = timezone.now(), timezone.localdate()
    password = make_password("bench-password-not-a-secret")  # hashed once, shared
    users = get_user_model().objects.bulk_create(
        get_user_model()(email=f"seller{n:05d}@{EMAIL_DOMAIN}", password=password)
        for n in range(count)
    )
    Profile.objects.bulk_create(
        Profile(user=user, full_name=f"Seller {n:05d} Mukamana-Habimana Aimée")
        for n, user in enumerate(users)
    )
    certificates = Certificate.objects.bulk_create(
        Certificate(
            learner=user,
            course=course,
            name=f"Seller {n:05d} Mukamana-Habimana Aimée",
            course_title=course.title,
            status=Certificate.Status.ISSUED,
            issued_at=now,
            issued_on=today,
            pdf_sha256=f"{n:064x}",  # never rendered: provisioning does not read the PDF
        )
        for n, user in enumerate(users)
    )
    districts = [value for value, _label in DISTRICTS]
    applications = StorefrontApplication.objects.bulk_create(
        StorefrontApplication(
            applicant=user,
            certificate=certificate,
            status=StorefrontApplication.Status.APPROVED,
            legal_name=f"Bench Coffee Cooperative {n:05d} Ltd",
            trading_name=f"Bench Coffee {n:05d}",
            registration_number=f"{102000000 + n}",
            tin=f"{101000000 + n}",
            district=districts[n % len(districts)],
            sector="coffee",
            contact_phone=f"+25078{n:07d}",
            contact_email=f"sales{n:05d}@{EMAIL_DOMAIN}",
            description_en="Washed Bourbon from smallholder farms, dried on raised beds.",
            description_fr="Bourbon lavé de petites exploitations, séché sur claies.",
            description_zh="来自小农户的水洗波旁咖啡，在高架床上晾干。",
            logo=f"marketplace/images/{uuid.uuid4().hex}.png",  # a name only: never fetched
            submitted_at=now,
            decided_at=now,
        )
        for n, (user, certificate) in enumerate(zip(users, certificates, strict=True))
    )
    products = Product.objects.bulk_create(
        Product(
            application=application,
            sku=f"isoko-{uuid.uuid4().hex[:16]}",  # what Product.save does; bulk_create skips it
            title=f"{application.trading_name} lot {p + 1}",
            description="Fully washed, sun-dried, screen 15+. Cupping score 86.",
            category="coffee",
            price_rwf=12_000 + p * 500,
            price_usd=Decimal("9.50") + p,
            min_order_quantity=5,
            stock=400,
            unit="kg",
            hs_code="090111",
            origin_district=application.district,
            certifications=["organic", "fair_trade"],
        )
        for application in applications
        for p in range(products_each)
    )
    ProductImage.objects.bulk_create(
        ProductImage(product=product, image=f"marketplace/images/{uuid.uuid4().hex}.jpg")
        for product in products
    )
    return [application.pk for application in applications]


def approve_all(application_ids: list[int]) -> list[int]:
    """What each reviewer's approval does: storefront_create_for inside its transaction; the
    delivery task is sent when that commits. Returns the storefront pks."""
    from django.db import transaction

    from marketplace_link.models import StorefrontApplication
    from marketplace_link.outbox import storefront_create_for

    storefronts = []
    for application in StorefrontApplication.objects.filter(pk__in=application_ids):
        with transaction.atomic():
            storefronts.append(storefront_create_for(application).pk)
    return storefronts


def progress(storefront_ids: list[int]) -> dict:
    from django.db.models import Count

    from marketplace_link.models import Listing, OutboxMessage, Storefront

    by_status = dict(
        Storefront.objects.filter(pk__in=storefront_ids)
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    return {
        "by_status": by_status,
        "active": Listing.objects.filter(storefront_id__in=storefront_ids, status="ACTIVE").count(),
        "pending": OutboxMessage.objects.filter(
            storefront_id__in=storefront_ids, status=OutboxMessage.Status.PENDING
        ).count(),
    }


def wait_all(
    storefront_ids: list[int], products: int, sandbox, started: float, timeout: float
) -> tuple[float | None, float | None]:
    """Seconds from `started` until every store is live and until every listing is active (None
    if not within `timeout`). Stops early once nothing more can happen: no message pending, no
    webhook left to deliver, and every store either live or parked as needing attention."""
    from marketplace_link.models import Storefront

    live_after = active_after = None
    count = len(storefront_ids)
    next_report = 10.0
    while time.perf_counter() - started < timeout:
        now = progress(storefront_ids)
        elapsed = time.perf_counter() - started
        live = now["by_status"].get(Storefront.Status.LIVE, 0)
        parked = now["by_status"].get(Storefront.Status.NEEDS_ATTENTION, 0)
        if live_after is None and live >= count:
            live_after = elapsed
        if live >= count and now["active"] >= products:
            active_after = elapsed
            break
        if now["pending"] == 0 and live + parked >= count:
            if sandbox.stats()["webhooks"]["pending"] == 0:
                break
        if elapsed >= next_report:
            shown_status = ", ".join(
                f"{n} {status}" for status, n in sorted(now["by_status"].items())
            )
            print(
                f"  [{elapsed:6.1f} s] stores: {shown_status}; {now['active']:,} listings "
                f"active; {now['pending']} outbox messages pending",
                flush=True,
            )
            next_report += 10.0
        time.sleep(0.25)
    return live_after, active_after


def settle_webhooks(sandbox, timeout: float = 30.0) -> None:
    """Let the sandbox finish delivering (listing approvals may trail the store's go-live), so
    its counts are final."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and sandbox.stats()["webhooks"]["pending"]:
        time.sleep(0.25)


def isoko_side(storefront_ids: list[int]) -> dict:
    from django.db.models import Sum

    from marketplace_link.models import Listing, OutboxMessage, Storefront

    storefronts = Storefront.objects.filter(pk__in=storefront_ids)
    messages = OutboxMessage.objects.filter(storefront_id__in=storefront_ids)
    totals = messages.aggregate(calls=Sum("calls"), retries=Sum("retries"))
    listings = Listing.objects.filter(storefront_id__in=storefront_ids)
    return {
        "stores": dict(storefronts.values_list("application__public_id", "marketplace_store_id")),
        "products": dict(listings.values_list("product__sku", "marketplace_product_id")),
        "live": storefronts.filter(status=Storefront.Status.LIVE).count(),
        "needs_attention": storefronts.filter(status=Storefront.Status.NEEDS_ATTENTION).count(),
        "active": listings.filter(status="ACTIVE").count(),
        "messages": messages.count(),
        "messages_done": messages.filter(status=OutboxMessage.Status.DONE).count(),
        "calls": totals["calls"] or 0,
        "retries": totals["retries"] or 0,
        "went_live_at": sorted(
            storefronts.filter(went_live_at__isnull=False).values_list("went_live_at", flat=True)
        ),
    }


def sandbox_side(db_path: Path) -> dict:
    """The sandbox's own rows, read from its SQLite file once it has stopped."""
    with contextlib.closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as conn:
        stores = conn.execute(
            "SELECT external_id, id, json_extract(doc, '$.status') FROM stores"
        ).fetchall()
        products = conn.execute(
            "SELECT sku, id, json_extract(doc, '$.status') FROM products"
        ).fetchall()
    return {
        "stores": {external_id: store_id for external_id, store_id, _ in stores},
        "products": {sku: product_id for sku, product_id, _ in products},
        "duplicate_stores": len(stores) - len({row[0] for row in stores}),
        "duplicate_products": len(products) - len({row[0] for row in products}),
        "active_stores": sum(status == "ACTIVE" for *_, status in stores),
        "active_products": sum(status == "ACTIVE" for *_, status in products),
    }


def compare(isoko: dict, sandbox: dict) -> dict:
    """Losses: an approved store or product the marketplace does not have, or that Isoko holds
    under another id than the marketplace's (a second copy made and the first forgotten)."""
    lost_stores = sum(str(key) not in sandbox["stores"] for key in isoko["stores"])
    lost_products = sum(sku not in sandbox["products"] for sku in isoko["products"])
    wrong_ids = sum(
        sandbox["stores"].get(str(key)) != value for key, value in isoko["stores"].items()
    ) + sum(sandbox["products"].get(sku) != value for sku, value in isoko["products"].items())
    extra = (
        len(sandbox["stores"])
        - len(isoko["stores"])
        + len(sandbox["products"])
        - len(isoko["products"])
    )
    return {"lost_stores": lost_stores, "lost_products": lost_products, "wrong_ids": wrong_ids,
            "extra": extra}  # fmt: skip


def went_live(moments: list, started_at) -> str:
    """Seconds from the first approval until half, 90 % and 99 % of the stores were live: with
    faults, the wall time is a tail of a few unlucky stores' backoff, and this shows it."""
    if not moments:
        return "—"
    seconds = [(moment - started_at).total_seconds() for moment in moments]
    return " / ".join(
        f"{seconds[min(len(seconds) - 1, int(len(seconds) * share))]:.1f} s"
        for share in (0.5, 0.9, 0.99)
    )


# ---------------------------------------------------------------------------------------------
def round_trip(base_url: str, count: int = 30) -> float:
    """The baseline: seconds per bare HTTP round trip to the sandbox (GET /_sandbox/health,
    median of `count`): the floor under each of its API calls, with no signing, no database
    and no review behind it."""
    import statistics
    import urllib.request

    timings = []
    for _ in range(count + 3):
        started = time.perf_counter()
        with urllib.request.urlopen(f"{base_url.rstrip('/')}/_sandbox/health", timeout=10) as r:
            r.read()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings[3:])  # the first ones open connections, warm the server


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--storefronts", type=int, default=200)
    parser.add_argument("--products", type=int, default=5, help="per storefront")
    parser.add_argument("--workers", type=int, default=2, help="solo worker processes")
    parser.add_argument(
        "--failure-rate", type=float, default=0.0, help="share of sandbox API calls failing"
    )
    parser.add_argument("--latency-ms", type=int, default=0, help="added to each sandbox call")
    parser.add_argument(
        "--retry-delay", type=float, default=None, help="base backoff, s (default: settings)"
    )
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds")
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL)
    parser.add_argument("--keep-database", action="store_true")
    args = parser.parse_args()

    prepared = prepare_services(args.redis_url, prefix="isoko-storefronts-")
    if prepared is None:
        return
    url, workdir, env, queue = prepared
    workers = []
    try:
        with contextlib.ExitStack() as stack:
            setup_started = time.perf_counter()
            prepare_database(env)
            # Isoko's web side, for the webhooks: the bench database, the sandbox's key pair.
            env.update({"ISOKO_MARKETPLACE_KEY_ID": KEY_ID, "ISOKO_MARKETPLACE_SECRET": SECRET})
            web_port = stack.enter_context(gunicorn_server(env, workers=WEBHOOK_WORKERS))
            faults = {"failure_rate": {"*": args.failure_rate}, "latency_ms": args.latency_ms}
            sandbox = start_sandbox(
                workdir,
                SANDBOX_WEBHOOK_URL=f"http://127.0.0.1:{web_port}/marketplace/webhooks/",
                SANDBOX_FAULTS=json.dumps(faults),
                SANDBOX_SEED=SANDBOX_SEED,
            )
            stack.callback(sandbox.stop)
            env["ISOKO_MARKETPLACE_URL"] = sandbox.url
            rtt = round_trip(sandbox.url)
            if args.retry_delay is not None:
                env["ISOKO_MARKETPLACE_RETRY_DELAY"] = str(args.retry_delay)

            # This process: the same settings, with Redis as the broker (tasks are sent, not run).
            os.environ.update({**env, "REDIS_URL": args.redis_url})
            import django

            django.setup()
            from django.conf import settings

            from config.celery import app

            app.conf.task_default_queue = queue
            application_ids = add_applications(args.storefronts, args.products)
            print(
                f"seeded in {time.perf_counter() - setup_started:.1f} s: "
                f"{len(application_ids):,} approved applications of {args.products} products; "
                f"sandbox at {sandbox.url}, webhooks to gunicorn on :{web_port}; "
                f"starting {args.workers} solo workers on {queue}",
                flush=True,
            )
            workers = start_workers(args.workers, queue, {**env, "REDIS_URL": args.redis_url},
                                    workdir)  # fmt: skip
            wait_ready(app, workers)

            from django.utils import timezone

            started, started_at = time.perf_counter(), timezone.now()
            storefront_ids = approve_all(application_ids)
            approved_after = time.perf_counter() - started
            total_products = len(storefront_ids) * args.products
            live_after, active_after = wait_all(
                storefront_ids, total_products, sandbox, started, args.timeout
            )
            settle_webhooks(sandbox)
            stats = sandbox.stats()
            stop_workers(workers)
            per_worker = [
                sum(
                    "deliver_outbox[" in line and " succeeded in " in line
                    for line in (workdir / f"worker-{n}.log")
                    .read_text(errors="replace")
                    .split("\n")
                )
                for n in range(1, args.workers + 1)
            ]
            workers = []
            isoko = isoko_side(storefront_ids)
            retry_settings = (
                f"{settings.ISOKO_MARKETPLACE_RETRY_DELAY:g} s base backoff, "
                f"parked after {settings.ISOKO_MARKETPLACE_MAX_ATTEMPTS} attempts and "
                f"{settings.ISOKO_MARKETPLACE_GIVE_UP_AFTER / 3600:g} h"
            )
        # The sandbox has stopped: its file is complete and no longer written.
        remote = sandbox_side(workdir / "sandbox.sqlite3")
    finally:
        stop_workers(workers)
        with contextlib.suppress(Exception):  # Django not set up yet: nothing was queued
            from config.celery import app

            with app.connection_for_write() as conn:
                conn.default_channel.queue_purge(queue)
        with contextlib.suppress(Exception):
            from django.db import connections

            connections.close_all()
        if not args.keep_database:
            drop_database(url)
        shutil.rmtree(workdir, ignore_errors=True)

    lost = compare(isoko, remote)
    count = len(storefront_ids)
    sandbox_faults = stats["faults"]
    injected = sum(sandbox_faults.get(k, 0) for k in ("failure_before", "failure_after"))
    webhooks = stats["webhooks"]

    def seconds(value: float | None) -> str:
        return f"{value:.1f} s" if value is not None else "NOT ALL"

    print(f"{count:,} approvals committed (deliveries enqueued) in {approved_after:.2f} s")
    rows = [
        ("workers", f"{args.workers} × celery worker --pool solo ({retry_settings})"),
        ("sandbox faults", f"failure rate {args.failure_rate:g}, latency {args.latency_ms} ms"),
        ("storefronts", f"{count:,} ({isoko['live']:,} live)"),
        ("products", f"{total_products:,} ({isoko['active']:,} listings active)"),
        (
            "baseline: sandbox round trip",
            f"{rtt * 1000:.1f} ms (GET /_sandbox/health); floor for {stats['calls_total']:,} "
            f"calls on {args.workers} workers: {stats['calls_total'] * rtt / args.workers:.1f} s",
        ),
        ("wall time: all stores live", seconds(live_after)),
        ("wall time: all listings active", seconds(active_after)),
        ("storefronts / s", f"{count / live_after:.1f}" if live_after else "—"),
        ("delivery tasks per worker", " / ".join(f"{n:,}" for n in per_worker)),
        ("stores live after (50% / 90% / 99%)", went_live(isoko["went_live_at"], started_at)),
        ("outbox messages done / all", f"{isoko['messages_done']:,} / {isoko['messages']:,}"),
        ("calls made: Isoko (outbox)", f"{isoko['calls']:,}"),
        ("calls made: sandbox (stats)", f"{stats['calls_total']:,}"),
        ("calls per storefront", f"{stats['calls_total'] / count:.2f}"),
        ("retries: Isoko (outbox)", f"{isoko['retries']:,}"),
        (
            "faults injected: sandbox",
            f"{injected:,} (before the change {sandbox_faults.get('failure_before', 0):,}, "
            f"after it {sandbox_faults.get('failure_after', 0):,}; "
            f"429s {sandbox_faults.get('rate_limited', 0):,})",
        ),
        ("idempotent replays: sandbox", f"{stats['idempotent_replays']:,}"),
        (
            "webhooks: events / deliveries / failed",
            f"{webhooks['events']:,} / {webhooks['delivered']:,} / {webhooks['failed']:,}",
        ),
        ("sandbox stores / products", f"{len(remote['stores']):,} / {len(remote['products']):,}"),
        ("duplicate stores (per external_id)", f"{remote['duplicate_stores']:,}"),
        ("duplicate products (per sku)", f"{remote['duplicate_products']:,}"),
        ("lost stores / products", f"{lost['lost_stores']:,} / {lost['lost_products']:,}"),
        ("ids differing, extra at the sandbox", f"{lost['wrong_ids']:,}, {lost['extra']:,}"),
        ("needs attention", f"{isoko['needs_attention']:,}"),
    ]
    width = max(len(name) for name, _value in rows) + 2
    for name, value in rows:
        print(f"{name:<{width}}{value}")
    sound = (
        remote["duplicate_stores"] == remote["duplicate_products"] == 0
        and lost["lost_stores"] == lost["lost_products"] == lost["wrong_ids"] == lost["extra"] == 0
        and isoko["live"] == count
        and isoko["active"] == total_products
    )
    if not sound:
        sys.exit("FAILED: duplicates, losses or storefronts not live (see above)")
    print("ok: every storefront live, zero duplicates, zero losses")


if __name__ == "__main__":
    main()
