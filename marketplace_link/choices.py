"""Fixed lists: Rwanda's 30 districts, the programme's sectors and product certifications."""

from django.utils.translation import gettext_lazy as _

# Moved to core.rwanda (issue 17: profiles and impact numbers use them too); re-exported here so
# existing imports and frozen migrations keep working.
from core.rwanda import DISTRICTS, Sector

__all__ = ["CERTIFICATIONS", "DISTRICTS", "Sector"]

CERTIFICATIONS = [
    ("organic", _("Organic")),
    ("fair_trade", _("Fair trade")),
    ("rainforest_alliance", _("Rainforest Alliance")),
    ("utz", _("UTZ")),
    ("made_in_rwanda", _("Made in Rwanda")),
    ("rdb_tourism_licence", _("RDB tourism licence")),
]
