"""The only module other apps may import from accounts (enforced by import-linter)."""

from accounts.admin_screens import (
    CheckboxFilter,
    ObjectActionMixin,
    PermissionRefusalMixin,
    ScreenIndexView,
    ScreenViewSet,
    TemplateColumn,
)
from accounts.constraint_errors import ConstraintFieldErrors
from accounts.demo import demo_groups_ensure, demo_user_ensure
from accounts.ids import IdChoiceField, IdConverter, IdMultipleChoiceField
from accounts.images import image_size
from accounts.language import translated_url
from accounts.models import Audience
from accounts.search_text import search_terms
from accounts.selectors import profile_for
from accounts.services import user_has_admin_access, user_needs_mfa_setup
from accounts.validators import normalise_phone, validate_e164

__all__ = [
    "CheckboxFilter",
    "ConstraintFieldErrors",
    "ObjectActionMixin",
    "PermissionRefusalMixin",
    "ScreenIndexView",
    "ScreenViewSet",
    "TemplateColumn",
    "demo_groups_ensure",
    "demo_user_ensure",
    "Audience",
    "image_size",
    "normalise_phone",
    "profile_for",
    "search_terms",
    "IdChoiceField",
    "IdConverter",
    "IdMultipleChoiceField",
    "user_has_admin_access",
    "user_needs_mfa_setup",
    "translated_url",
    "validate_e164",
]
