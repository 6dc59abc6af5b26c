from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    """Certificates, verification and signed credentials."""

    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self) -> None:
        from certificates import learner_receivers
        from certificates.receivers import on_course_completed
        from lms.api import course_completed

        # Completing a course issues its certificate (certificates/receivers.py).
        course_completed.connect(
            on_course_completed, dispatch_uid="certificates.issue_on_completion"
        )
        learner_receivers.connect()  # the dashboard cached per learner follows their writes
