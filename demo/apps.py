from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo: its content files and ``seed_demo``. Above every app, beside ``config``."""

    name = "demo"
    verbose_name = "Isoko demo"
