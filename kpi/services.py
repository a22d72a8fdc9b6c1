"""State changes for KPI submissions: importing a cohort file, loading the toolkit.

`import_submission()` is the one way in for the command, the upload page and the API.
"""

import contextlib
import hashlib
import logging
import os
import uuid
from dataclasses import dataclass, field
from typing import IO, Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connection, connections, transaction
from django.utils import timezone

from accounts import permissions as access
from accounts.models import AccessLog
from accounts.services import record_access
from kpi.computation import recompute_indicators
from kpi.definitions import COHORT_WINDOWS, FIELDS, INDICATORS, TOOLKIT
from kpi.importer import SubmissionAssembler
from kpi.models import (
    Cohort,
    CPPlan,
    Family,
    FieldDefinition,
    IndicatorDefinition,
    PeriodOfCare,
    Person,
    PreviousCPPlan,
    QuarterMeasures,
    Referral,
    Submission,
)
from kpi.parsing import CHUNK, FileRejected, Problem, open_table, sniff_format
from kpi.quarters import Quarter, QuarterError, check_return_quarter_for
from kpi.selectors import submission_restored_by_withdrawing
from kpi.validation import ProblemLog, RowChecker
from kpi.writers import writer_for_connection

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 2000


class Outcome:
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    UNCHANGED = "unchanged"
    QUEUED = "queued"
    FAILED = "failed"


@dataclass
class ImportReport:
    """What happened to one upload; the command, page and API all render this."""

    outcome: str
    submission: Submission | None
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    error_count: int = 0
    warning_count: int = 0
    row_count: int = 0

    @property
    def ok(self) -> bool:
        """Accepted, a byte-identical re-upload, or waiting for the worker."""
        return self.outcome in (Outcome.ACCEPTED, Outcome.UNCHANGED, Outcome.QUEUED)

    @property
    def message(self) -> str:
        quarter = self.submission.quarter if self.submission else ""
        return {
            Outcome.ACCEPTED: f"Accepted: {self.row_count:,} rows are now the current "
            f"submission for {quarter}.",
            Outcome.UNCHANGED: "This file is byte for byte the current submission for "
            f"{quarter}: nothing has changed.",
            Outcome.QUEUED: "The file is large, so it is being checked in the background.",
            Outcome.REJECTED: f"Rejected with {self.error_count:,} error"
            f"{'' if self.error_count == 1 else 's'}: nothing from the file was stored.",
            Outcome.FAILED: "The import failed unexpectedly; nothing from the file was stored.",
        }[self.outcome]

    @classmethod
    def from_submission(cls, submission: Submission, outcome: str) -> "ImportReport":
        problems = [Problem(**item) for item in submission.problems]
        return cls(
            outcome=outcome,
            submission=submission,
            errors=[p for p in problems if p.severity == Problem.ERROR],
            warnings=[p for p in problems if p.severity == Problem.WARNING],
            error_count=submission.error_count,
            warning_count=submission.warning_count,
            row_count=submission.row_count,
        )


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
    authority,
    quarter: str | Quarter,
    file: IO[bytes],
    user=None,
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
    """
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
        uploaded_by=user if getattr(user, "pk", None) else None,
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
    from kpi.tasks import import_submission_task

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
    return ImportReport.from_submission(submission, _outcome_for(submission))


def _outcome_for(submission: Submission) -> str:
    return {
        Submission.Status.ACCEPTED: Outcome.ACCEPTED,
        Submission.Status.REJECTED: Outcome.REJECTED,
        Submission.Status.FAILED: Outcome.FAILED,
        Submission.Status.SUPERSEDED: Outcome.ACCEPTED,
    }.get(submission.status, Outcome.QUEUED)


def run_pending_import(*, submission_id: int) -> ImportReport:
    """The worker's side of a background import: read the stored file, import, delete it."""
    submission = Submission.objects.select_related("authority").get(pk=submission_id)
    if not submission.is_in_progress:
        return ImportReport.from_submission(submission, _outcome_for(submission))
    path = submission.pending_file
    try:
        with default_storage.open(path, "rb") as stored:
            return run_import(submission=submission, file=stored)
    finally:
        default_storage.delete(path)
        Submission.objects.filter(pk=submission.pk).update(pending_file="")


