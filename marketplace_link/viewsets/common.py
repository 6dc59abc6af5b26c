"""What the applications' and storefronts' screens share: who may open them."""

from __future__ import annotations

from accounts.api import PermissionRefusalMixin
from marketplace_link.setup import REVIEW_PERMISSION


class ReviewerOnly(PermissionRefusalMixin):
    """The applications, their private export documents, the decisions and the storefronts'
    provisioning problems are the reviewers' (the "Storefront reviewers" group)."""

    required_permissions = (REVIEW_PERMISSION,)
    refusal_template = "marketplace_link/admin/forbidden.html"
