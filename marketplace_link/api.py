"""The only module other code may import from marketplace_link (enforced by import-linter)."""

from marketplace_link.application.services import DETAIL_FIELDS
from marketplace_link.dashboard import dashboard_panel
from marketplace_link.demo import demo_storefront_application
from marketplace_link.impact import STOREFRONT_STATUSES, impact_storefronts
from marketplace_link.setup import demo_storefront_reviewers, storefront_review_setup

__all__ = [
    "DETAIL_FIELDS",
    "STOREFRONT_STATUSES",
    "dashboard_panel",
    "demo_storefront_application",
    "demo_storefront_reviewers",
    "impact_storefronts",
    "storefront_review_setup",
]
