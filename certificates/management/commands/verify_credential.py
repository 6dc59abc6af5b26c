"""python manage.py verify_credential FILE: check a credential's proof, issuer and status."""

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from certificates.verification import credential_verify, parse_time


def _aware_datetime(text: str) -> datetime:
    moment = parse_time(text)
    if moment is None:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 time with a time zone: {text!r}")
    return moment


class Command(BaseCommand):
    help = "Verify an Isoko credential (JSON file, or - for stdin): signature, issuer and status."

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to the credential JSON, or - to read stdin")
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="print the result as JSON"
        )
        parser.add_argument(
            "--now",
            type=_aware_datetime,
            help="check as a verifier whose clock reads this ISO 8601 time (default: now)",
        )

    def handle(self, *args, file: str, as_json: bool = False, now=None, **options):
        try:
            text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
        except OSError as error:
            raise CommandError(f"cannot read {file}: {error}") from error
        try:
            document = json.loads(text)
        except ValueError as error:
            raise CommandError(f"{file} is not JSON: {error}") from error
        result = credential_verify(document, now=now)
        if as_json:
            self.stdout.write(json.dumps(result.as_dict(), indent=2))
        else:
            for check, passed in result.checks.items():
                self.stdout.write(f"{check}: {'ok' if passed else 'FAILED'}")
            for error in result.errors:
                self.stdout.write(f"  - {error}")
            self.stdout.write(f"status: {result.status}")
        if not result.ok:
            raise CommandError(f"credential is {result.status}", returncode=1)
