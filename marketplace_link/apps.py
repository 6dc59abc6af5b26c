from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketplaceLinkConfig(AppConfig):
    """Seller applications, storefronts and the eWTP marketplace client. Arrives with its issue."""

    name = "marketplace_link"
    verbose_name = _("Marketplace link")
