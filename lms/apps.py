from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LmsConfig(AppConfig):
    """Learner state: enrolments, progress, quiz attempts, cohorts. Arrives with its issue."""

    name = "lms"
    verbose_name = _("Learning")

    def ready(self):
        from lms import (
            checks,  # noqa: F401  (registers checks)
            learner_receivers,
        )
        from lms.cohorts import tasks  # noqa: F401  (registers the cohort tasks with Celery)
        from lms.cohorts.api import cohort_public_pages_connect

        # Cohort course pages list the cohorts taking applications: purge them on a change.
        cohort_public_pages_connect()
        learner_receivers.connect()  # the cached dashboard follows every write
