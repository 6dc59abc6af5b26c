from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    """Wagtail content: Home → Catalog → Course → Module → Lesson | Quiz, and question banks."""

    name = "courses"
    verbose_name = _("Courses")

    def ready(self) -> None:
        from courses import routing, signals  # noqa: F401  (connects the receivers)
