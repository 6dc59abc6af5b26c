"""Copy media and private files between local folders and the configured storages.

    manage.py storage_sync push    # var/media and var/private (MEDIA_ROOT, PRIVATE_ROOT) into the
                                   # storages ISOKO_STORAGE selects: moving a site onto S3
    manage.py storage_sync pull --media /backup/media --private /backup/private
                                   # every object out of the storages: a backup (docs/storage.md)
    manage.py storage_sync push --media /backup/media --private /backup/private
                                   # and back: a restore

A file already at the other end with the same size is left alone, so a second run copies only
what is new; nothing is ever deleted. ``--dry-run`` lists what would be copied.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.management.base import BaseCommand, CommandError

from core.storage import storage_copy


class Command(BaseCommand):
    help = "Copy media and private files between local folders and the configured storages."

    def add_arguments(self, parser):
        parser.add_argument("direction", choices=["push", "pull"])
        parser.add_argument("--media", type=Path, help="the media folder (default MEDIA_ROOT)")
        parser.add_argument(
            "--private", type=Path, help="the private files' folder (default PRIVATE_ROOT)"
        )
        parser.add_argument("--dry-run", action="store_true", help="copy nothing, list it")

    def handle(self, *args, direction: str, media, private, dry_run: bool, **options):
        pairs = [
            ("media", media or Path(settings.MEDIA_ROOT), storages["default"]),
            ("private", private or Path(settings.PRIVATE_ROOT), storages["private"]),
        ]
        # Every refusal before any copy.
        for label, folder, configured in pairs:
            if direction == "push" and not folder.is_dir():
                raise CommandError(f"No folder {folder} to push the {label} files from.")
            if _same_place(folder, configured):
                raise CommandError(f"The {label} folder {folder} is the configured storage itself.")
        for label, folder, configured in pairs:
            local = FileSystemStorage(location=folder, allow_overwrite=True)
            source, target = (local, configured) if direction == "push" else (configured, local)
            report = storage_copy(source, target, dry_run=dry_run)
            if options["verbosity"] >= 2 or dry_run:
                for name in report.copied:
                    self.stdout.write(f"  {label}: {name}")
            verb = "would copy" if dry_run else "copied"
            self.stdout.write(
                f"{label}: {verb} {len(report.copied)} files ({report.bytes} bytes), "
                f"{report.unchanged} already there"
            )


def _same_place(folder: Path, configured) -> bool:
    return isinstance(configured, FileSystemStorage) and (
        Path(configured.location).resolve() == folder.resolve()
    )
