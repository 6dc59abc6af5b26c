from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.content import ContentError
from demo.seed import DEMO_PASSWORD, seed


class Command(BaseCommand):
    help = (
        "Create the demo site, its curriculum (demo/content) and one user per role. "
        "Idempotent; refuses to run outside the dev settings."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even where the settings do not allow it (never in production).",
        )

    def handle(self, *args, force: bool = False, **options):
        # The dev settings allow it whether DEBUG is on or off: `make run` serves the demo with
        # DEBUG off (visitors must never see debug pages), and it still needs its accounts.
        if not settings.ISOKO_ALLOW_DEMO_SEED and not force:
            raise CommandError(
                "seed_demo creates accounts with a shared, published password. It runs only "
                "under the dev settings (ISOKO_ALLOW_DEMO_SEED); pass --force if you really "
                "mean it."
            )
        try:
            seeded = seed()
        except ContentError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo site ready: home page '{seeded.home_title}', {seeded.courses} courses."
            )
        )
        self.stdout.write("Demo logins (dev only), all with the password: " + DEMO_PASSWORD)
        for email in seeded.logins:
            self.stdout.write(f"  {email}")
