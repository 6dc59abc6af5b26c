"""Files kept from a failed form, so nothing already chosen is lost (StagedUpload's docstring).

The flow, in the applicant's views:
1. A POST claims the kept files it still ticks (``claimed``) and hands them to the form as
   uploads (``as_uploads``), beside any new files.
2. If the form saves, the form's kept files are discarded (``discard_scope``): the saved copies
   live in the application now.
3. If it fails, the new files that passed their checks are kept (``keep``), with the claimed
   ones; unticked ones go. The page offers them again, ticked, with the errors.

Kept files are private (the applicant's own, served only to them) and keyed to one form of one
application, so a token from another application or another form is simply ignored.
"""

from __future__ import annotations

import re
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from marketplace_link.application import uploads
from marketplace_link.models import StagedUpload

KEEP_FOR = timedelta(days=1)
# Per application: enough for a product's photos and a document, small enough that failed
# POSTs cannot fill the disk (uploads are rate-limited too). The oldest go first.
MAX_KEPT = 12
# StagedUpload tokens are secrets.token_urlsafe(16) (models._staging_token), at most 32 long.
TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{1,32}")
# A new logo or banner replaces the kept one; photos add up.
SINGLE_SLOTS = {StagedUpload.Slot.LOGO, StagedUpload.Slot.BANNER, StagedUpload.Slot.DOCUMENT}


def product_scope(product) -> str:
    return f"product:{product.pk}" if product.pk else "product:new"


def _fresh(application, scope: str):
    return StagedUpload.objects.filter(
        application=application, scope=scope, created_at__gte=timezone.now() - KEEP_FOR
    )


def pending(application, scope: str) -> list[StagedUpload]:
    """What is kept for this form, to offer again when the page is opened."""
    return list(_fresh(application, scope))


def claimed(application, scope: str, tokens: list[str]) -> list[StagedUpload]:
    """The kept files a POST still ticks. Tokens of other applications or forms match nothing."""
    # Only strings shaped like our tokens reach the query: anything else (a NUL, which
    # PostgreSQL refuses in a text parameter, or 5,000 characters) matches nothing anyway.
    tokens = [token for token in tokens if TOKEN_RE.fullmatch(token)][:MAX_KEPT]
    if not tokens:
        return []
    return list(_fresh(application, scope).filter(token__in=tokens))


def as_uploads(staged: list[StagedUpload]) -> dict[str, list]:
    """Kept files as the forms' checked uploads, by slot. They were checked when they arrived
    and have been private since, so they are not checked again. Read into memory: at most
    MAX_KEPT files of at most 10 MB, and it leaves no handle to close."""
    by_slot: dict[str, list] = {}
    for item in staged:
        extension = uploads.DOCUMENT_TYPES[item.content_type]
        with item.file.open("rb") as handle:
            upload = ContentFile(handle.read(), name=f"upload.{extension}")
        upload.checked = uploads.Checked(item.content_type, extension, item.width, item.height)
        upload.original_name = item.original_name
        upload.kept = item
        by_slot.setdefault(item.slot, []).append(upload)
    return by_slot


def keep(application, scope: str, accepted: dict[str, list], claimed: list[StagedUpload]):
    """After a failed POST: keep the new files that passed their checks, beside the claimed
    ones (a new logo replaces a kept logo), and let go of the rest. Returns what is kept."""
    new = []
    for slot, files in accepted.items():
        for upload in files:
            checked = upload.checked
            item = StagedUpload(
                application=application,
                scope=scope,
                slot=slot,
                original_name=str(getattr(upload, "original_name", upload.name))[:200],
                content_type=checked.content_type,
                size=upload.size,
                width=checked.width,
                height=checked.height,
            )
            item.file.save(upload.name, upload, save=False)
            item.save()
            new.append(item)
    replaced = {item.slot for item in new} & SINGLE_SLOTS
    kept = [item for item in claimed if item.slot not in replaced] + new
    _discard(
        StagedUpload.objects.filter(application=application, scope=scope).exclude(
            pk__in=[item.pk for item in kept]
        )
    )
    newest = StagedUpload.objects.filter(application=application).order_by("-created_at", "-pk")
    overflow = list(newest.values_list("pk", flat=True))[MAX_KEPT:]
    _discard(StagedUpload.objects.filter(pk__in=overflow))
    survivors = set(
        StagedUpload.objects.filter(pk__in=[item.pk for item in kept]).values_list("pk", flat=True)
    )
    return [item for item in kept if item.pk in survivors]


def discard_scope(application, scope: str) -> None:
    """The form saved: what was kept for it is no longer needed."""
    _discard(StagedUpload.objects.filter(application=application, scope=scope))


def sweep(now=None) -> int:
    """Beat: kept files nobody came back for are deleted after KEEP_FOR."""
    now = now or timezone.now()
    return _discard(StagedUpload.objects.filter(created_at__lt=now - KEEP_FOR))


def _discard(queryset) -> int:
    items = list(queryset.only("pk", "file"))
    if not items:
        return 0
    storage = StagedUpload.file.field.storage
    names = [item.file.name for item in items if item.file.name]
    StagedUpload.objects.filter(pk__in=[item.pk for item in items]).delete()
    # Files go once the rows' deletion is committed: a rollback keeps both.
    transaction.on_commit(lambda: [storage.delete(name) for name in names])
    return len(items)
