"""The import's staging table: every checked row of a file, written in bulk as it comes.

An import streams the file's rows into one temporary table (one row per file row: the
checked values and the keyed hashes of its keys), so that the rules spanning several rows
and the split into families, people, plans and measures run in the database, set-based,
once the last row is in (kpi/ingest/assembly.py). The importing process then holds one batch of
rows at a time, whatever the size of the file.

The table is TEMPORARY: private to the import's connection, gone with it, and kept in
the connection's temporary database, so writing it takes no lock on the main database.
On PostgreSQL it is created and dropped inside the import's transaction, so a rolled-back
import leaves nothing; on SQLite, where the file is checked outside any transaction
(kpi.services.import_run._import_transaction), it is dropped when the import ends, however it ends.

PostgreSQL gets `COPY ... FROM STDIN` in batches, sent by a writer thread on the import's
own connection (and so in its transaction): the server stores one batch while this process
checks the next rows, since psycopg2 lets go of the GIL while the server works. Every
other database (SQLite in development) gets `executemany` in batches.
docs/performance.md ("KPI import") has the figures.
"""

import csv
import io
import logging
import queue
import threading

from django.db import DatabaseError, connection

from kpi.ingest.columns import COLUMNS, Kind

logger = logging.getLogger(__name__)

STAGE_TABLE = "kpi_import_stage"

# Worked out per row by the importer, before the file's own columns (kpi/ingest/assembly.py).
COMPUTED_COLUMNS = (
    ("file_row", "integer"),
    ("is_child", "boolean"),
    ("family_hash", "varchar(64)"),
    ("person_hash", "varchar(64)"),
    ("referral_hash", "varchar(64)"),
    ("previous_hash", "varchar(64)"),
    ("plan_hash", "varchar(64)"),
    ("period_hash", "varchar(64)"),
    ("claim", "text"),  # R05 casefolded, as the cohort rule compares it
)
_TYPES = {
    Kind.TEXT: "text",
    Kind.CHOICE: "text",
    Kind.INTEGER: "bigint",  # a count has no upper bound in the spec
    Kind.DATE: "date",
    Kind.BOOLEAN: "boolean",
}
# Keys staged only as their keyed hashes: no report line quotes them (docs/adr/0003).
HASHED_ONLY = frozenset({"family_key", "referral_key", "previous_plan_key"})
# Every other column of docs/kpi-specification.md §4.5, named by its attribute; empty where the
# file has no
# value. The person, plan and period keys stay as given for the report lines about them.
_STAGED = tuple(column for column in COLUMNS if column.attr not in HASHED_ONLY)
STAGE_ATTRS = tuple(column.attr for column in _STAGED)
STAGE_COLUMNS = (*COMPUTED_COLUMNS, *((column.attr, _TYPES[column.kind]) for column in _STAGED))


