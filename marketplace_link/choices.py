"""Fixed lists: Rwanda's 30 districts, the programme's sectors and product certifications."""

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


class Sector(models.TextChoices):
    COFFEE = "coffee", _("Coffee")
    TEA = "tea", _("Tea")
    HANDICRAFTS = "handicrafts", _("Handicrafts")
    TOURISM = "tourism", _("Tourism")
    OTHER = "other", _("Other")


CERTIFICATIONS = [
    ("organic", _("Organic")),
    ("fair_trade", _("Fair trade")),
    ("rainforest_alliance", _("Rainforest Alliance")),
    ("utz", _("UTZ")),
    ("made_in_rwanda", _("Made in Rwanda")),
    ("rdb_tourism_licence", _("RDB tourism licence")),
]