class _Rejected(Exception):
    pass


class _Progress:
    """Writes rows_processed where other requests can see it while the import runs.

    On PostgreSQL the import is one transaction, so its own connection's writes stay
    unseen until the end: progress goes through a second connection. On SQLite the rows
    are checked outside any transaction (_import_transaction), so progress goes through
    the import's own connection, one short write at a time."""

    def __init__(self, submission: Submission):
        self.submission_id = submission.pk
        self.side = None
        self.enabled = True
        if connection.vendor == "postgresql":
            self.side = connections.create_connection(DEFAULT_DB_ALIAS)

    def update(self, rows: int) -> None:
        if not self.enabled:
            return
        try:
            with (self.side or connection).cursor() as cursor:
                cursor.execute(
                    "UPDATE kpi_submission SET rows_processed = %s WHERE id = %s",
                    [rows, self.submission_id],
                )
        except Exception:  # progress is a courtesy: never let it break an import
            logger.warning("could not record import progress", exc_info=True)
            self.enabled = False

    def close(self) -> None:
        if self.side is not None:
            self.side.close()


def _import_transaction():
    """The transaction the file is checked in. PostgreSQL: one for the whole import; it
    locks nothing another session needs until it writes the record tables, and a
    killed import leaves nothing. SQLite: none. A SQLite transaction that writes holds
    the database's only write lock, so there the file is read, checked and staged
    outside any (the staging table lives in the connection's temporary database, which
    takes no lock on the main one) and only storing the rows is a transaction
    (_store), seconds long where checking takes a minute."""
    if connection.vendor == "postgresql":
        return transaction.atomic()
    return contextlib.nullcontext()


def run_import(*, submission: Submission, file: IO[bytes]) -> ImportReport:
    """Check every row and, when there is no error, store them all in one transaction."""
    submission.status = Submission.Status.VALIDATING
    submission.started_at = timezone.now()
    submission.save(update_fields=["status", "started_at"])
    problems = ProblemLog()
    progress = _Progress(submission)
    result: dict[str, Any] = {}
    try:
        with _import_transaction():
            _hold_import_lock(submission)
            _check_and_store(submission, file, problems, progress, result)
    except _Rejected:
        pass
    except FileRejected as rejected:
        problems.add(rejected.problem)
    except IntegrityError:
        logger.exception("submission %s lost a race for current", submission.pk)
        return _fail(
            submission,
            "Another submission for this authority and quarter was accepted at the same "
            "moment. Upload the file again.",
        )
    except Exception:
        logger.exception("import of submission %s failed", submission.pk)
        return _fail(submission, "The import stopped because of an internal error.")
    finally:
        progress.close()
    if problems.error_count:
        submission.status = Submission.Status.REJECTED
    for name, value in result.items():
        setattr(submission, name, value)
    submission.problems = [p.as_dict() for p in problems.errors + problems.warnings]
    submission.error_count = problems.error_count
    submission.warning_count = problems.warning_count
    submission.rows_processed = result.get("row_count", submission.rows_processed)
    submission.finished_at = timezone.now()
    submission.save()
    outcome = Outcome.REJECTED if problems.error_count else Outcome.ACCEPTED
    logger.info(
        "submission %s %s: %s rows, %s errors, %s warnings",
        submission.pk,
        outcome,
        submission.row_count,
        problems.error_count,
        problems.warning_count,
    )
    return ImportReport(
        outcome=outcome,
        submission=submission,
        errors=problems.errors,
        warnings=problems.warnings,
        error_count=problems.error_count,
        warning_count=problems.warning_count,
        row_count=submission.row_count,
    )


