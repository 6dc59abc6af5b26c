"""Constraint errors on the field they are about.

Django reports a broken CheckConstraint, or a UniqueConstraint on an expression such as
``Lower("email")``, above the form, as an error of the whole form; the person filling it in
looks beside the input they got wrong. A model lists in ``constraint_fields`` which field each
such constraint is about, and the constraint's own ``violation_error_message`` is shown there:
one message for the database rule and for every form that can break it (page editor, snippets,
ModelViewSets, the Django admin, our own forms).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError


class ConstraintFieldErrors:
    """Model mixin (first among the bases). ``constraint_fields``: constraint name → field."""

    constraint_fields: dict[str, str] = {}

    def get_constraints(self):
        # Model.validate_constraints() checks what this returns; the wrapped constraints raise
        # their error keyed by field, which it merges as it does a field's own errors.
        return [
            (model, [_on_field(c, self.constraint_fields.get(c.name)) for c in constraints])
            for model, constraints in super().get_constraints()
        ]


def _on_field(constraint, field: str | None):
    return _OnField(constraint, field) if field else constraint


class _OnField:
    def __init__(self, constraint, field: str):
        self.constraint, self.field = constraint, field

    def __getattr__(self, name):
        return getattr(self.constraint, name)

    def validate(self, model, instance, exclude=None, **kwargs):
        try:
            self.constraint.validate(model, instance, exclude=exclude, **kwargs)
        except ValidationError as error:
            raise ValidationError({self.field: error.error_list}) from None
