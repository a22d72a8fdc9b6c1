"""The retention purge's registry: each app registers the purge of its own old rows.

`manage.py purge_expired_records` (accounts) runs every purge registered here with the
record-retention cutoff (RECORD_RETENTION_DAYS; docs/security.md), so the command needs
to import no app that keeps record-level data. The KPI app registers its cohort purge in
KpiConfig.ready().
"""

from collections.abc import Callable
from datetime import datetime

#: Deletes what it owns from before the cutoff; returns how many rows it deleted.
RecordPurge = Callable[[datetime], int]

_purges: dict[str, RecordPurge] = {}


def register_record_purge(name: str, purge: RecordPurge) -> None:
    _purges[name] = purge


def purge_records_older_than(cutoff: datetime) -> int | None:
    """Run every registered purge; None when no app registered one."""
    if not _purges:
        return None
    return sum(purge(cutoff) for purge in _purges.values())
