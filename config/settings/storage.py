"""Where uploaded and generated files live: the local disk (the embedded default) or S3.

``ISOKO_STORAGE=local`` (the default, what ``make run`` uses): media under MEDIA_ROOT (var/media),
private files under PRIVATE_ROOT (var/private). ``ISOKO_STORAGE=s3``: two buckets on any
S3-compatible service (AWS S3, MinIO, Ceph, Garage…) through django-storages (docs/storage.md):

- ``default`` (media: Wagtail images, renditions and documents, storefront images) goes to
  ``S3_MEDIA_BUCKET``. Images are public (the bucket policy grants anonymous reads on the image
  prefixes only, :data:`PUBLIC_MEDIA_PREFIXES`), so their URLs are plain and cacheable. Wagtail
  documents stay unreadable by URL: they are served only through Wagtail's view
  (WAGTAILDOCS_SERVE_METHOD = "serve_view"), which checks who may have them and streams the bytes.
- ``private`` and ``certificates`` (certificate PDFs, export documents, kept uploads) go to
  ``S3_PRIVATE_BUCKET``, which nobody reads without credentials. The permission-checking views
  stream them (core.http.private_file); a URL the storage gives out (``.url()``) is presigned
  and expires after ``S3_PRIVATE_URL_EXPIRY`` seconds (5 minutes), never a plain one.

A misconfiguration (s3 without both buckets, one bucket for both, a key without its secret)
refuses to start with ImproperlyConfigured, naming the variable.

Settings that change STORAGES for themselves (dev.py's static files, test.py's per-worker
folders) rebuild it with :func:`storages_setting`, so ISOKO_STORAGE is honoured everywhere.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

from .base import PRIVATE_ROOT
from .base import STORAGES as _BASE_STORAGES

__all__ = ["ISOKO_STORAGE", "MEDIA_CACHE_CONTROL", "PUBLIC_MEDIA_PREFIXES", "STORAGES"]
# With ISOKO_STORAGE=s3, also ISOKO_CSP: the public pages' policy lets images load from the media
# bucket's origin (config/security.py allows only 'self' otherwise).

_env = environ.Env()

# What the media bucket lets anyone read: the prefixes config/urls.py serves from MEDIA_ROOT
# locally (Wagtail's images and renditions, storefront images). Everything else in it
# (documents/, Wagtail's uploads before they are images) is readable with credentials only.
PUBLIC_MEDIA_PREFIXES = ("images/", "original_images/", "marketplace/images/")
# Images never change under a name (Wagtail and our forms pick a new name for a new file): the
# same 30 days the local media view sends (config.views.media_file).
MEDIA_CACHE_CONTROL = "public, max-age=2592000"
S3_BACKEND = "storages.backends.s3.S3Storage"

ISOKO_STORAGE = _env("ISOKO_STORAGE", default="local").strip().lower()


def _local_private(private_root: Path | str) -> dict:
    return {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        # A redelivered issuing task re-renders to the same name: overwrite, never add a copy.
        "OPTIONS": {"location": str(private_root), "base_url": None, "allow_overwrite": True},
    }


def s3_storages(
    *,
    media_bucket: str,
    private_bucket: str,
    endpoint_url: str | None = None,
    region: str = "us-east-1",
    access_key_id: str | None = None,
    secret_access_key: str | None = None,
    media_custom_domain: str | None = None,
    private_url_expiry: int = 300,
    addressing_style: str | None = None,
) -> dict:
    """The ``default``, ``private`` and ``certificates`` entries of STORAGES on S3.

    Also used by tests/s3.py to point a test at its moto server, so tests and production build
    the same options.
    """
    if not media_bucket:
        raise ImproperlyConfigured(
            "ISOKO_STORAGE=s3 needs the S3_MEDIA_BUCKET environment variable."
        )
    if not private_bucket:
        raise ImproperlyConfigured(
            "ISOKO_STORAGE=s3 needs the S3_PRIVATE_BUCKET environment variable."
        )
    if media_bucket == private_bucket:
        raise ImproperlyConfigured(
            "S3_MEDIA_BUCKET and S3_PRIVATE_BUCKET must be two buckets: the media bucket lets "
            "anyone read its images, the private one nobody."
        )
    if bool(access_key_id) != bool(secret_access_key):
        raise ImproperlyConfigured(
            "Give both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither (to use the "
            "instance's role or the AWS_* variables boto3 reads)."
        )
    if private_url_expiry <= 0 or private_url_expiry > 3600:
        raise ImproperlyConfigured("S3_PRIVATE_URL_EXPIRY is seconds, between 1 and 3600.")
    common = {
        "endpoint_url": endpoint_url or None,
        "region_name": region,
        "access_key": access_key_id or None,
        "secret_key": secret_access_key or None,
        "signature_version": "s3v4",
        # No per-object ACL: buckets made today have ACLs disabled; access is the bucket
        # policy's (docs/storage.md).
        "default_acl": None,
    }
    if addressing_style:
        common["addressing_style"] = addressing_style
    media = {
        **common,
        "bucket_name": media_bucket,
        # Plain URLs (the bucket policy makes the image prefixes public), cacheable by a CDN.
        "querystring_auth": False,
        # Wagtail and our forms expect a taken name to get a new one, as on the local disk.
        "file_overwrite": False,
        "custom_domain": media_custom_domain or None,
        "object_parameters": {"CacheControl": MEDIA_CACHE_CONTROL},
    }
    private = {
        **common,
        "bucket_name": private_bucket,
        # If anything asks for a URL, it is presigned and short-lived; the views stream instead.
        "querystring_auth": True,
        "querystring_expire": private_url_expiry,
        # As on the local disk (allow_overwrite): a redelivered task re-renders to the same name.
        "file_overwrite": True,
    }
    return {
        "default": {"BACKEND": S3_BACKEND, "OPTIONS": media},
        "certificates": {"BACKEND": S3_BACKEND, "OPTIONS": private},
        "private": {"BACKEND": S3_BACKEND, "OPTIONS": private},
    }


def media_origin(
    *,
    media_bucket: str,
    endpoint_url: str | None = None,
    region: str = "us-east-1",
    media_custom_domain: str | None = None,
    addressing_style: str | None = None,
) -> str:
    """Where the browser fetches media images from (for the CSP's img-src): the CDN's domain, the
    S3-compatible endpoint (path-style URLs, django-storages' default with an endpoint), or AWS's
    bucket hosts."""
    if media_custom_domain:
        return f"https://{media_custom_domain}"
    if endpoint_url:
        parts = urlsplit(endpoint_url)
        if addressing_style == "virtual":
            return f"{parts.scheme}://{media_bucket}.{parts.netloc}"
        return f"{parts.scheme}://{parts.netloc}"
    return (
        f"https://{media_bucket}.s3.amazonaws.com https://{media_bucket}.s3.{region}.amazonaws.com"
    )


def csp_with_media(origin: str) -> str:
    """The public Content-Security-Policy (config/security.py) with images from ``origin`` too."""
    from config.security import DEFAULT_POLICY

    return DEFAULT_POLICY.replace("img-src 'self' data:", f"img-src 'self' data: {origin}", 1)


def _s3_options_from_environment() -> dict:
    try:
        expiry = _env.int("S3_PRIVATE_URL_EXPIRY", default=300)
    except ValueError as error:
        raise ImproperlyConfigured("S3_PRIVATE_URL_EXPIRY is a number of seconds.") from error
    return {
        "media_bucket": _env("S3_MEDIA_BUCKET", default=""),
        "private_bucket": _env("S3_PRIVATE_BUCKET", default=""),
        "endpoint_url": _env("S3_ENDPOINT_URL", default="") or None,
        "region": _env("S3_REGION", default="") or "us-east-1",
        "access_key_id": _env("S3_ACCESS_KEY_ID", default=""),
        "secret_access_key": _env("S3_SECRET_ACCESS_KEY", default=""),
        "media_custom_domain": _env("S3_MEDIA_CUSTOM_DOMAIN", default="") or None,
        "private_url_expiry": expiry,
        "addressing_style": _env("S3_ADDRESSING_STYLE", default="") or None,
    }


def _s3_from_environment() -> dict:
    return s3_storages(**_s3_options_from_environment())


def storages_setting(*, staticfiles: dict, private_root: Path | str) -> dict:
    """STORAGES for ISOKO_STORAGE: ``staticfiles`` as given (static files are WhiteNoise's,
    whatever holds the media), media and private files on the local disk or on S3."""
    if ISOKO_STORAGE == "local":
        private = _local_private(private_root)
        files = {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "certificates": private,
            "private": private,
        }
    elif ISOKO_STORAGE == "s3":
        files = _s3_from_environment()
    else:
        raise ImproperlyConfigured(
            f"ISOKO_STORAGE is {ISOKO_STORAGE!r}; it is 'local' (the default) or 's3'."
        )
    return {**files, "staticfiles": staticfiles}


STORAGES = storages_setting(staticfiles=_BASE_STORAGES["staticfiles"], private_root=PRIVATE_ROOT)
if ISOKO_STORAGE == "s3":
    _options = _s3_options_from_environment()
    ISOKO_CSP = csp_with_media(
        media_origin(
            media_bucket=_options["media_bucket"],
            endpoint_url=_options["endpoint_url"],
            region=_options["region"],
            media_custom_domain=_options["media_custom_domain"],
            addressing_style=_options["addressing_style"],
        )
    )
    __all__.append("ISOKO_CSP")
