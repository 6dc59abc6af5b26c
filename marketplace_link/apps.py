from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketplaceLinkConfig(AppConfig):
    """Seller applications, storefronts and the eWTP marketplace client."""

    name = "marketplace_link"
    verbose_name = _("Marketplace link")

    def ready(self) -> None:
        from certificates.api import certificate_revoked
        from marketplace_link.signals import on_certificate_revoked

        # Revocation follows through: suspend the storefront the certificate qualified.
        certificate_revoked.connect(
            on_certificate_revoked, dispatch_uid="marketplace_link.suspend_on_revocation"
        )
