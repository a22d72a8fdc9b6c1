"""One run of the import pipeline over a cohort file: check every row (kpi/ingest/), stage
the good ones and, when no row has an error, store them and make the submission current in
one transaction. `kpi.services.imports` decides when a run starts (at once, or on the
worker); this module is the run itself."""

import contextlib
import logging
from dataclasses import dataclass, field
from typing import IO

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connection, connections, transaction
from django.utils import timezone

from kpi.ingest.assembly import SubmissionAssembler
from kpi.ingest.checks import ProblemLog, RowChecker
from kpi.ingest.parsing import open_table
from kpi.ingest.staging import StageWriter, writer_for_connection
from kpi.ingest.table import FileRejected, Table, in_report_order
from kpi.models import Cohort, Submission
from kpi.notifications import background_import_finished
from kpi.services.import_report import ImportReport, Outcome, fail_import
from kpi.services.recovery import import_lock
from kpi.services.values import recompute_indicators

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 2000


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


def outcome_for(submission: Submission) -> str:
    """What became of a submission another run took, in an import report's words."""
    outcomes: dict[str, str] = {
        Submission.Status.ACCEPTED: Outcome.ACCEPTED,
        Submission.Status.REJECTED: Outcome.REJECTED,
        Submission.Status.FAILED: Outcome.FAILED,
        Submission.Status.SUPERSEDED: Outcome.ACCEPTED,
    }
    return outcomes.get(submission.status, Outcome.QUEUED)


def run_pending_import(*, submission_id: int) -> ImportReport:
    """The worker's side of a background import: read the stored file through the storage
    API (a worker may run on another host than the server that stored it), import it,
    delete it. A submission is imported once: a second task for it, or its task run again
    after a crash and a recovery, finds it no longer "received" and changes nothing.
    The uploader is emailed the outcome by the run that ends the import, and only by it
    (kpi.notifications); an import that dies on the way is told by its recovery."""
    submission = Submission.objects.select_related("authority").get(pk=submission_id)
    with import_lock(submission):
        if not _claim(submission):
            return ImportReport.from_submission(submission, outcome_for(submission))
        path = submission.pending_file
        try:
            with default_storage.open(path, "rb") as stored:
                report = _run_claimed_import(submission=submission, file=stored)
        finally:
            default_storage.delete(path)
            Submission.objects.filter(pk=submission.pk).update(pending_file="")
    background_import_finished(submission)
    return report


def _claim(submission: Submission) -> bool:
    """Move a received submission to "checking"; False (and the submission as it now is)
    when another process has already taken it, or it was recovered or withdrawn."""
    now = timezone.now()
    claimed = Submission.objects.filter(pk=submission.pk, status=Submission.Status.RECEIVED).update(
        status=Submission.Status.VALIDATING, started_at=now
    )
    if not claimed:
        submission.refresh_from_db()
        logger.info("submission %s is %s: not imported again", submission.pk, submission.status)
        return False
    submission.status = Submission.Status.VALIDATING
    submission.started_at = now
    return True


def run_import(*, submission: Submission, file: IO[bytes]) -> ImportReport:
    """Check every row and, when there is no error, store them all in one transaction."""
    with import_lock(submission):
        if not _claim(submission):
            return ImportReport.from_submission(submission, outcome_for(submission))
        return _run_claimed_import(submission=submission, file=file)


def _run_claimed_import(*, submission: Submission, file: IO[bytes]) -> ImportReport:
    problems = ProblemLog()
    progress = _Progress(submission)
    stored = StoredRows()
    run = _ImportRun(submission=submission, problems=problems, progress=progress, stored=stored)
    try:
        with _import_transaction():
            run.check_and_store(file)
    except _Rejected:
        pass
    except FileRejected as rejected:
        problems.add(rejected.problem)
    except IntegrityError:
        logger.exception("submission %s lost a race for current", submission.pk)
        return fail_import(
            submission,
            "Another submission for this authority and quarter was accepted at the same "
            "moment. Upload the file again.",
        )
    except Exception:
        logger.exception("import of submission %s failed", submission.pk)
        return fail_import(submission, "The import stopped because of an internal error.")
    finally:
        progress.close()
    if problems.error_count:
        submission.status = Submission.Status.REJECTED
    for name, value in stored.counts.items():
        setattr(submission, name, value)
    if stored.accepted:
        submission.status = Submission.Status.ACCEPTED
    submission.problems = [
        p.as_dict() for p in in_report_order(problems.errors + problems.warnings)
    ]
    submission.error_count = problems.error_count
    submission.warning_count = problems.warning_count
    submission.rows_processed = stored.counts.get("row_count", submission.rows_processed)
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
        errors=in_report_order(problems.errors),
        warnings=in_report_order(problems.warnings),
        error_count=problems.error_count,
        warning_count=problems.warning_count,
        row_count=submission.row_count,
    )


@dataclass
class StoredRows:
    """What checking and storing a file found: the assembler's counts (row_count,
    family_count, ...: fields of the submission) and whether the rows became current."""

    counts: dict[str, int] = field(default_factory=dict)
    accepted: bool = False


@dataclass
class _ImportRun:
    """One file's pass through the checks (kpi/ingest/) into the record tables."""

    submission: Submission
    problems: ProblemLog
    progress: _Progress
    stored: StoredRows

    def check_and_store(self, file: IO[bytes]) -> None:
        table = open_table(file, self.submission.file_name)
        for note in table.notes:
            self.problems.add(note)
        checker = RowChecker(table.header, today=timezone.localdate(), problems=self.problems)
        if self.problems.error_count:
            raise _Rejected
        authority = self.submission.authority
        cohorts = list(Cohort.objects.filter(authority=authority).order_by("start"))
        writer = writer_for_connection()
        try:
            self._store(table, checker, cohorts, writer)
        finally:
            writer.close()
            if not connection.in_atomic_block:
                # No transaction takes the staging table away with it (SQLite): drop it, so
                # that a failed import leaves nothing on the worker's connection either.
                writer.discard()

    def _store(
        self, table: Table, checker: RowChecker, cohorts: list[Cohort], writer: StageWriter
    ) -> None:
        submission, problems = self.submission, self.problems
        assembler = SubmissionAssembler(
            submission=submission, cohorts=cohorts, writer=writer, problems=problems
        )
        data_rows = self._add_rows(table, checker, assembler)
        if data_rows == 0:
            problems.error(2, "", "", "The file has a header row but no data rows.")
        assembler.finish()
        self.stored.counts.update(assembler.counts)
        # Every data row of the file, those with errors too: what the uploader counts.
        self.stored.counts["row_count"] = data_rows
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
        self.stored.counts.update(assembler.counts)
        self.stored.counts["row_count"] = data_rows
        self.stored.accepted = True
        writer.drop()

    def _add_rows(self, table: Table, checker: RowChecker, assembler: SubmissionAssembler) -> int:
        """Check each row and hand the good ones to the assembler; returns the data rows."""
        problems = self.problems
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
                self.progress.update(data_rows)
        return data_rows
