from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.api import DEMO_PASSWORD, DEMO_USERS, seed_demo_users
from courses.api import editorial_setup, seed_demo_curriculum, seed_demo_site
from lms.api import seed_demo_cohort, seed_demo_graduates
from marketplace_link.api import seed_demo_storefront_application, seed_demo_storefront_reviewers


class Command(BaseCommand):
    help = (
        "Create the demo site, its curriculum and one user per role. "
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
        home = seed_demo_site()
        seed_demo_users()
        seed_demo_storefront_reviewers()  # the demo reviewer also reviews storefronts
        editorial_setup()  # before the courses, so publishing them grants their trainers' rights
        courses = seed_demo_curriculum(home)
        editorial_setup()  # again: the catalogue pages now exist and get the review workflow
        seed_demo_cohort()
        seed_demo_graduates()  # complete a course: their certificates are issued by the task
        # The seller's application waits for a reviewer: the demo's payoff is a click away.
        seed_demo_storefront_application()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo site ready: home page '{home.title}', {len(courses)} courses."
            )
        )
        self.stdout.write("Demo logins (dev only), all with the password: " + DEMO_PASSWORD)
        for user in DEMO_USERS:
            self.stdout.write(f"  {user.email}")
