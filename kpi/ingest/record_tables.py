"""Splitting a checked file's staging table into the record tables (families, people,
referrals, plans, periods of care, quarterly measures): one INSERT ... SELECT per table,
each joining its parent rows of the same submission by keyed hash, so every row's link
(kpi.models.RECORD_LINKS) holds by construction. kpi/ingest/assembly.py applies the rules
across rows first and calls `store_record_tables()` for a file without errors, inside the
caller's transaction."""

from dataclasses import dataclass
from typing import cast

from django.apps import apps
from django.db import connection
from django.db.backends.utils import CursorWrapper

from kpi.ingest.columns import BY_ATTR
from kpi.ingest.staging import STAGE_TABLE, analyze
from kpi.models import RECORD_LINKS, QuarterMeasures

STAGE = STAGE_TABLE
# A person's first row stands for the person (their other rows agree with it).
FIRST_ROWS = f"SELECT MIN(file_row) FROM {STAGE} GROUP BY person_hash"
# QuarterMeasures' columns are named after the file's columns they hold.
MEASURE_FIELDS = tuple(
    field
    for field in QuarterMeasures._meta.concrete_fields
    if field.attname not in ("person_id", "submission_id")
)
assert all(field.attname in BY_ATTR for field in MEASURE_FIELDS)

RECORD_TABLES = ("Family", *(child for child, _column, _parent in RECORD_LINKS))


@dataclass(frozen=True)
class StoredCounts:
    """How many rows of each kind one file became."""

    families: int
    people: int
    children: int
    plans: int
    periods: int


@dataclass(frozen=True)
class Repeated:
    """Plans or periods of care: one per key and person, with the same dates on each of
    the person's rows that gives the key."""

    table: str
    key_hash: str  # staged
    key: str  # the file's columns
    start: str
    end: str


PLANS = Repeated("kpi_cpplan", "plan_hash", "cp_plan_key", "cp_plan_start", "cp_plan_end")
PERIODS = Repeated("kpi_periodofcare", "period_hash", "care_period_key", "care_start", "care_end")


def _refresh_statistics(*names: str) -> None:
    """The planner's view of record tables (by model name) just written to."""
    analyze(*(apps.get_model("kpi", name)._meta.db_table for name in names))


def store_record_tables(*, submission_id: int, cohort: str, cohort_params: list) -> StoredCounts:
    """Split the staged file (which has no error) into the record tables; `cohort` is the
    SQL that picks a family's cohort from its earliest R03, with its parameters."""
    submission = submission_id
    person = "person.submission_id = %s AND person.key_hash = stage.person_hash"
    first = f"stage.file_row IN ({FIRST_ROWS})"
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO kpi_family (submission_id, cohort_id, key_hash, fs_start) "
            f"SELECT %s, {cohort}, family_hash, MIN(fs_start) FROM {STAGE} "
            "GROUP BY family_hash ORDER BY MIN(file_row)",
            [submission, *cohort_params],
        )
        families = cursor.rowcount
        _refresh_statistics("Family")
        cursor.execute(
            "INSERT INTO kpi_person (submission_id, family_id, key_hash, first_row, "
            "is_child, sex, age, ethnicity, relationship, fs_start, fs_team, fs_end, "
            "cohort_name, uasc) "
            "SELECT %s, family.id, stage.person_hash, stage.file_row, stage.is_child, "
            "COALESCE(stage.sex, ''), stage.age, COALESCE(stage.ethnicity, ''), "
            "COALESCE(stage.relationship, ''), stage.fs_start, "
            "COALESCE(stage.fs_team, ''), stage.fs_end, COALESCE(stage.cohort_name, ''), "
            "COALESCE(stage.uasc, FALSE) "
            f"FROM {STAGE} AS stage JOIN kpi_family AS family "
            "  ON family.submission_id = %s AND family.key_hash = stage.family_hash "
            f"WHERE {first} ORDER BY stage.file_row",
            [submission, submission],
        )
        people = cursor.rowcount
        _refresh_statistics("Person")
        cursor.execute(
            "INSERT INTO kpi_referral (person_id, submission_id, key_hash, start, "
            'category, "end", previous_referrals) '
            "SELECT person.id, %s, stage.referral_hash, stage.referral_start, "
            "COALESCE(stage.referral_category, ''), stage.referral_end, "
            "stage.previous_referrals "
            f"FROM {STAGE} AS stage JOIN kpi_person AS person ON {person} "
            "WHERE stage.is_child AND stage.file_row = person.first_row",
            [submission, submission],
        )
        children = cursor.rowcount  # every child has a referral
        cursor.execute(
            'INSERT INTO kpi_previouscpplan (person_id, submission_id, key_hash, start, "end") '
            "SELECT person.id, %s, COALESCE(stage.previous_hash, ''), "
            "stage.previous_plan_start, stage.previous_plan_end "
            f"FROM {STAGE} AS stage JOIN kpi_person AS person ON {person} "
            "WHERE stage.is_child AND stage.file_row = person.first_row AND ("
            "  stage.previous_hash IS NOT NULL OR stage.previous_plan_start IS NOT NULL"
            "  OR stage.previous_plan_end IS NOT NULL)",
            [submission, submission],
        )
        quote = connection.ops.quote_name
        names = ", ".join(quote(cast(str, field.column)) for field in MEASURE_FIELDS)
        values = ", ".join(
            f"COALESCE(stage.{field.attname}, '')"
            if field.get_internal_type() == "CharField"
            else f"stage.{field.attname}"
            for field in MEASURE_FIELDS
        )
        cursor.execute(
            f"INSERT INTO kpi_quartermeasures (person_id, submission_id, {names}) "
            f"SELECT person.id, %s, {values} "
            f"FROM {STAGE} AS stage JOIN kpi_person AS person ON {person} "
            "WHERE stage.file_row = person.first_row",
            [submission, submission],
        )
        plans = _store_repeats(cursor, PLANS, submission)
        periods = _store_repeats(cursor, PERIODS, submission)
    _refresh_statistics(*RECORD_TABLES[2:])
    return StoredCounts(families, people, children, plans, periods)


def _store_repeats(cursor: CursorWrapper, repeated: Repeated, submission_id: int) -> int:
    """Each plan (or period) once, with the dates of its first row.

    Driven from the first rows, joined to the stage and then to the person: written
    as `file_row IN (first rows)`, SQLite walked the people and probed each one's
    rows once for every first row of the file, work growing with the square of the
    file (a minute, holding the write lock, for 21,000 rows)."""
    key_hash, start, end = repeated.key_hash, repeated.start, repeated.end
    cursor.execute(
        f'INSERT INTO {repeated.table} (submission_id, person_id, key_hash, start, "end") '
        f"SELECT %s, person.id, stage.{key_hash}, stage.{start}, stage.{end} "
        f"FROM (SELECT MIN(file_row) AS file_row FROM {STAGE} "
        f"  WHERE {key_hash} IS NOT NULL AND {start} IS NOT NULL "
        f"  GROUP BY person_hash, {key_hash}) AS firsts "
        f"JOIN {STAGE} AS stage ON stage.file_row = firsts.file_row "
        "JOIN kpi_person AS person "
        "  ON person.submission_id = %s AND person.key_hash = stage.person_hash "
        "ORDER BY stage.file_row",
        [submission_id, submission_id],
    )
    return cursor.rowcount
