"""Bulk writing of a submission's rows inside one transaction, never a query per row.

PostgreSQL gets `COPY ... FROM STDIN` in batches; every other database (SQLite in
development) gets `bulk_create` in batches. Families and people need their ids before
they are written (people point at families, records at people), so ids come from the
table's sequence in blocks (PostgreSQL) or count on from the table's highest id (SQLite,
whose single writer makes that safe inside the import's transaction).

On PostgreSQL the batches are sent by a writer thread on the import's own connection (and
so in its transaction), so that the server stores one batch while this process checks the
next rows: psycopg2 lets go of the GIL while the server works. docs/performance.md
("KPI import") has the figures.
"""

import csv
import io
import queue
import threading

from django.db import DEFAULT_DB_ALIAS, connection, connections, models

from kpi.models import (
    CPPlan,
    Family,
    PeriodOfCare,
    Person,
    PreviousCPPlan,
    QuarterMeasures,
    Referral,
)

PERSON_COLUMNS = (
    "id",
    "submission_id",
    "family_id",
    "key_hash",
    "first_row",
    "is_child",
    "sex",
    "age",
    "ethnicity",
    "relationship",
    "fs_start",
    "fs_team",
    "fs_end",
    "cohort_name",
    "uasc",
)
FAMILY_COLUMNS = ("id", "submission_id", "cohort_id", "key_hash", "fs_start")
REFERRAL_COLUMNS = (
    "person_id",
    "submission_id",
    "key_hash",
    "start",
    "category",
    "end",
    "previous_referrals",
)
PLAN_COLUMNS = ("submission_id", "person_id", "key_hash", "start", "end")
PREVIOUS_PLAN_COLUMNS = ("person_id", "submission_id", "key_hash", "start", "end")
MEASURE_ATTRS = tuple(
    field.attname
    for field in QuarterMeasures._meta.concrete_fields
    if field.attname not in ("person_id", "submission_id")
)
MEASURE_COLUMNS = ("person_id", "submission_id", *MEASURE_ATTRS)
# Text columns are NOT NULL (Django's convention): a missing value is stored as ''.
MEASURE_BLANKS = {
    field.attname: ""
    for field in QuarterMeasures._meta.concrete_fields
    if isinstance(field, models.CharField)
}

COLUMNS: dict[type[models.Model], tuple[str, ...]] = {
    Family: FAMILY_COLUMNS,
    Person: PERSON_COLUMNS,
    Referral: REFERRAL_COLUMNS,
    CPPlan: PLAN_COLUMNS,
    PreviousCPPlan: PREVIOUS_PLAN_COLUMNS,
    PeriodOfCare: PLAN_COLUMNS,
    QuarterMeasures: MEASURE_COLUMNS,
}
# Written in this order so that a batch never points at a row of a later table.
ORDER = (Family, Person, Referral, PreviousCPPlan, CPPlan, PeriodOfCare, QuarterMeasures)


class RecordWriter:
    """Buffers rows per table and writes each buffer when it is full."""

    block = 5000

    def __init__(self, batch_size: int = 5000):
        self.batch_size = batch_size
        self.buffers: dict[type[models.Model], list[tuple]] = {model: [] for model in ORDER}
        self.written: dict[type[models.Model], int] = dict.fromkeys(ORDER, 0)
        self._ids: dict[type[models.Model], list[int]] = {Family: [], Person: []}
        self._allocations = {Family: 0, Person: 0}

    def next_id(self, model: type[models.Model]) -> int:
        pool = self._ids[model]
        if not pool:
            # Blocks double (up to 80,000): few allocations for a big file, few spare ids
            # for a small one.
            block = min(self.block << self._allocations[model], 80_000)
            self._allocations[model] += 1
            pool.extend(reversed(self._allocate(model, block)))
        return pool.pop()

    def add(self, model: type[models.Model], row: tuple) -> None:
        buffer = self.buffers[model]
        buffer.append(row)
        if len(buffer) >= self.batch_size:
            self.flush(model)

    def flush(self, model: type[models.Model]) -> None:
        rows = self.buffers[model]
        if rows:
            self._write(model, rows)
            self.written[model] += len(rows)
            self.buffers[model] = []

    def flush_all(self) -> None:
        for model in ORDER:
            self.flush(model)

    def refresh_statistics(self) -> None:
        """After the rows are written, before anything reads them back in the same
        transaction (the indicator computation): let the planner see how many there are."""

    def close(self) -> None:
        """Stop any background work without writing what is still buffered (the import
        failed, or has finished: flush_all() has then written everything)."""

    def _allocate(self, model: type[models.Model], count: int) -> list[int]:
        raise NotImplementedError

    def _write(self, model: type[models.Model], rows: list[tuple]) -> None:
        raise NotImplementedError


