"""Recovery of imports interrupted by a killed worker or server, and the lock that tells
a running import from a dead one."""

from datetime import timedelta

from django.db import connection
from django.utils import timezone

from kpi.models import Submission
from kpi.services.import_report import fail_import
from seslip.models import worker_is_running

IMPORT_LOCK_NAMESPACE = 7_001  # pg advisory locks: (namespace, submission id)
INTERRUPTED_MESSAGE = (
    "The import was interrupted before it finished (the worker or server stopped). "
    "Nothing from the file was stored and the quarter's current submission is unchanged. "
    "Upload the file again."
)


def hold_import_lock(submission: Submission) -> None:
    """While an import's transaction is open, PostgreSQL holds a lock naming it; a process
    killed mid-import loses the lock with its connection (and its rows with the rollback)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s, %s)", [IMPORT_LOCK_NAMESPACE, submission.pk]
            )


def _import_is_running(submission: Submission, *, stale_after) -> bool:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_try_advisory_lock(%s, %s)", [IMPORT_LOCK_NAMESPACE, submission.pk]
            )
            (free,) = cursor.fetchone()
            if free:
                cursor.execute(
                    "SELECT pg_advisory_unlock(%s, %s)", [IMPORT_LOCK_NAMESPACE, submission.pk]
                )
            return not free
    # SQLite has no such lock. An import a worker ran died with it when no worker is
    # running (their heartbeats: seslip.models); any other is dead once it is stale.
    if submission.task_id and not worker_is_running():
        return False
    started = submission.started_at or submission.uploaded_at
    return started > timezone.now() - stale_after


def recover_interrupted_imports(*, stale_after: timedelta | None = None) -> list[int]:
    """Mark as failed every import left "checking" by a process that died (nothing of it
    was stored: its transaction rolled back). Run when a worker starts
    (`manage.py recover_imports`, part of `make worker`). Returns the submissions marked."""
    stale_after = stale_after or timedelta(hours=1)
    recovered = []
    for submission in Submission.objects.filter(status=Submission.Status.VALIDATING):
        if _import_is_running(submission, stale_after=stale_after):
            continue
        fail_import(submission, INTERRUPTED_MESSAGE)
        recovered.append(submission.pk)
    return recovered
