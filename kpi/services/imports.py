"""The import pipeline: check and store one cohort file for an authority and quarter.

`import_submission()` is the one way in for the command, the upload page and the API;
large files go to the worker (`import_submission_task`, which runs `run_pending_import()`).
Reading and checking the file is kpi/ingest/, one run over it `kpi.services.import_run`;
this module decides what becomes of the submission.

The background task is defined here, beside the service that enqueues it and the function
it runs, so that the service and the task do not import each other (kpi.tasks keeps the
task's older address for work queued under it).
"""

import hashlib
import logging
import os
import uuid
from typing import IO, cast

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import HttpRequest
from django.utils import timezone
from django_tasks import task

from accounts.models import AccessLog, AnyUser, User
from accounts.services import record_access
from kpi.ingest.parsing import open_table, sniff_format
from kpi.ingest.table import CHUNK, FileRejected, Problem
from kpi.models import Submission
from kpi.quarters import Quarter, QuarterError
from kpi.selectors import check_return_quarter_for
from kpi.services.import_report import ImportReport, Outcome
from kpi.services.import_run import outcome_for, run_import, run_pending_import
from models_registry.models import LocalAuthority

logger = logging.getLogger(__name__)


def _size(file: IO[bytes]) -> int:
    size = getattr(file, "size", None)
    if size is not None:
        return size
    file.seek(0, os.SEEK_END)
    size = file.tell()
    file.seek(0)
    return size


def _digest(file: IO[bytes]) -> tuple[str, int]:
    """SHA-256 of the content and its number of line breaks, in one streamed pass."""
    file.seek(0)
    sha = hashlib.sha256()
    newlines = 0
    while chunk := file.read(CHUNK):
        sha.update(chunk)
        newlines += chunk.count(b"\n")
    file.seek(0)
    return sha.hexdigest(), newlines


def _reject_early(submission: Submission, problem: Problem) -> ImportReport:
    submission.status = Submission.Status.REJECTED
    submission.problems = [problem.as_dict()]
    submission.error_count = 1
    submission.finished_at = timezone.now()
    submission.save()
    return ImportReport.from_submission(submission, Outcome.REJECTED)


def import_submission(
    *,
    authority: LocalAuthority,
    quarter: str | Quarter,
    file: IO[bytes],
    user: AnyUser | None = None,
    request: HttpRequest | None = None,
    background: bool | None = None,
    is_synthetic: bool = False,
) -> ImportReport:
    """Check and store one cohort file for an authority and quarter (docs/kpi-specification.md §4,
    §5).

    Any error rejects the whole file: only the report is kept and the current submission
    stays current. An accepted file supersedes the current one. A byte-identical copy of
    the current submission changes nothing. Files over settings.KPI_BACKGROUND_ROWS rows
    go to the worker unless `background` says otherwise. A quarter that breaks the rule
    of kpi.quarters.check_return_quarter is refused before anything is stored.

    An upload through a page or the API gives its `request`: once a submission holds the
    file, whatever became of it, the upload is written to the access log with the
    request's user and channel. The import_cohort command and the region loader give none.
    """
    report = _import_file(
        authority=authority,
        quarter=quarter,
        file=file,
        user=user,
        background=background,
        is_synthetic=is_synthetic,
    )
    if request is not None and report.submission is not None:
        record_access(
            request=request,
            action=AccessLog.Action.UPLOAD,
            target=f"KPI submission {report.submission.pk}: {getattr(file, 'name', '')}",
            authority=authority,
        )
    return report


def _import_file(
    *,
    authority: LocalAuthority,
    quarter: str | Quarter,
    file: IO[bytes],
    user: AnyUser | None,
    background: bool | None,
    is_synthetic: bool,
) -> ImportReport:
    try:
        quarter = check_return_quarter_for(authority, quarter, today=timezone.localdate())
    except QuarterError as error:
        problem = Problem.of(Problem.ERROR, None, "quarter", quarter, str(error))
        return ImportReport(Outcome.REJECTED, None, [problem], [], 1)
    file_name = os.path.basename(getattr(file, "name", "") or "")[:255]
    size = _size(file)
    submission = Submission(
        authority=authority,
        quarter=str(quarter),
        file_name=file_name,
        file_size=size,
        uploaded_by=cast(User, user) if getattr(user, "pk", None) else None,
        is_synthetic=is_synthetic,
    )
    limit = settings.KPI_MAX_UPLOAD_BYTES
    if size > limit:
        submission.sha256 = ""
        return _reject_early(
            submission,
            Problem(
                Problem.ERROR,
                None,
                "",
                f"{size:,} bytes",
                f"The file is {size / 1048576:.1f} MB; the largest accepted is "
                f"{limit / 1048576:.0f} MB. Split the return or remove unused columns.",
            ),
        )
    sha256, newlines = _digest(file)
    submission.sha256 = sha256
    same = (
        Submission.objects.filter(authority=authority, quarter=str(quarter), sha256=sha256)
        .filter(status__in=[Submission.Status.ACCEPTED, *IN_PROGRESS])
        .first()
    )
    if same is not None:
        outcome = Outcome.UNCHANGED if same.is_current else Outcome.QUEUED
        return ImportReport.from_submission(same, outcome)
    file.seek(0)
    try:
        submission.file_format = sniff_format(file.read(8), file_name)
    except FileRejected as rejected:
        return _reject_early(submission, rejected.problem)
    rows_estimate = newlines if submission.file_format == "csv" else _xlsx_rows(file)
    submission.rows_total = max(rows_estimate - 1, 0) if rows_estimate else None
    submission.save()
    if background is None:
        background = (submission.rows_total or 0) > settings.KPI_BACKGROUND_ROWS
    if background:
        return _enqueue(submission, file)
    return run_import(submission=submission, file=file)


IN_PROGRESS = (Submission.Status.RECEIVED, Submission.Status.VALIDATING)


def _xlsx_rows(file: IO[bytes]) -> int | None:
    try:
        table = open_table(file, "upload.xlsx")
    except FileRejected:
        return None
    if hasattr(table.rows, "close"):
        table.rows.close()
    file.seek(0)
    return (table.rows_estimate or 0) + 1


def _enqueue(submission: Submission, file: IO[bytes]) -> ImportReport:
    file.seek(0)
    path = default_storage.save(
        f"kpi/pending/{uuid.uuid4().hex}.{submission.file_format or 'bin'}", file
    )
    Submission.objects.filter(pk=submission.pk).update(pending_file=path)
    submission.pending_file = path
    result = import_submission_task.enqueue(submission.pk)
    Submission.objects.filter(pk=submission.pk, task_id="").update(task_id=str(result.id))
    submission.refresh_from_db()
    if submission.is_in_progress:
        return ImportReport.from_submission(submission, Outcome.QUEUED)
    return ImportReport.from_submission(submission, outcome_for(submission))


@task()
def import_submission_task(submission_id: int) -> str:
    """Import a large cohort file that the upload stored for the worker
    (docs/adr/0002-task-backend.md)."""
    report = run_pending_import(submission_id=submission_id)
    return report.outcome
