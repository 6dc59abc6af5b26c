"""System checks for what lms relies on."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security)
def document_serve_method(app_configs, **kwargs):
    """Documents must go through Wagtail's serve view, where lms/document_access.py checks who
    may have them: "redirect" and "direct" hand out storage URLs that skip the check."""
    method = getattr(settings, "WAGTAILDOCS_SERVE_METHOD", None)
    if method == "serve_view":
        return []
    return [
        checks.Error(
            f"WAGTAILDOCS_SERVE_METHOD is {method!r}; documents for enrolled learners would be "
            "served without the access check.",
            hint='Set WAGTAILDOCS_SERVE_METHOD = "serve_view".',
            id="lms.E001",
        )
    ]
