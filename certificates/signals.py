"""The domain events certificates sends downstream (docs/architecture.md, "Events").

Each is sent once, after the transaction that made it true commits, with ids only; a receiver
only enqueues its own task.
"""

from django.dispatch import Signal

# Sent with ``certificate_id`` after a revocation commits. Receivers: marketplace_link (suspend
# the storefront it qualified). A reissue is a correction: the new certificate is valid, so
# nothing downstream needs to be withdrawn and no event is sent.
certificate_revoked = Signal()
