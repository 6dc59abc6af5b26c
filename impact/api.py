"""The only module other apps may import from impact (enforced by import-linter)."""

from impact.snapshot import PUBLIC_TABLES, Snapshot, public_snapshot, snapshot, snapshot_refresh
from impact.tables import SUPPRESSION_THRESHOLD, Column, Table

__all__ = [
    "PUBLIC_TABLES",
    "SUPPRESSION_THRESHOLD",
    "Column",
    "Snapshot",
    "Table",
    "public_snapshot",
    "snapshot",
    "snapshot_refresh",
]
