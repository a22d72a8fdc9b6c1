"""Turning checked rows into a submission's families, people, plans and measures.

Each row is checked on its own as it is read (kpi/ingest/checks.py) and streamed into the
import's staging table (kpi/ingest/staging.py) with the keyed hashes of its keys. Once the last
row is in, the rules that need several rows are applied in the database, set-based
(docs/kpi-specification.md §2, §4–5):

- a person's rows must agree on everything except their plan and period of care columns;
- a repeated plan or period key for one person must repeat the same dates;
- each family belongs to the cohort whose window holds its earliest R03, and an R05 that
  is given must name that cohort;
- every family's earliest R03 is on or before the end of the submission's quarter.

A file without errors is then split into the record tables (kpi/ingest/record_tables.py)
with one INSERT ... SELECT per table, each joining its parent rows of the same submission
by keyed hash, so every row's link (kpi.models.RECORD_LINKS) holds by construction.
Memory holds one batch of rows, never the file nor anything per person. The caller owns
the transactions: store() must run in one (kpi.services.import_run), checking need not
(on SQLite it runs in none).
"""

from dataclasses import asdict
from datetime import date
from typing import Any

from django.db import connection

from kpi.ingest.checks import ProblemLog
from kpi.ingest.columns import BY_ATTR, PER_ROW_ATTRS
from kpi.ingest.record_tables import (
    FIRST_ROWS,
    PERIODS,
    PLANS,
    STAGE,
    Repeated,
    store_record_tables,
)
from kpi.ingest.staging import STAGE_ATTRS, StageWriter
from kpi.keys import key_hasher
from kpi.models import Cohort, Submission
from kpi.quarters import Quarter
from seslip.wording import count_of

# Everything but the plan and period columns: the person's details, which must agree.
_PERSON_ATTRS = (
    *(attr for attr in STAGE_ATTRS if attr not in PER_ROW_ATTRS),
    "family_hash",  # the keys staged only as hashes: equal hashes, equal keys
    "referral_hash",
    "previous_hash",
)
_LABEL = {attr: column.label for attr, column in BY_ATTR.items()}
FAMILY_STARTS = f"SELECT family_hash, MIN(fs_start) AS start FROM {STAGE} GROUP BY family_hash"
# Each family's FS start and the first row that gives it. Over every staged row, not only
# people's first rows: a person's later rows repeat their first row's R01 and R03
# (differing rows are taken out first), so both give the same answer, and the earliest
# row with a value is always a first row.
FAMILY_START_ROWS = (
    "SELECT staged.family_hash, family.start, MIN(staged.file_row) AS start_row "
    f"FROM {STAGE} AS staged JOIN ({FAMILY_STARTS}) AS family "
    "  ON family.family_hash = staged.family_hash AND family.start = staged.fs_start "
    "GROUP BY staged.family_hash, family.start"
)


