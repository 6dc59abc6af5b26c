"""Rotate the credential signing key in the dev key file (production keys come from the env)."""

import json

from django.core.management.base import BaseCommand, CommandError

from certificates.credentials.keys import (
    KeyringError,
    new_key_entry,
    public_keyring,
    rotate_dev_key,
)


class Command(BaseCommand):
    help = (
        "Put a new credential signing key first in the dev key file (ISOKO_CREDENTIAL_KEYFILE). "
        "Older keys stay published, public part only, so their credentials keep verifying. "
        "With --print-new, only print a new key entry for ISOKO_CREDENTIAL_KEYS."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--print-new",
            action="store_true",
            help="print a new key entry (with its secret) for the environment; change nothing",
        )

    def handle(self, *args, **options):
        if options["print_new"]:
            self.stdout.write(json.dumps(new_key_entry()))
            return
        try:
            key = rotate_dev_key()
        except KeyringError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(f"New signing key {key.id} ({key.public_key_multibase}).")
        )
        retired = [other.id for other in public_keyring() if other.id != key.id]
        if retired:
            self.stdout.write(f"Still published for verification: {', '.join(retired)}.")
