from django.apps import AppConfig


class ConfigConfig(AppConfig):
    """The project shell: health checks, admin choosers and the task bridge.

    It sits above every app, so it may call each app's ``api`` module.
    """

    name = "config"
    verbose_name = "Isoko"

    def ready(self):
        from config import admin_choosers, checks  # noqa: F401  (registers the checks)

        admin_choosers.register()

        from config import cache_purge

        cache_purge.connect()