def _check_and_store(submission, file, problems, progress, result) -> None:
    table = open_table(file, submission.file_name)
    for note in table.notes:
        problems.add(note)
    checker = RowChecker(table.header, today=timezone.localdate(), problems=problems)
    if problems.error_count:
        raise _Rejected
    cohorts = list(Cohort.objects.filter(authority=submission.authority).order_by("start"))
    writer = writer_for_connection()
    try:
        _store(submission, table, checker, cohorts, writer, problems, progress, result)
    finally:
        writer.close()
        if not connection.in_atomic_block:
            # No transaction takes the staging table away with it (SQLite): drop it, so
            # that a failed import leaves nothing on the worker's connection either.
            writer.discard()


def _store(submission, table, checker, cohorts, writer, problems, progress, result) -> None:
    assembler = SubmissionAssembler(
        submission=submission, cohorts=cohorts, writer=writer, problems=problems
    )
    data_rows = _add_rows(table, checker, assembler, problems, progress)
    if data_rows == 0:
        problems.error(2, "", "", "The file has a header row but no data rows.")
    assembler.finish()
    result.update(assembler.counts)
    if problems.error_count:
        raise _Rejected
    # On SQLite the import's only transaction, and the only time it holds the write lock.
    with transaction.atomic():
        assembler.store()
        now = timezone.now()
        previous = (
            Submission.objects.select_for_update()
            .filter(authority=submission.authority, quarter=submission.quarter)
            .current()
            .exclude(pk=submission.pk)
        )
        list(previous)
        previous.update(status=Submission.Status.SUPERSEDED, superseded_at=now)
        Submission.objects.filter(pk=submission.pk).update(status=Submission.Status.ACCEPTED)
        # The new current submission's indicators replace the old ones in the same
        # transaction.
        recompute_indicators(authority=submission.authority, quarter=submission.quarter)
    result.update(assembler.counts)
    result["status"] = Submission.Status.ACCEPTED
    writer.drop()


def _add_rows(table, checker, assembler, problems, progress) -> int:
    """Check each row and hand the good ones to the assembler; returns the data rows."""
    max_rows = settings.KPI_MAX_ROWS
    data_rows = 0
    for number, cells in table.rows:
        errors_before = problems.error_count
        values = checker.check(number, cells)
        if values is None:
            continue
        data_rows += 1
        if data_rows > max_rows:
            problems.error(
                number,
                "",
                "",
                f"The file has more than {max_rows:,} data rows, the most one return may have.",
            )
            break
        if problems.error_count == errors_before:
            assembler.add(number, values)
        if data_rows % PROGRESS_EVERY == 0:
            progress.update(data_rows)
    return data_rows


# --- Imports interrupted by a killed worker ------------------------------------------------

IMPORT_LOCK_NAMESPACE = 7_001  # pg advisory locks: (namespace, submission id)
INTERRUPTED_MESSAGE = (
    "The import was interrupted before it finished (the worker or server stopped). "
    "Nothing from the file was stored and the quarter's current submission is unchanged. "
    "Upload the file again."
)


def _hold_import_lock(submission: Submission) -> None:
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
    # SQLite has no such lock: an import still "checking" long after it started is dead.
    started = submission.started_at or submission.uploaded_at
    return started > timezone.now() - stale_after


def recover_interrupted_imports(*, stale_after=None) -> list[int]:
    """Mark as failed every import left "checking" by a process that died (nothing of it
    was stored: its transaction rolled back). Run when a worker starts
    (`manage.py recover_imports`, part of `make worker`). Returns the submissions marked."""
    from datetime import timedelta

    stale_after = stale_after or timedelta(hours=1)
    recovered = []
    for submission in Submission.objects.filter(status=Submission.Status.VALIDATING):
        if _import_is_running(submission, stale_after=stale_after):
            continue
        _fail(submission, INTERRUPTED_MESSAGE)
        recovered.append(submission.pk)
    return recovered


