from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImpactConfig(AppConfig):
    name = "impact"
    verbose_name = _("Programme impact")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from impact.dashboard.access import programme_managers_setup_after_migrate

        # Every `migrate` makes sure the "Programme managers" group exists (idempotent).
        post_migrate.connect(
            programme_managers_setup_after_migrate,
            sender=self,
            dispatch_uid="impact.programme_managers_setup",
        )
