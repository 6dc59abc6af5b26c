"""The storefront panel of /dashboard/ shows the learner's latest application, a draft's missing
products and photos, and their store's status and orders (set by the marketplace's webhooks and
the outbox tasks). Any save or delete of those rows replaces the applicant's generation
(core.learner_cache), so the dashboard cached for them is built again. The one ``update()`` of a
store (revocation.py's ``suspension_notified_at``) changes no field the panel shows.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from core.learner_cache import learner_changed


def _application(sender, instance, **kwargs) -> None:
    learner_changed(instance.applicant_id)


def _applicant_of(application_id) -> None:
    from marketplace_link.models import StorefrontApplication

    learner_changed(
        *StorefrontApplication.objects.filter(pk=application_id).values_list(
            "applicant_id", flat=True
        )
    )


def _by_application(sender, instance, **kwargs) -> None:  # a product, a store
    _applicant_of(instance.application_id)


def _image(sender, instance, **kwargs) -> None:
    from marketplace_link.models import Product

    application = Product.objects.filter(pk=instance.product_id).values_list(
        "application_id", flat=True
    )
    _applicant_of(application.first())


def connect() -> None:
    from marketplace_link.models import Product, ProductImage, StorefrontApplication
    from marketplace_link.storefront.models import Storefront

    for signal, name in ((post_save, "save"), (post_delete, "delete")):
        uid = f"learner-gen-{name}"
        signal.connect(_application, sender=StorefrontApplication, dispatch_uid=f"{uid}-app")
        signal.connect(_by_application, sender=Product, dispatch_uid=f"{uid}-product")
        signal.connect(_by_application, sender=Storefront, dispatch_uid=f"{uid}-store")
        signal.connect(_image, sender=ProductImage, dispatch_uid=f"{uid}-image")
