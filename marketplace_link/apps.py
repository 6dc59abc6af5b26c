from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketplaceLinkConfig(AppConfig):
    """Seller applications, storefronts and the eWTP marketplace client."""

    name = "marketplace_link"
    verbose_name = _("Marketplace link")

    def ready(self) -> None:
        from django.core import checks
        from django.db.models.signals import post_migrate

        from certificates.api import certificate_revoked
        from marketplace_link import learner_receivers
        from marketplace_link.checks import lease_outlasts_tasks
        from marketplace_link.setup import storefront_review_setup_after_migrate
        from marketplace_link.storefront import public_pages
        from marketplace_link.storefront.revocation import on_certificate_revoked

        checks.register(lease_outlasts_tasks)
        # Every `migrate` makes sure the "Storefront reviewers" group exists (idempotent), so
        # real deployments have it, not only seed_demo.
        post_migrate.connect(
            storefront_review_setup_after_migrate,
            sender=self,
            dispatch_uid="marketplace_link.storefront_review_setup",
        )

        # Revocation follows through: suspend the storefront the certificate qualified.
        certificate_revoked.connect(
            on_certificate_revoked, dispatch_uid="marketplace_link.suspend_on_revocation"
        )

        # The showcase's cached pages follow the writes they show (storefront/public_pages.py).
        public_pages.connect()
        learner_receivers.connect()  # the dashboard cached per learner follows their writes