def _fail(submission: Submission, message: str) -> ImportReport:
    submission.status = Submission.Status.FAILED
    submission.failure_message = message
    submission.finished_at = timezone.now()
    submission.save()
    return ImportReport(Outcome.FAILED, submission, [], [], 0)


# --- Withdrawing a submission -----------------------------------------------------------

# Every record-level table holds its submission's id, so a withdrawal deletes each table's
# rows with one statement (no row-by-row cascade through Python, whatever the file's size).
RECORD_TABLES = (QuarterMeasures, PeriodOfCare, CPPlan, PreviousCPPlan, Referral, Person, Family)


@dataclass(frozen=True)
class WithdrawalReport:
    """What a withdrawal did; the page and the API both render this."""

    submission: Submission
    withdrawn: bool
    message: str
    restored: Submission | None = None
    rows_deleted: int = 0


def withdraw_submission(
    *,
    submission: Submission,
    user,
    reason: str,
    note: str = "",
    request=None,
) -> WithdrawalReport:
    """Withdraw a submission filed under the wrong quarter or authority (issue 16).

    Only the authority's analysts may. In one transaction: the submission is marked
    withdrawn with who, when and why; its record-level rows, and the file values its
    report quoted, are deleted (they are never current again, so the portal has no reason
    to keep them: docs/security.md, "Withdrawals"); if it was the quarter's current
    submission, the newest earlier accepted one that still has its rows becomes current
    again and the quarter's indicators are recomputed; and the withdrawal is written to the
    access log (`request`, when given, says from where). A submission that holds no rows
    (rejected, failed, still being checked, already withdrawn) is refused, as a value.
    """
    reason = Submission.WithdrawalReason(reason)
    if not access.can_upload_for(user, submission.authority_id):
        return WithdrawalReport(submission, False, "Only the authority's analysts may withdraw it.")
    try:
        with transaction.atomic():
            report = _withdraw(submission, user=user, reason=reason, note=note, request=request)
    except IntegrityError:
        logger.exception("withdrawal of submission %s lost a race", submission.pk)
        return WithdrawalReport(
            submission,
            False,
            "Another change to this quarter's submissions happened at the same moment. "
            "Nothing was withdrawn; try again.",
        )
    logger.info(
        "submission %s %s by user %s: %s rows deleted, %s now current",
        submission.pk,
        "withdrawn" if report.withdrawn else "not withdrawn",
        getattr(user, "pk", None),
        report.rows_deleted,
        report.restored.pk if report.restored else "none",
    )
    return report


def _withdraw(submission, *, user, reason, note, request) -> WithdrawalReport:
    # Lock the quarter's submissions in id order: a concurrent import or withdrawal of the
    # same quarter waits, and this one then sees what that one did.
    same_quarter = {
        item.pk: item
        for item in Submission.objects.select_for_update()
        .filter(authority_id=submission.authority_id, quarter=submission.quarter)
        .order_by("pk")
    }
    locked = same_quarter.get(submission.pk)
    if locked is None:
        return WithdrawalReport(submission, False, f"Submission {submission.pk} no longer exists.")
    if not locked.is_withdrawable:
        return WithdrawalReport(
            locked,
            False,
            f"Submission {locked.pk} is {locked.get_status_display().lower()}: only an "
            "accepted or superseded submission can be withdrawn.",
        )
    was_current = locked.is_current
    restored = submission_restored_by_withdrawing(locked)
    locked.status = Submission.Status.WITHDRAWN
    locked.withdrawn_at = timezone.now()
    locked.withdrawn_by = user
    locked.withdrawal_reason = reason
    locked.withdrawal_note = note
    locked.problems = []
    locked.save(
        update_fields=[
            "status",
            "withdrawn_at",
            "withdrawn_by",
            "withdrawal_reason",
            "withdrawal_note",
            "problems",
        ]
    )
    rows_deleted = _delete_record_rows(locked)
    if restored is not None:
        restored.status = Submission.Status.ACCEPTED
        restored.superseded_at = None
        restored.save(update_fields=["status", "superseded_at"])
    if was_current:
        recompute_indicators(authority=locked.authority, quarter=locked.quarter)
    record_access(
        request=request,
        user=user,
        action=AccessLog.Action.WITHDRAW,
        target=f"KPI submission {locked.pk} for {locked.quarter}: {reason.label}",
        authority=locked.authority,
    )
    if restored is not None:
        message = (
            f"Submission {locked.pk} is withdrawn. Submission {restored.pk} is the "
            f"current submission for {locked.quarter_label} again."
        )
    elif was_current:
        message = (
            f"Submission {locked.pk} is withdrawn. {locked.quarter_label} has no "
            "current submission now."
        )
    else:
        message = (
            f"Submission {locked.pk} is withdrawn. The current submission for "
            f"{locked.quarter_label} is unchanged."
        )
    return WithdrawalReport(locked, True, message, restored, rows_deleted)


