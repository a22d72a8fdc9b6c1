"""The retention purge of record-level data (docs/security.md)."""

from datetime import datetime

from django.db import transaction

from kpi.models import Family, Submission


@transaction.atomic
def purge_records_older_than(cutoff: datetime) -> int:
    """Delete the record-level data of submissions uploaded before `cutoff` (the retention
    setting, docs/security.md): their families and everything under them, and the values
    their reports quote. The submissions' metadata and the aggregate indicator values stay.
    Returns how many rows were deleted. Called by `manage.py purge_expired_records`."""
    expired = Submission.objects.filter(uploaded_at__lt=cutoff)
    deleted, _ = Family.objects.filter(submission__in=expired).delete()
    expired.exclude(problems=[]).update(problems=[])
    return deleted