class StageWriter:
    """Buffers staged rows and writes each batch when it is full."""

    def __init__(self, batch_size: int = 5000):
        self.batch_size = batch_size
        self.rows: list[tuple] = []

    def create(self) -> None:
        columns = ", ".join(f"{name} {kind}" for name, kind in STAGE_COLUMNS)
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {STAGE_TABLE}")
            cursor.execute(f"CREATE TEMPORARY TABLE {STAGE_TABLE} ({columns})")

    def add(self, row: tuple) -> None:
        rows = self.rows
        rows.append(row)
        if len(rows) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            self._write(self.rows)
            self.rows = []

    def finish(self) -> None:
        """Every row is in the table and ready to be queried."""
        self.flush()

    def drop(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {STAGE_TABLE}")

    def discard(self) -> None:
        """Drop the table after a failed import, if the connection still works (if it
        does not, the table went with it; create() drops any left over anyway)."""
        try:
            self.drop()
        except DatabaseError:
            logger.warning("could not drop the import's staging table", exc_info=True)

    def close(self) -> None:
        """Stop any background work without writing what is still buffered (the import
        failed, or has finished: finish() has then written everything)."""

    def _write(self, rows: list[tuple]) -> None:
        raise NotImplementedError


class InsertWriter(StageWriter):
    """Any database: INSERT with executemany, one statement per batch."""

    def _write(self, rows):
        marks = ", ".join(["%s"] * len(STAGE_COLUMNS))
        with connection.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {STAGE_TABLE} VALUES ({marks})", rows)

    def finish(self):
        super().finish()
        # SQLite joins the table to itself by row and by person without hashing: give it
        # the indexes (PostgreSQL plans hash joins and needs none).
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE INDEX {STAGE_TABLE}_row ON {STAGE_TABLE} (file_row)")
            cursor.execute(
                f"CREATE INDEX {STAGE_TABLE}_person ON {STAGE_TABLE} (person_hash, file_row)"
            )


class CopyWriter(StageWriter):
    """PostgreSQL: COPY in CSV format, written by the csv module's C writer.

    In COPY's CSV format an unquoted empty field is NULL, so a missing value (None, written
    as nothing) reads as NULL; an empty text never reaches the stage (the checker drops
    empty cells). Booleans are written as True/False, dates as YYYY-MM-DD.
    """

    statement = f"COPY {STAGE_TABLE} FROM STDIN WITH (FORMAT csv)"

    def __init__(self, batch_size: int = 5000):
        super().__init__(batch_size)
        # At most two batches wait for the writer thread: memory stays bounded.
        self._queue: queue.Queue = queue.Queue(maxsize=2)
        self._thread: threading.Thread | None = None
        self._failure: BaseException | None = None

    def _write(self, rows):
        self._raise_failure()
        if self._thread is None:
            connection.ensure_connection()
            self._thread = threading.Thread(
                target=self._copy_batches,
                args=(connection.connection,),
                name="kpi-copy-writer",
                daemon=True,
            )
            self._thread.start()
        # Formatted here, sent there: the thread then needs the GIL for one read() only.
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(rows)
        size = buffer.tell() + 1
        buffer.seek(0)
        self._queue.put((buffer, size))

    def _copy_batches(self, raw_connection) -> None:
        """The writer thread: COPY each queued batch until told to stop (None).

        It uses the psycopg2 connection underneath Django's, so its rows are in the
        import's transaction. After a failure it only drains the queue; the main thread
        re-raises the failure at its next write or wait, and the transaction rolls back.
        """
        while True:
            item = self._queue.get()
            try:
                if item is None:
                    return
                if self._failure is None:
                    buffer, size = item
                    with raw_connection.cursor() as cursor:
                        # One read of the whole batch: the thread needs the GIL only for it.
                        cursor.copy_expert(self.statement, buffer, size=size)
            except BaseException as failure:  # handed to the main thread, which re-raises it
                self._failure = failure
            finally:
                self._queue.task_done()

    def _raise_failure(self) -> None:
        # The failure stays recorded, so the thread goes on draining instead of sending
        # more batches into a transaction that can only roll back.
        if self._failure is not None:
            raise self._failure

    def finish(self) -> None:
        super().finish()
        if self._thread is not None:
            self._queue.join()
        self._raise_failure()
        analyze(STAGE_TABLE)  # for the set-based steps that follow

    def close(self) -> None:
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = None


def analyze(*tables: str) -> None:
    """PostgreSQL: refresh the planner's statistics of tables this transaction has just
    written, before a statement in it reads them back. ANALYZE sees the transaction's own
    uncommitted rows. Without it the rows are planned as if they were not there: nested
    loops over every row, minutes instead of a second.

    A 3,000-row sample per table (not 30,000): the plans need the row counts and rough
    distributions, and autovacuum analyses the record tables fully after commit."""
    if connection.vendor != "postgresql":
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL default_statistics_target = 10")
        cursor.execute(f"ANALYZE {', '.join(quote(table) for table in tables)}")
        cursor.execute("SET LOCAL default_statistics_target TO DEFAULT")


def writer_for_connection() -> StageWriter:
    if connection.vendor == "postgresql":
        return CopyWriter()
    return InsertWriter()
