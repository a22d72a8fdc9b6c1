"""Checking a cohort file's header and each row's cells (docs/kpi-specification.md §4, §5).

Every problem becomes a report line with the spreadsheet row number (header = row 1), the
column, the value as given and a plain-English message. Rules that need several rows (a
person's rows agreeing, a family's cohort) live in kpi/ingest/assembly.py.
"""

from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kpi.ingest.cells import (
    EARLIEST_DATE,
    MAX_COUNT,
    CellError,
    converter,
    uk_date,
)
from kpi.ingest.columns import COLUMNS, REQUIRED, Column, Kind, Who, column_for_header
from kpi.ingest.table import Problem, as_text, column_letter, is_blank

MEMO_LIMIT = 10_000  # accepted texts remembered per column (check())
_MISSING = object()
_NONE_FAILED: frozenset[str] = frozenset()  # check()'s "no cell failed", shared by all rows
_BLANK = object()


@dataclass
class ProblemLog:
    """All problems of one file: counted in full, the first `keep` of each kind kept."""

    keep: int = 1000
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    error_count: int = 0
    warning_count: int = 0
    # The spreadsheet letter of each column, by the name reports give it (RowChecker).
    letters: dict[str, str] = field(default_factory=dict)

    def error(
        self, row: int | None, column: str, value: Any, message: str, letter: str = ""
    ) -> None:
        self.error_count += 1
        if len(self.errors) < self.keep:
            letter = letter or self.letters.get(column, "")
            self.errors.append(Problem.of(Problem.ERROR, row, column, value, message, letter))

    def warning(
        self, row: int | None, column: str, value: Any, message: str, letter: str = ""
    ) -> None:
        self.warning_count += 1
        if len(self.warnings) < self.keep:
            letter = letter or self.letters.get(column, "")
            self.warnings.append(Problem.of(Problem.WARNING, row, column, value, message, letter))

    def count_more_errors(self, count: int) -> None:
        """Errors found past what the report keeps: counted, not described."""
        self.error_count += count

    def add(self, problem: Problem) -> None:
        if problem.severity == Problem.ERROR:
            self.error(problem.row, problem.column, problem.value, problem.message, problem.letter)
        else:
            self.warning(
                problem.row, problem.column, problem.value, problem.message, problem.letter
            )


_CHILD_ONLY = tuple(column for column in COLUMNS if column.who == Who.CHILD)
_ADULT_ONLY = tuple(column for column in COLUMNS if column.who == Who.ADULT)
_LABEL = {column.attr: column.label for column in COLUMNS}
_CHILD_ONLY_ATTRS = frozenset(column.attr for column in _CHILD_ONLY)
_ADULT_ONLY_ATTRS = frozenset(column.attr for column in _ADULT_ONLY)
# Every column a rule below the child/adult split reads: without one of them, none applies.
_RULE_ATTRS = frozenset(
    {
        *("fs_end", "referral_end", "referral_start", "cp_plan_key", "cp_plan_start"),
        *("cp_plan_end", "previous_plan_start", "previous_plan_end", "care_period_key"),
        *("care_start", "care_end", "sessions_possible", "treatment_start", "treatment_closed"),
        *("assessments_no_engagement", "da_start", "da_end"),
    }
)
# Key columns: every value differs, so remembering accepted texts would only cost memory.
_UNIQUE_KEYS = frozenset(
    {"family_key", "person_key", "referral_key", "cp_plan_key", "previous_plan_key"}
    | {"care_period_key"}
)


