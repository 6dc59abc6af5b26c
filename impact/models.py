"""The stored unfiltered snapshot (docs/impact.md, "Refresh and caching").

One row per stored snapshot (today only the whole programme, key "all"): the numbers as JSON,
when they were computed and how long that took. It lives in the database, not only the cache, so
the "last updated" time survives a cache flush and every node shows the same one.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StoredSnapshot(models.Model):
    key = models.CharField(max_length=40, unique=True)
    numbers = models.JSONField()
    refreshed_at = models.DateTimeField(_("refreshed at"))
    seconds_to_compute = models.FloatField(default=0.0)

    class Meta:
        verbose_name = _("stored impact snapshot")

    def __str__(self) -> str:
        return f"{self.key} at {self.refreshed_at:%Y-%m-%d %H:%M}"
