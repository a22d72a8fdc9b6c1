"""Recovery of imports interrupted by a killed worker or server, and the lock that tells
a running import from a dead one."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

from kpi.models import Submission
from kpi.notifications import background_import_finished
from seslip.models import WorkerHeartbeat, worker_is_running

logger = logging.getLogger(__name__)

IMPORT_LOCK_NAMESPACE = 7_001  # pg advisory locks: (namespace, submission id)
INTERRUPTED_MESSAGE = (
    "The import was interrupted before it finished (the worker or server stopped). "
    "Nothing from the file was stored and the quarter's current submission is unchanged. "
    "Upload the file again."
)


@contextmanager
def import_lock(submission: Submission) -> Iterator[None]:
    """While an import runs, PostgreSQL holds a lock naming it, taken before the import is
    marked "checking" and released after it ends: whoever sees it checking and the lock
    free knows it is dead. A process killed mid-import loses the lock with its connection
    (and its rows with the rollback), on whichever host it ran."""
    if connection.vendor != "postgresql":
        yield
        return
    key = [IMPORT_LOCK_NAMESPACE, submission.pk]
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s, %s)", key)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", key)


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


def _task_died_with_its_worker(submission: Submission) -> bool:
    """A received file whose task a worker took and then died before starting the import
    (its heartbeat stopped or silent): django-tasks-db leaves such a task running and
    never gives it to another worker, so the file would wait for ever."""
    from django_tasks_db.models import DBTaskResult

    task = DBTaskResult.objects.filter(id=submission.task_id, status="RUNNING").first()
    if task is None or not task.worker_ids:
        return False
    beat = WorkerHeartbeat.objects.filter(worker_id=task.worker_ids[-1]).first()
    return beat is not None and not beat.is_running()


def _mark_failed(submission: Submission, status: str) -> bool:
    """Mark one dead import failed unless another worker has just done so (or it has just
    finished): a conditional update, so several workers recovering at once mark it once.
    Its stored file is deleted, and the uploader of a background import is emailed
    (one checked in its request has no task; its uploader saw the request fail)."""
    marked = Submission.objects.filter(pk=submission.pk, status=status).update(
        status=Submission.Status.FAILED,
        failure_message=INTERRUPTED_MESSAGE,
        finished_at=timezone.now(),
        pending_file="",
    )
    if not marked:
        return False
    if submission.pending_file:
        default_storage.delete(submission.pending_file)
    if submission.task_id:
        background_import_finished(submission)
    logger.warning("marked interrupted import of submission %s failed", submission.pk)
    return True


def recover_interrupted_imports(*, stale_after: timedelta | None = None) -> list[int]:
    """Mark as failed every import left "checking" by a process that died (nothing of it
    was stored: its transaction rolled back), and every file left "received" by a worker
    that took its task and died before starting it. Run when a worker starts and every
    `KPI_RECOVERY_SECONDS` while it runs (`run_worker`), and by `manage.py recover_imports`.
    Several workers may recover at once, on different hosts: each submission is marked
    by exactly one of them (a conditional update), and its stored file is deleted. The
    task itself is never run again: a task finds its submission no longer "received"
    and stops (kpi.services.imports.run_pending_import). Returns the submissions marked
    by this call."""
    stale_after = stale_after or timedelta(hours=1)
    recovered = []
    for submission in Submission.objects.filter(status=Submission.Status.VALIDATING):
        if _import_is_running(submission, stale_after=stale_after):
            continue
        if _mark_failed(submission, Submission.Status.VALIDATING):
            recovered.append(submission.pk)
    received = Submission.objects.filter(status=Submission.Status.RECEIVED).exclude(task_id="")
    for submission in received:
        if _task_died_with_its_worker(submission) and _mark_failed(
            submission, Submission.Status.RECEIVED
        ):
            recovered.append(submission.pk)
    return recovered
