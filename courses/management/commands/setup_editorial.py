from django.core.management.base import BaseCommand

from courses.services import editorial_setup


class Command(BaseCommand):
    help = (
        "Give the Trainers and Reviewers groups their permissions and the course review workflow."
    )

    def handle(self, *args, **options):
        workflow = editorial_setup()
        self.stdout.write(self.style.SUCCESS(f"Workflow '{workflow.name}' is on every catalogue."))