class BulkCreateWriter(RecordWriter):
    def __init__(self, batch_size: int = 5000):
        super().__init__(batch_size)
        self._next: dict[type[models.Model], int] = {}

    def _allocate(self, model, count):
        if model not in self._next:
            highest = model.objects.aggregate(top=models.Max("id"))["top"] or 0
            self._next[model] = highest + 1
        first = self._next[model]
        self._next[model] = first + count
        return list(range(first, first + count))

    def _write(self, model, rows):
        names = COLUMNS[model]
        model.objects.bulk_create(
            [model(**dict(zip(names, row, strict=True))) for row in rows],
            batch_size=self.batch_size,
        )


class CopyWriter(RecordWriter):
    """PostgreSQL: COPY in CSV format, written by the csv module's C writer.

    In COPY's CSV format an unquoted empty field is NULL; the text columns, which are
    NOT NULL, are listed in FORCE_NOT_NULL so that an empty text reads as ''. Booleans are
    written as True/False, dates as YYYY-MM-DD; PostgreSQL reads both.
    """

    def __init__(self, batch_size: int = 5000):
        super().__init__(batch_size)
        self._statements: dict[type[models.Model], str] = {}
        self._sequences: dict[type[models.Model], str] = {}
        # At most two batches wait for the writer thread: memory stays bounded.
        self._queue: queue.Queue = queue.Queue(maxsize=2)
        self._thread: threading.Thread | None = None
        self._failure: BaseException | None = None
        self._id_connection = None

    def _allocate(self, model, count):
        """`count` ids from the table's own sequence, so that any other writer's ids
        never collide. A block is almost always contiguous; only its ends then cross the
        wire, and the whole list only when another session took ids in between.

        Asked on a second connection: the import's own is busy with the writer thread's
        COPY, and sequences are outside transactions anyway (ids of a rolled-back import
        are simply never used)."""
        if self._id_connection is None:
            self._id_connection = connections.create_connection(DEFAULT_DB_ALIAS)
        with self._id_connection.cursor() as cursor:
            if model not in self._sequences:
                cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [model._meta.db_table])
                self._sequences[model] = cursor.fetchone()[0]
            cursor.execute(
                "WITH block AS (SELECT nextval(%s::regclass) AS id FROM generate_series(1, %s)) "
                "SELECT min(id), max(id), CASE WHEN max(id) - min(id) + 1 = count(*) THEN NULL "
                "ELSE array_agg(id ORDER BY id) END FROM block",
                [self._sequences[model], count],
            )
            first, last, scattered = cursor.fetchone()
        return scattered if scattered is not None else list(range(first, last + 1))

    def refresh_statistics(self) -> None:
        # Without this a first import into empty (or emptied, then analysed) tables is
        # planned as if they still held no rows: nested loops over every row, minutes
        # instead of milliseconds. ANALYZE sees this transaction's own uncommitted rows.
        self._wait()
        tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in ORDER)
        with connection.cursor() as cursor:
            # A 3,000-row sample per table (not 30,000): the plans need the row counts
            # and rough distributions, and autovacuum analyses fully after commit.
            cursor.execute("SET LOCAL default_statistics_target = 10")
            cursor.execute(f"ANALYZE {tables}")
            cursor.execute("SET LOCAL default_statistics_target TO DEFAULT")

    def _statement(self, model) -> str:
        if model not in self._statements:
            quote = connection.ops.quote_name
            fields = [_field(model, name) for name in COLUMNS[model]]
            columns = ", ".join(quote(field.column) for field in fields)
            text = ", ".join(
                quote(field.column)
                for field in fields
                if isinstance(field, models.CharField) and not field.null
            )
            force = f", FORCE_NOT_NULL ({text})" if text else ""
            self._statements[model] = (
                f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN "
                f"WITH (FORMAT csv{force})"
            )
        return self._statements[model]

    def _write(self, model, rows):
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
        self._queue.put((self._statement(model), buffer, size))

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
                    statement, buffer, size = item
                    with raw_connection.cursor() as cursor:
                        # One read of the whole batch: the thread needs the GIL only for it.
                        cursor.copy_expert(statement, buffer, size=size)
            except BaseException as failure:  # handed to the main thread, which re-raises it
                self._failure = failure
            finally:
                self._queue.task_done()

    def _wait(self) -> None:
        """Until every queued batch is in the database."""
        if self._thread is not None:
            self._queue.join()
        self._raise_failure()

    def _raise_failure(self) -> None:
        # The failure stays recorded, so the thread goes on draining instead of sending
        # more batches into a transaction that can only roll back.
        if self._failure is not None:
            raise self._failure

    def flush_all(self) -> None:
        super().flush_all()
        self._wait()

    def close(self) -> None:
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = None
        if self._id_connection is not None:
            self._id_connection.close()
            self._id_connection = None


def _field(model: type[models.Model], attname: str) -> models.Field:
    for field in model._meta.concrete_fields:
        if field.attname == attname:
            return field
    raise LookupError(f"{model.__name__} has no column {attname}")


def writer_for_connection() -> RecordWriter:
    if connection.vendor == "postgresql":
        return CopyWriter()
    return BulkCreateWriter()
