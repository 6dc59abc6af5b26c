"""Named storages that follow STORAGES (config/settings/storage.py), as ``default_storage`` does.

A ``FileField(storage=callable)`` calls its callable once, when the model class is built, and keeps
what it returned. ``storages["private"]`` returned a concrete backend, so the field kept the
STORAGES of import time forever; a test (or a process pointed at S3 after import) could never move
it. :func:`named_storage` returns a lazy proxy instead: the backend is looked up on first use and
looked up again whenever STORAGES changes (``override_settings``, pytest-django's ``settings``),
like Django's own ``default_storage``. Models keep their callable, so migrations do not change.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.core.files.storage import Storage, storages
from django.core.signals import setting_changed
from django.utils.functional import LazyObject, empty


class NamedStorage(LazyObject):
    def __init__(self, alias: str):
        self.__dict__["alias"] = alias
        super().__init__()

    def _setup(self) -> None:
        self._wrapped = storages[self.__dict__["alias"]]

    def __repr__(self) -> str:
        return f"<NamedStorage {self.__dict__['alias']!r}: {self._wrapped!r}>"


_named: dict[str, NamedStorage] = {}


def named_storage(alias: str) -> Storage:
    """The storage STORAGES names ``alias``, looked up when used (one proxy per alias)."""
    if alias not in _named:
        _named[alias] = NamedStorage(alias)
    return _named[alias]  # type: ignore[return-value]


def _storages_changed(*, setting: str, **kwargs) -> None:
    # Django's own receiver (django.test.signals.storages_changed) forgets the backends it built;
    # these proxies then look theirs up again.
    if setting == "STORAGES":
        for proxy in _named.values():
            proxy._wrapped = empty


setting_changed.connect(_storages_changed, dispatch_uid="core.storage.named_storages_changed")


# ---------------------------------------------------------------------------------------------
# Copying every file from one storage to another: local folders to S3 when a site moves there,
# S3 to a folder for a backup and back for a restore (config/management/commands/storage_sync.py).
# ---------------------------------------------------------------------------------------------
@dataclass
class CopyReport:
    copied: list[str] = field(default_factory=list)
    unchanged: int = 0
    bytes: int = 0


def storage_names(storage: Storage, path: str = "") -> Iterator[str]:
    """Every file's name in ``storage`` under ``path``, depth first (``listdir`` works the same on
    the local disk and on S3, where it lists by prefix)."""
    directories, files = storage.listdir(path)
    for name in sorted(files):
        yield f"{path}/{name}" if path else name
    for directory in sorted(directories):
        yield from storage_names(storage, f"{path}/{directory}" if path else directory)


def storage_copy(source: Storage, target: Storage, *, dry_run: bool = False) -> CopyReport:
    """Every file of ``source`` into ``target`` under the same name, unless ``target`` already has
    a file of that name and size (so a second run copies only what changed or is new). Nothing
    is deleted from either side."""
    report = CopyReport()
    for name in storage_names(source):
        size = source.size(name)
        if target.exists(name) and target.size(name) == size:
            report.unchanged += 1
            continue
        if not dry_run:
            if target.exists(name):
                target.delete(name)  # a local disk refuses to overwrite; S3 would just replace
            with source.open(name, "rb") as handle:
                saved = target.save(name, handle)
            if saved != name:
                raise RuntimeError(f"{target!r} stored {name!r} as {saved!r}")
        report.copied.append(name)
        report.bytes += size
    return report


# ---------------------------------------------------------------------------------------------
# The buckets' access rules (docs/storage.md), applied by config/management/commands/
# storage_buckets.py and by tests/s3.py to its moto server.
# ---------------------------------------------------------------------------------------------
def media_bucket_policy(bucket: str) -> dict:
    """Anonymous reads of the media bucket's image prefixes only (PUBLIC_MEDIA_PREFIXES: what
    config/urls.py serves from MEDIA_ROOT locally); documents/ and the rest need credentials."""
    from django.conf import settings

    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PublicReadImages",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": [
                    f"arn:aws:s3:::{bucket}/{prefix}*" for prefix in settings.PUBLIC_MEDIA_PREFIXES
                ],
            }
        ],
    }


PRIVATE_BUCKET_BLOCK = {
    "BlockPublicAcls": True,
    "IgnorePublicAcls": True,
    "BlockPublicPolicy": True,
    "RestrictPublicBuckets": True,
}
