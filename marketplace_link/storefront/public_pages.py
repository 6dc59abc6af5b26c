"""Which writes of this app show on the public storefront showcase (/storefronts/ and a store's
page, storefront/showcase.py), so the page cache is purged after they commit.

The showcase shows live storefronts only: the store (its status, marketplace link, date it went
live), its seller's application (names, descriptions, sector, district, logo, banner) and the
products whose listing the marketplace approved, with their photos. Those rows change without a
Wagtail publish: a webhook (a store going live or suspended, a listing approved or taken down),
a staff action in the admin, the outbox's replies, a revoked certificate suspending its store, a
seller editing a product. Model signals see every one of these write paths (admin forms
included), so nothing has to remember to purge; each receiver asks whether the row is on show
(or was, before this write) and does nothing otherwise. An order webhook (``order_count``), a
draft application or a store still in review purges nothing.

Each receiver costs at most one indexed query, and only on a write that names a shown field.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save, pre_save

from core.public_pages import public_pages_changed_on_commit
from marketplace_link.models import Product, ProductImage, StorefrontApplication
from marketplace_link.storefront.models import Listing, Storefront
from marketplace_link.storefront.showcase import SHOWN_LISTING_STATUS

LIVE = Storefront.Status.LIVE
STOREFRONT_FIELDS = {"status", "public_url", "went_live_at", "application"}
APPLICATION_FIELDS = {
    "public_id",
    "trading_name",
    "legal_name",
    "district",
    "sector",
    "description_en",
    "description_fr",
    "description_zh",
    "logo",
    "banner",
    "certificate",
}
PRODUCT_FIELDS = {
    "title",
    "description",
    "price_rwf",
    "price_usd",
    "min_order_quantity",
    "unit",
    "origin_district",
    "certifications",
    "removed_at",
    "created_at",
    "application",
}
LISTING_FIELDS = {"status", "product", "storefront"}


def _names_shown(update_fields, shown: set[str]) -> bool:
    """Whether a save may change a shown field (``update_fields`` None: any field may)."""
    if update_fields is None:
        return True
    return bool({name.removesuffix("_id") for name in update_fields} & shown)


def _changed(reason: str, using: str) -> None:
    public_pages_changed_on_commit(reason=reason, using=using)


def _live(using: str, **lookup) -> bool:
    return Storefront.objects.using(using).filter(status=LIVE, **lookup).exists()


# -- the store itself ------------------------------------------------------------------------
def storefront_pre_save(sender, instance, raw=False, using="default", update_fields=None, **kw):
    instance._isoko_was_live = bool(
        not raw
        and instance.pk
        and _names_shown(update_fields, STOREFRONT_FIELDS)
        and _live(using, pk=instance.pk)
    )


def storefront_post_save(sender, instance, raw=False, using="default", update_fields=None, **kw):
    if raw or not _names_shown(update_fields, STOREFRONT_FIELDS):
        return
    if instance.status == LIVE or getattr(instance, "_isoko_was_live", False):
        _changed("storefront", using)


def storefront_post_delete(sender, instance, using="default", **kw):
    if instance.status == LIVE:
        _changed("storefront", using)


# -- the seller's details ----------------------------------------------------------------------
def application_post_save(sender, instance, raw=False, using="default", update_fields=None, **kw):
    if raw or kw.get("created"):
        return  # a new application has no store yet
    if _names_shown(update_fields, APPLICATION_FIELDS) and _live(using, application=instance.pk):
        _changed("storefront application", using)


# -- products, their photos and their listings -------------------------------------------------
def product_post_save(sender, instance, raw=False, using="default", update_fields=None, **kw):
    if raw or not _names_shown(update_fields, PRODUCT_FIELDS):
        return
    if _live(using, application=instance.application_id):
        _changed("product", using)


def product_post_delete(sender, instance, using="default", **kw):
    if _live(using, application=instance.application_id):
        _changed("product", using)


def image_changed(sender, instance, raw=False, using="default", **kw):
    if raw:
        return
    if _live(using, application__products=instance.product_id):
        _changed("product image", using)


def listing_pre_save(sender, instance, raw=False, using="default", update_fields=None, **kw):
    instance._isoko_was_shown = bool(
        not raw
        and instance.pk
        and _names_shown(update_fields, LISTING_FIELDS)
        and Listing.objects.using(using)
        .filter(pk=instance.pk, status=SHOWN_LISTING_STATUS)
        .exists()
    )


def listing_post_save(sender, instance, raw=False, using="default", update_fields=None, **kw):
    if raw or not _names_shown(update_fields, LISTING_FIELDS):
        return
    shown = instance.status == SHOWN_LISTING_STATUS or getattr(instance, "_isoko_was_shown", False)
    if shown and _live(using, pk=instance.storefront_id):
        _changed("listing", using)


def listing_post_delete(sender, instance, using="default", **kw):
    if instance.status == SHOWN_LISTING_STATUS and _live(using, pk=instance.storefront_id):
        _changed("listing", using)


def connect() -> None:
    """Called once, from the app's ready()."""
    uid = "marketplace_link.public_pages."
    pre_save.connect(storefront_pre_save, sender=Storefront, dispatch_uid=uid + "sf_pre")
    post_save.connect(storefront_post_save, sender=Storefront, dispatch_uid=uid + "sf_post")
    post_delete.connect(storefront_post_delete, sender=Storefront, dispatch_uid=uid + "sf_del")
    post_save.connect(
        application_post_save, sender=StorefrontApplication, dispatch_uid=uid + "app_post"
    )
    post_save.connect(product_post_save, sender=Product, dispatch_uid=uid + "product_post")
    post_delete.connect(product_post_delete, sender=Product, dispatch_uid=uid + "product_del")
    post_save.connect(image_changed, sender=ProductImage, dispatch_uid=uid + "image_post")
    post_delete.connect(image_changed, sender=ProductImage, dispatch_uid=uid + "image_del")
    pre_save.connect(listing_pre_save, sender=Listing, dispatch_uid=uid + "listing_pre")
    post_save.connect(listing_post_save, sender=Listing, dispatch_uid=uid + "listing_post")
    post_delete.connect(listing_post_delete, sender=Listing, dispatch_uid=uid + "listing_del")
