from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    """Wagtail content. For now the HomePage, root of the tree Home → Catalog → Course → …"""

    name = "courses"
    verbose_name = _("Courses")
