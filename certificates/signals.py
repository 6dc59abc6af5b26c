"""Signals for apps downstream of certificates (marketplace_link), sent after commit."""

from django.dispatch import Signal

# Sent with `certificate` after a certificate is revoked. (A reissue is a correction: the new
# certificate is valid, so nothing downstream needs to be withdrawn.)
certificate_revoked = Signal()
