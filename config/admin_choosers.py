"""Wagtail's page chooser, tolerant of whatever a form posted.

When an admin form is shown again with its errors, Wagtail's chooser widget looks the posted
value up with ``Page.objects.get(pk=value)``: a value that is no number ("abc", "1.5") raised
ValueError there (and OverflowError on SQLite past 64 bits), a 500 instead of the form's own
"Select a valid choice". The form field already says what is wrong; the widget only has to
show nothing chosen.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin import widgets
from wagtail.admin.forms.models import register_form_field_override
from wagtail.models import AbstractPage

from core.ids import IdChoiceField, IdMultipleChoiceField


class AdminPageChooser(widgets.AdminPageChooser):
    def get_instance(self, value):
        try:
            return super().get_instance(value)
        except (ValueError, TypeError, OverflowError, ValidationError):
            return None


def register() -> None:
    """Replace Wagtail's own override for foreign keys to pages (same registry key)."""
    register_form_field_override(
        models.ForeignKey,
        to=AbstractPage,
        override=lambda db_field: {
            "widget": AdminPageChooser(target_models=[db_field.remote_field.model]),
            # An id past 64 bits is "Select a valid choice", not SQLite's OverflowError.
            "form_class": IdChoiceField,
        },
    )
    # Many-to-many choices (a cohort's facilitators, a session's lessons and documents):
    # SQLite cannot bind an id past 64 bits in their ``pk__in`` check.
    register_form_field_override(
        models.ManyToManyField, override={"form_class": IdMultipleChoiceField}
    )
