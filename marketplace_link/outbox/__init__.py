"""Provisioning storefronts at the marketplace through the outbox.

The rest of marketplace_link calls the writers (writers.py), inside its own transaction; the
tasks call delivery.py. Inside: payloads.py (what we send), lease.py (who delivers a message,
attempt accounting), steps.py (what each kind of message does at the marketplace), policy.py
(after a failure: wait, retry, or give up?), marketplace_status.py (what the marketplace's
answers mean for our storefront).
"""

from marketplace_link.outbox.marketplace_status import storefront_apply_marketplace_status
from marketplace_link.outbox.writers import (
    product_changed,
    product_removed,
    storefront_create_for,
    storefront_retry,
    storefront_suspend,
)

__all__ = [
    "product_changed",
    "product_removed",
    "storefront_apply_marketplace_status",
    "storefront_create_for",
    "storefront_retry",
    "storefront_suspend",
]