def _delete_record_rows(submission: Submission) -> int:
    deleted = 0
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in RECORD_TABLES:
            table = quote(model._meta.db_table)
            column = quote(model._meta.get_field("submission").column)
            # Names from the models' own metadata; the id goes as a parameter.
            cursor.execute(f"DELETE FROM {table} WHERE {column} = %s", [submission.pk])  # noqa: S608
            deleted += max(cursor.rowcount, 0)
    return deleted


# --- The toolkit as data (loaded by kpi.region_data) ------------------------------------


def load_definitions() -> tuple[int, int]:
    """Create or update the toolkit's fields and 20 indicators; idempotent."""
    by_key = {}
    for position, spec in enumerate(FIELDS):
        definition, _ = FieldDefinition.objects.update_or_create(
            key=spec.key,
            defaults={
                "code": spec.code,
                "name": spec.name,
                "explanation": spec.explanation,
                "toolkit_kind": spec.toolkit_kind,
                "input_column": spec.input_column,
                "note": spec.note,
                "position": position,
                "source": TOOLKIT,
            },
        )
        by_key[spec.key] = definition
    for spec in INDICATORS:
        indicator, _ = IndicatorDefinition.objects.update_or_create(
            number=spec.number,
            defaults={
                "title": spec.title,
                "evidences": spec.evidences,
                "scope": spec.scope,
                "data_source": spec.data_source,
                "method": spec.method,
                "collection": spec.collection,
                "note": spec.note,
                "source": TOOLKIT,
            },
        )
        indicator.fields.set([by_key[key] for key in spec.fields])
    return len(FIELDS), len(INDICATORS)


def ensure_cohorts(*, authority) -> list[Cohort]:
    """The toolkit's Cohorts 1 to 6 for one Family Safeguarding authority; idempotent."""
    cohorts = []
    for window in COHORT_WINDOWS:
        cohort, _ = Cohort.objects.update_or_create(
            authority=authority,
            number=window.number,
            defaults={
                "name": window.name,
                "start": window.start,
                "end": window.end,
                "source": TOOLKIT,
            },
        )
        cohorts.append(cohort)
    return cohorts


@transaction.atomic
def purge_records_older_than(cutoff) -> int:
    """Delete the record-level data of submissions uploaded before `cutoff` (the retention
    setting, docs/security.md): their families and everything under them, and the values
    their reports quote. The submissions' metadata and the aggregate indicator values stay.
    Returns how many rows were deleted. Called by `manage.py purge_expired_records`."""
    expired = Submission.objects.filter(uploaded_at__lt=cutoff)
    deleted, _ = Family.objects.filter(submission__in=expired).delete()
    expired.exclude(problems=[]).update(problems=[])
    return deleted
