from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.api import DEMO_PASSWORD, DEMO_USERS, seed_demo_users
from courses.api import editorial_setup, seed_demo_curriculum, seed_demo_site
from lms.api import seed_demo_cohort, seed_demo_graduate
from marketplace_link.api import seed_demo_storefront_reviewers


class Command(BaseCommand):
    help = (
        "Create the demo site, its curriculum and one user per role. "
        "Idempotent; refuses on DEBUG=False."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even with DEBUG off (never in production)."
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with a shared, published password. It refuses to run "
                "with DEBUG off; pass --force if you really mean it."
            )
        home = seed_demo_site()
        seed_demo_users()
        seed_demo_storefront_reviewers()  # the demo reviewer also reviews storefronts
        editorial_setup()  # before the courses, so publishing them grants their trainers' rights
        courses = seed_demo_curriculum(home)
        editorial_setup()  # again: the catalogue pages now exist and get the review workflow
        seed_demo_cohort()
        seed_demo_graduate()  # completes a course: its certificate is issued by the task
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo site ready: home page '{home.title}', {len(courses)} courses."
            )
        )
        self.stdout.write("Demo logins (dev only), all with the password: " + DEMO_PASSWORD)
        for user in DEMO_USERS:
            self.stdout.write(f"  {user.email}")
