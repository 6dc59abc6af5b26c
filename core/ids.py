"""Ids as a 64-bit column holds them, for paths and forms that take one from a visitor.

SQLite (the embedded default of ``make run``) cannot bind an integer past 2**63 - 1: the query
raises OverflowError, a 500. Django guards plain integer lookups on its own, but not a lookup
through a page's parent link (``CoursePage.objects.filter(pk=...)``) nor a form's model
choices. An id longer than this is no id of ours: a path does not match it (404), a form
says "Select a valid choice"."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

MAX_ID = 2**63 - 1


class IdConverter:
    """``<id:pk>``: like ``<int:pk>``, but only as many digits as a 64-bit id can have."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


def _fits(value) -> bool:
    try:
        return abs(int(str(value).strip())) <= MAX_ID
    except ValueError:
        return True  # not a number at all: the field's own check refuses it


class IdChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and not _fits(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for item in value:
            if not _fits(item):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
        return super()._check_values(value)