class SubmissionAssembler:
    def __init__(
        self,
        *,
        submission: Submission,
        cohorts: list[Cohort],
        writer: StageWriter,
        problems: ProblemLog,
    ):
        self.submission_id = submission.pk
        self.quarter = submission.quarter
        self.authority_name = submission.authority.name
        self.cohorts = cohorts
        self.writer = writer
        self.problems = problems
        slug = submission.authority.slug
        self.hash_family = key_hasher(slug, "family")
        self.hash_person = key_hasher(slug, "person")
        self.hash_referral = key_hasher(slug, "referral")
        self.hash_plan = key_hasher(slug, "cp-plan")
        self.hash_previous_plan = key_hasher(slug, "previous-cp-plan")
        self.hash_period = key_hasher(slug, "care-period")
        self._last_family = ("", "")  # (key, hash): a family's rows usually come together
        self.rows = 0
        self.counts: dict[str, int] = {}
        writer.create()

    def add(self, number: int, values: dict[str, Any]) -> None:
        """Stage one checked row."""
        self.rows += 1
        get = values.get
        person_key = get("person_key")
        family_key = get("family_key")
        if person_key is None or family_key is None or "fs_start" not in values:
            return
        if self._last_family[0] != family_key:
            self._last_family = (family_key, self.hash_family(family_key))
        referral_key = get("referral_key")
        previous_key = get("previous_plan_key")
        plan_key = get("cp_plan_key")
        period_key = get("care_period_key")
        claim = get("cohort_name")
        self.writer.add(
            (
                number,
                values["is_child"],
                self._last_family[1],
                self.hash_person(person_key),
                None if referral_key is None else self.hash_referral(referral_key),
                None if previous_key is None else self.hash_previous_plan(previous_key),
                None if plan_key is None else self.hash_plan(plan_key),
                None if period_key is None else self.hash_period(period_key),
                None if claim is None else claim.casefold(),
                *map(get, STAGE_ATTRS),
            )
        )

    def finish(self) -> None:
        """Apply the rules that span rows to the staged file and count what it holds."""
        self.writer.finish()
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # The set-based steps sort and hash the whole staged file; with PostgreSQL's
                # default of 4 MB per sort, a 100k-row file's sorts went to disk (8 to 18
                # MB each). For the rest of the import's transaction only.
                cursor.execute("SET LOCAL work_mem = '64MB'")
            self._check_people(cursor)
            self._check_repeats(cursor, PLANS)
            self._check_repeats(cursor, PERIODS)
            self._check_families(cursor)
            self._check_quarter(cursor)
            if self.problems.error_count == 0:
                return  # store() counts what it writes
            cursor.execute(
                "SELECT COUNT(*), "
                "COALESCE(SUM(CASE WHEN is_child THEN 1 ELSE 0 END), 0), "
                "COUNT(DISTINCT family_hash) "
                f"FROM {STAGE} WHERE file_row IN ({FIRST_ROWS})"
            )
            people, children, families = cursor.fetchone()
        self._count(families=families, people=people, children=children)

    def _count(self, *, families=0, people=0, children=0, plans=0, periods=0) -> None:
        self.counts = {
            "row_count": self.rows,
            "family_count": families,
            "person_count": people,
            "child_count": children,
            "adult_count": people - children,
            "cp_plan_count": plans,
            "care_period_count": periods,
        }

    def _found(self, cursor, query: str, params=()) -> list[tuple]:
        """The rows a check's query finds, ordered by their first column (the file row):
        as many as the report keeps, the rest only counted, so a bad file's report never
        costs memory in proportion to the file."""
        cursor.execute(
            f"SELECT found.*, COUNT(*) OVER () FROM ({query}) AS found ORDER BY 1 LIMIT %s",
            [*params, self.problems.keep],
        )
        rows = cursor.fetchall()
        if rows:
            self.problems.count_more_errors(rows[0][-1] - len(rows))
        return [row[:-1] for row in rows]

    def _check_people(self, cursor) -> None:
        """A person's later rows repeat every column of their first row but the plan and
        period of care columns."""
        differs = _differs()
        later = ", ".join(f"later.{attr}" for attr in _PERSON_ATTRS)
        first = ", ".join(f"head.{attr}" for attr in _PERSON_ATTRS)
        differing = (
            "SELECT later.file_row, later.person_key, head.file_row AS first_row FROM ("
            "  SELECT person_hash, MIN(file_row) AS first_row"
            f"  FROM {STAGE} GROUP BY person_hash HAVING COUNT(*) > 1"
            f") AS several JOIN {STAGE} AS head ON head.file_row = several.first_row "
            f"JOIN {STAGE} AS later ON later.person_hash = several.person_hash "
            "  AND later.file_row > several.first_row "
            f"WHERE ({later}) {differs} ({first})"
        )
        found = self._found(cursor, differing)
        for number, person_key, first_row in found:
            self.problems.error(
                number,
                _LABEL["person_key"],
                person_key,
                f"This person's details differ from their row {first_row}. A person "
                "with several rows (one per plan or period of care) must have the same "
                "values in every other column on each of them.",
            )
        if found:
            # Such a row says nothing more: the rules below do not see it.
            cursor.execute(
                f"DELETE FROM {STAGE} WHERE file_row IN (SELECT file_row FROM ({differing}) AS d)"
            )

    def _check_repeats(self, cursor, repeated: Repeated) -> None:
        """A plan (or period) key repeated for one person repeats its first dates."""
        key, start, end = repeated.key, repeated.start, repeated.end
        found = self._found(
            cursor,
            f"SELECT file_row, {key}, first_row FROM ("
            f"  SELECT file_row, {key}, {start}, {end},"
            f"    FIRST_VALUE({start}) OVER repeat AS first_start,"
            f"    FIRST_VALUE({end}) OVER repeat AS first_end,"
            "    FIRST_VALUE(file_row) OVER repeat AS first_row"
            f"  FROM {STAGE} WHERE {repeated.key_hash} IS NOT NULL AND {start} IS NOT NULL"
            f"  WINDOW repeat AS (PARTITION BY person_hash, {repeated.key_hash} ORDER BY file_row)"
            f") AS repeats WHERE {start} <> first_start OR {end} {_differs()} first_end",
        )
        for number, raw_key, first_row in found:
            self.problems.error(
                number,
                _LABEL[key],
                raw_key,
                f"This key appears for the same person on row {first_row} with "
                "different dates. Each plan or period of care must have one start and "
                "one end date.",
            )

    def _cohort_case(self, start: str, then=lambda cohort: cohort.pk) -> tuple[str, list]:
        """SQL for `then(cohort)` of the cohort whose window holds `start` (the first by
        start date, as the cohorts are ordered): by default its id. NULL when none does."""
        if not self.cohorts:
            return "NULL", []
        whens, params = [], []
        for cohort in self.cohorts:
            whens.append(f"WHEN {start} >= %s AND {start} <= %s THEN %s")
            params += [cohort.start, cohort.end, then(cohort)]
        return f"(CASE {' '.join(whens)} END)", params

    def _check_families(self, cursor) -> None:
        cohort, params = self._cohort_case("families.start")
        found = self._found(
            cursor,
            f"SELECT start_row, start FROM ({FAMILY_START_ROWS}) AS families "
            f"WHERE {cohort} IS NULL",
            params,
        )
        for number, start in found:
            self.problems.error(
                number,
                _LABEL["fs_start"],
                _as_date(start).isoformat(),
                "This family's Family Safeguarding start (its earliest R03) is in no "
                f"cohort window configured for {self.authority_name}: {self._windows()}.",
            )
        if not self.cohorts:
            return
        # An R05 that is given must name the family's cohort, by name (in any case) or by
        # number; the stage holds it casefolded.
        name, name_params = self._cohort_case("families.start", lambda c: c.name.casefold())
        number, number_params = self._cohort_case("families.start", lambda c: str(c.number))
        found = self._found(
            cursor,
            "SELECT wrong.claim_row, given.cohort_name, wrong.start FROM ("
            "  SELECT claims.claim_row, families.start"
            f"  FROM ({FAMILY_STARTS}) AS families JOIN ("
            "    SELECT family_hash, claim, MIN(file_row) AS claim_row"
            f"    FROM {STAGE} WHERE claim IS NOT NULL GROUP BY family_hash, claim"
            "  ) AS claims ON claims.family_hash = families.family_hash"
            f"  WHERE claims.claim <> {name} AND claims.claim <> {number}"
            f") AS wrong JOIN {STAGE} AS given ON given.file_row = wrong.claim_row",
            [*name_params, *number_params],
        )
        for row, claim, start in found:
            start = _as_date(start)
            assigned = next(c for c in self.cohorts if c.start <= start <= c.end)
            self.problems.error(
                row,
                _LABEL["cohort_name"],
                claim,
                f"R05 says '{claim}', but the family's FS start "
                f"({start:%d/%m/%Y}) puts it in {assigned.name}.",
            )

    def _check_quarter(self, cursor) -> None:
        """Every family's FS start (its earliest R03) is on or before the quarter's end: a
        return cannot hold a family whose Family Safeguarding work had not begun by the end
        of its quarter (docs/kpi-ingest.md, "Quarters"). One file-level error, since when
        it happens the quarter is wrong far more often than the rows are."""
        quarter = Quarter.parse(self.quarter)
        cursor.execute(
            "SELECT COUNT(*), MIN(start_row), MAX(start), "
            f"  (SELECT COUNT(DISTINCT family_hash) FROM {STAGE}) "
            f"FROM ({FAMILY_START_ROWS}) AS families WHERE start > %s",
            [quarter.end],
        )
        later, first_row, latest, families = cursor.fetchone()
        if not later:
            return
        latest = _as_date(latest)
        cursor.execute(f"SELECT fs_start FROM {STAGE} WHERE file_row = %s", [first_row])
        (first_start,) = cursor.fetchone()
        likely = Quarter.containing(latest)
        self.problems.error(
            None,
            "quarter",
            str(quarter),
            f"{later:,} of the file's {count_of(families, 'family', 'families')} "
            f"{'has' if later == 1 else 'have'} a Family Safeguarding start "
            f"(their earliest R03) after the end of {quarter} ({quarter.label}), the first "
            f"on row {first_row} ({_as_date(first_start):%d/%m/%Y}). A return for a quarter "
            "can only hold families whose work had begun by its end. Check the quarter: the "
            f"latest family start is in {likely} ({likely.label}).",
        )

    def _windows(self) -> str:
        if not self.cohorts:
            return "none are configured"
        return "; ".join(f"{c.name} {c.start:%d/%m/%Y} to {c.end:%d/%m/%Y}" for c in self.cohorts)

    def store(self) -> None:
        """Split the staged file (which has no error) into the record tables."""
        cohort, cohort_params = self._cohort_case("MIN(fs_start)")
        stored = store_record_tables(
            submission_id=self.submission_id, cohort=cohort, cohort_params=cohort_params
        )
        self._count(**asdict(stored))


def _differs() -> str:
    """SQL's "not equal, NULL being a value like any other" (rows of values too)."""
    return "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"


def _as_date(value: Any) -> date:
    """A date read back from the stage (SQLite hands back its ISO text)."""
    return value if isinstance(value, date) else date.fromisoformat(value)
