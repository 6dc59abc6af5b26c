"""Links that leave the site (e-mails, credentials, the marketplace): absolute, on the site's
configured public address."""

from __future__ import annotations

from django.conf import settings


def absolute_url(path: str) -> str:
    """``path`` on WAGTAILADMIN_BASE_URL, the site's public base URL (an e-mail or a task has no
    request to build one from). An address that is absolute already stays as it is: a media file's
    URL on S3 or a CDN (ISOKO_STORAGE=s3, docs/storage.md)."""
    if path.startswith(("https://", "http://")):
        return path
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