class RowChecker:
    """Maps the header to columns and turns one row of cells into typed values."""

    def __init__(self, header: list[str], *, today: date, problems: ProblemLog):
        self.today = today
        self.problems = problems
        self.columns: list[tuple[int, Column, Callable[[Any], Any]]] = []
        self.width = len(header)
        seen: dict[str, int] = {}
        for position, heading in enumerate(header):
            heading_text = as_text(heading).strip()
            column = column_for_header(heading_text) if heading_text else None
            name = column.label if column else heading_text or f"column {position + 1}"
            problems.letters.setdefault(name, column_letter(position))
            if not heading_text:
                problems.warning(
                    1, f"column {position + 1}", "", "This column has no heading; it is ignored."
                )
                continue
            column = column_for_header(heading_text)
            if column is None:
                problems.warning(
                    1,
                    heading_text,
                    heading_text,
                    "This column is not one of the toolkit's fields; it is ignored.",
                )
                continue
            if column.attr in seen:
                problems.error(
                    1,
                    heading_text,
                    heading_text,
                    f"This column appears twice: column {seen[column.attr] + 1} is also "
                    f"{column.label}. Remove one of them.",
                )
                continue
            seen[column.attr] = position
            self.columns.append((position, column, converter(column)))
        self._positions = {column.attr: position for position, column, _ in self.columns}
        # What check() walks: the recognised columns in file order (as the header was
        # read), each with a memo of the texts it has already accepted (see check()).
        self._plan: list[tuple[int, Column, Callable[[Any], Any], bool, dict[str, Any] | None]] = [
            (
                position,
                column,
                convert,
                column.kind == Kind.DATE,
                None if column.attr in _UNIQUE_KEYS else {},
            )
            for position, column, convert in self.columns
        ]
        for column in REQUIRED:
            if column.attr not in seen:
                problems.error(
                    1,
                    column.label,
                    "",
                    f"The required column {column.label} is missing from the header row.",
                )

    def check(self, number: int, cells: list[Any]) -> dict[str, Any] | None:
        """The row's typed values (blank cells left out), or None for a blank row.

        Problems go to the log; the caller asks the log whether there were errors. This
        runs once per row, so it avoids per-cell function calls where it can: a text a
        column has already accepted (a date, a count, a code) is looked up in the
        column's memo, not parsed again. Only texts are memoised, never typed XLSX cells
        (True, 1 and 1.0 are equal dictionary keys), and only accepted ones, so every
        problem is still reported on every row it occurs; memos stop growing at
        MEMO_LIMIT entries, and key columns (all different) have none.
        """
        values: dict[str, Any] = {}
        failed: AbstractSet[str] = _NONE_FAILED
        width = len(cells)
        for position, column, convert, is_date, memo in self._plan:
            if position >= width:
                break
            raw = cells[position]
            if raw is None or raw == "":
                continue
            if memo is not None and raw.__class__ is str:
                value = memo.get(raw, _MISSING)
                if value is not _MISSING:
                    values[column.attr] = value
                    continue
            value = self._convert(number, column, convert, is_date, raw)
            if value is _MISSING:
                if not isinstance(failed, set):
                    failed = set()  # the first failed cell of the row
                failed.add(column.attr)
                continue
            if value is _BLANK:
                continue
            if memo is not None and raw.__class__ is str and len(memo) < MEMO_LIMIT:
                memo[raw] = value
            values[column.attr] = value
        if not values and not failed and all(is_blank(cell) for cell in cells):
            return None
        if width > self.width and any(not is_blank(cell) for cell in cells[self.width :]):
            self.problems.warning(
                number, "", "", "This row has values beyond the last heading; they are ignored."
            )
        return self._rules(number, values, cells, failed)

    def _convert(self, number: int, column: Column, convert, is_date: bool, raw: Any) -> Any:
        """The cell's value; _BLANK for white space; _MISSING after logging its error."""
        if raw.__class__ is str and raw.isspace():
            return _BLANK
        try:
            value = convert(raw)
        except CellError as error:
            self.problems.error(number, column.label, raw, str(error))
            return _MISSING
        if is_date and not (EARLIEST_DATE <= value <= self.today):
            self._date_out_of_range(number, column, raw, value)
            return _MISSING
        return value

    def _date_out_of_range(self, number: int, column: Column, raw: Any, value: date) -> None:
        if value > self.today:
            self.problems.error(
                number, column.label, raw, f"This date is after today ({uk_date(self.today)})."
            )
        else:
            self.problems.error(number, column.label, raw, "This date is before 1 Jan 1990.")

    def _rules(
        self, number: int, values: dict[str, Any], cells: list[Any], failed: AbstractSet[str]
    ) -> dict[str, Any]:
        log = self.problems

        def raw(attr: str) -> Any:
            """The cell as given, for a report line about a value the row has."""
            return cells[self._positions[attr]] if attr in values else ""

        for column in REQUIRED:
            if column.attr not in values and column.attr not in failed:
                log.error(number, column.label, "", f"{column.label} is required on every row.")
        is_child = "referral_key" in values
        values["is_child"] = is_child
        if not is_child:
            if values.keys() & _CHILD_ONLY_ATTRS:
                for column in _CHILD_ONLY:
                    if column.attr in values and column.attr != "uasc":
                        log.error(
                            number,
                            column.label,
                            raw(column.attr),
                            "This field is for children only, but the row has no R02 Referral "
                            "Key, so the person is an adult.",
                        )
            if values.get("uasc"):
                log.error(
                    number,
                    _LABEL["uasc"],
                    raw("uasc"),
                    "Only a child (a row with R02 Referral Key) can be an unaccompanied "
                    "asylum-seeking child.",
                )
        elif values.keys() & _ADULT_ONLY_ATTRS:
            for column in _ADULT_ONLY:
                if column.attr in values:
                    log.warning(
                        number,
                        column.label,
                        raw(column.attr),
                        "This field is for adults, but the row has an R02 Referral Key, so the "
                        "person is a child: the value is ignored.",
                    )
                    del values[column.attr]
        if not (values.keys() & _RULE_ATTRS):
            return values  # nothing below can apply (most adults' rows, some children's)

        def not_before(later: str, earlier: str) -> None:
            if later in values and earlier in values and values[later] < values[earlier]:
                log.error(
                    number,
                    _LABEL[later],
                    raw(later),
                    f"This date is before {_LABEL[earlier]} ({uk_date(values[earlier])}) "
                    "on the same row.",
                )

        def needs(attr: str, when: str, why: str) -> None:
            if when in values and attr not in values and attr not in failed:
                log.error(number, _LABEL[attr], "", f"{_LABEL[attr]} is required when {why}.")

        def needs_key(key: str, attrs: tuple[str, ...], what: str) -> None:
            for attr in attrs:
                if attr in values and key not in values:
                    log.error(
                        number,
                        _LABEL[attr],
                        raw(attr),
                        f"A {what} date needs the {what} key ({_LABEL[key]}) on the same row.",
                    )

        not_before("fs_end", "fs_start")
        if (
            is_child
            and values.get("referral_end")
            and values["referral_end"] < values.get("fs_end", date.min)
        ):
            log.error(
                number,
                _LABEL["fs_end"],
                raw("fs_end"),
                f"The FS end date is after {_LABEL['referral_end']} "
                f"({uk_date(values['referral_end'])}); it must be on or before it.",
            )
        not_before("referral_end", "referral_start")
        needs("cp_plan_start", "cp_plan_key", "R10 (a child protection plan key) is filled")
        needs_key("cp_plan_key", ("cp_plan_start", "cp_plan_end"), "child protection plan")
        not_before("cp_plan_end", "cp_plan_start")
        not_before("previous_plan_end", "previous_plan_start")
        if "fs_start" in values and values.get("previous_plan_end", date.min) >= values["fs_start"]:
            log.error(
                number,
                _LABEL["previous_plan_end"],
                raw("previous_plan_end"),
                "A previous plan must have ended before the FS start date (R03, "
                f"{uk_date(values['fs_start'])}).",
            )
        needs("care_start", "care_period_key", "R16 (a period of care key) is filled")
        needs_key("care_period_key", ("care_start", "care_end"), "period of care")
        not_before("care_end", "care_start")
        absent = values.get("sessions_unauthorised", 0) + values.get("sessions_authorised", 0)
        if "sessions_possible" in values and absent > values["sessions_possible"]:
            log.error(
                number,
                _LABEL["sessions_possible"],
                raw("sessions_possible"),
                f"Absence sessions (I15 + I16 = {absent}) are more than the possible sessions.",
            )
        not_before("treatment_closed", "treatment_start")
        needs("treatment_closure_reason", "treatment_closed", "I26 (the closure date) is filled")
        if values.get("assessments_no_engagement", 0) > values.get(
            "initial_assessments", MAX_COUNT
        ):
            log.error(
                number,
                _LABEL["assessments_no_engagement"],
                raw("assessments_no_engagement"),
                "Assessments with no engagement cannot be more than the initial assessments "
                f"(I29 = {values['initial_assessments']}).",
            )
        not_before("da_end", "da_start")
        needs("da_outcome", "da_end", "I48 (the programme end date) is filled")
        return values
