"""Rwanda's 30 districts and the programme's sectors (issue 17; docs/impact.md).

Shared by the learner's profile (accounts), the storefront application (marketplace_link) and
the programme-impact numbers (impact), so it lives in core, below every app. Stored values are
the lower-case names; a blank value means "Not stated".
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# (value, label): place names are not translated.
DISTRICTS = [
    (name.lower().replace(" ", "_"), name)
    for name in (
        # City of Kigali
        "Gasabo", "Kicukiro", "Nyarugenge",
        # Eastern Province
        "Bugesera", "Gatsibo", "Kayonza", "Kirehe", "Ngoma", "Nyagatare", "Rwamagana",
        # Northern Province
        "Burera", "Gakenke", "Gicumbi", "Musanze", "Rulindo",
        # Southern Province
        "Gisagara", "Huye", "Kamonyi", "Muhanga", "Nyamagabe", "Nyanza", "Nyaruguru", "Ruhango",
        # Western Province
        "Karongi", "Ngororero", "Nyabihu", "Nyamasheke", "Rubavu", "Rusizi", "Rutsiro",
    )
]  # fmt: skip

DISTRICT_NAMES = dict(DISTRICTS)


class Sector(models.TextChoices):
    COFFEE = "coffee", _("Coffee")
    TEA = "tea", _("Tea")
    HANDICRAFTS = "handicrafts", _("Handicrafts")
    TOURISM = "tourism", _("Tourism")
    OTHER = "other", _("Other")


# What a blank district or sector is called in forms and tables.
NOT_STATED = _("Not stated")
