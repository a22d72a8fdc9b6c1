"""Checking a cohort file's header and each row's cells (docs/kpi-specification.md §4, §5).

Every problem becomes a report line with the spreadsheet row number (header = row 1), the
column, the value as given and a plain-English message. Rules that need several rows (a
person's rows agreeing, a family's cohort) live in kpi/importer.py.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kpi.columns import (
    COLUMNS,
    REQUIRED,
    Column,
    Kind,
    Who,
    column_for_header,
)
from kpi.parsing import Problem, as_text, is_blank

EARLIEST_DATE = date(1990, 1, 1)
MAX_TEXT = 200
MAX_COUNT = 2_147_483_647
# The digits 0 to 9 only, as in a quarter (kpi.quarters): `\d` would also match ٢٠١٧ or
# ２０１７, and int() would read them as 2017 without a word.
_ISO = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")
_UK = re.compile(r"^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})$")
_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_TRUE = {"y", "yes", "true", "1"}
MEMO_LIMIT = 10_000  # accepted texts remembered per column (check())
_MISSING = object()
_NONE_FAILED: frozenset[str] = frozenset()  # check()'s "no cell failed", shared by all rows
_BLANK = object()
_FALSE = {"n", "no", "false", "0"}


@dataclass
class ProblemLog:
    """All problems of one file: counted in full, the first `keep` of each kind kept."""

    keep: int = 1000
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    error_count: int = 0
    warning_count: int = 0

    def error(self, row: int | None, column: str, value: Any, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < self.keep:
            self.errors.append(Problem.of(Problem.ERROR, row, column, value, message))

    def warning(self, row: int | None, column: str, value: Any, message: str) -> None:
        self.warning_count += 1
        if len(self.warnings) < self.keep:
            self.warnings.append(Problem.of(Problem.WARNING, row, column, value, message))

    def count_more_errors(self, count: int) -> None:
        """Errors found past what the report keeps: counted, not described."""
        self.error_count += count

    def add(self, problem: Problem) -> None:
        if problem.severity == Problem.ERROR:
            self.error(problem.row, problem.column, problem.value, problem.message)
        else:
            self.warning(problem.row, problem.column, problem.value, problem.message)


class CellError(ValueError):
    """A cell that fails its column's type or range; the message is the report's."""


def _uk(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def parse_date(value: Any) -> date:
    if value.__class__ is str and len(value) == 10 and value.isascii():
        # The two common spellings, read without a regular expression (hot path).
        try:
            if value[2] == "/" and value[5] == "/":
                return date(int(value[6:]), int(value[3:5]), int(value[:2]))
            if value[4] == "-" and value[7] == "-":
                return date(int(value[:4]), int(value[5:7]), int(value[8:]))
        except ValueError:
            pass  # not digits, or not a real date: the full parse below says which
    if isinstance(value, date):
        return value
    if isinstance(value, bool | int | float):
        raise CellError(
            "This is a number, not a date. Format the cells as dates, or write DD/MM/YYYY."
        )
    text = str(value).strip()
    match = _ISO.match(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
    else:
        match = _UK.match(text)
        if not match:
            raise CellError("This is not a date: write DD/MM/YYYY (day first) or YYYY-MM-DD.")
        day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError as error:
        raise CellError(
            "This is not a real date. Dates are read day first (DD/MM/YYYY), never month first."
        ) from error


def parse_integer(value: Any) -> int:
    if value.__class__ is str and value.isascii() and value.isdigit():
        return int(value)
    if isinstance(value, bool):
        raise CellError("This should be a whole number, not true/false.")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise CellError("This should be a whole number.")
    text = str(value).strip()
    if not _INTEGER.match(text):
        raise CellError("This should be a whole number.")
    return int(text)


def parse_boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = as_text(value).strip().casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError("This should be Y or N (Yes/No, True/False and 1/0 are accepted too).")


def parse_text(value: Any) -> str:
    text = value.strip() if value.__class__ is str else as_text(value).strip()
    if "\x00" in text:
        raise CellError("This contains a NUL character, which no text field may hold.")
    if len(text) > MAX_TEXT:
        raise CellError(f"This is longer than {MAX_TEXT} characters.")
    return text


def _converter(column: Column) -> Callable[[Any], Any]:
    if column.kind == Kind.TEXT:
        return parse_text
    if column.kind == Kind.BOOLEAN:
        return parse_boolean
    if column.kind == Kind.DATE:
        return parse_date
    if column.kind == Kind.CHOICE:
        by_fold = {choice.casefold(): choice for choice in column.choices}
        allowed = ", ".join(column.choices)

        def choice(value: Any) -> str:
            text = as_text(value).strip()
            try:
                return by_fold[text.casefold()]
            except KeyError:
                raise CellError(f"This should be one of: {allowed}.") from None

        return choice
    lowest = 0 if column.minimum is None else column.minimum
    highest = MAX_COUNT if column.maximum is None else column.maximum

    def integer(value: Any) -> int:
        number = parse_integer(value)
        if number < lowest or number > highest:
            if column.maximum is None:
                raise CellError("This should be a whole number, 0 or more.")
            raise CellError(f"This should be a whole number from {lowest} to {highest}.")
        return number

    return integer


_CHILD_ONLY = tuple(column for column in COLUMNS if column.who == Who.CHILD)
_ADULT_ONLY = tuple(column for column in COLUMNS if column.who == Who.ADULT)
_R = {column.attr: column.label for column in COLUMNS}
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
            self.columns.append((position, column, _converter(column)))
        self._positions = {column.attr: position for position, column, _ in self.columns}
        # What check() walks: the recognised columns in file order (as the header was
        # read), each with a memo of the texts it has already accepted (see check()).
        self._plan = [
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
        failed: set[str] = _NONE_FAILED
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
                if failed is _NONE_FAILED:
                    failed = set()
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
                number, column.label, raw, f"This date is after today ({_uk(self.today)})."
            )
        else:
            self.problems.error(number, column.label, raw, "This date is before 1 Jan 1990.")

    def _rules(
        self, number: int, values: dict[str, Any], cells: list[Any], failed: set[str]
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
                    _R["uasc"],
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
                    _R[later],
                    raw(later),
                    f"This date is before {_R[earlier]} ({_uk(values[earlier])}) on the same row.",
                )

        def needs(attr: str, when: str, why: str) -> None:
            if when in values and attr not in values and attr not in failed:
                log.error(number, _R[attr], "", f"{_R[attr]} is required when {why}.")

        def needs_key(key: str, attrs: tuple[str, ...], what: str) -> None:
            for attr in attrs:
                if attr in values and key not in values:
                    log.error(
                        number,
                        _R[attr],
                        raw(attr),
                        f"A {what} date needs the {what} key ({_R[key]}) on the same row.",
                    )

        not_before("fs_end", "fs_start")
        if (
            is_child
            and values.get("referral_end")
            and values["referral_end"] < values.get("fs_end", date.min)
        ):
            log.error(
                number,
                _R["fs_end"],
                raw("fs_end"),
                f"The FS end date is after {_R['referral_end']} "
                f"({_uk(values['referral_end'])}); it must be on or before it.",
            )
        not_before("referral_end", "referral_start")
        needs("cp_plan_start", "cp_plan_key", "R10 (a child protection plan key) is filled")
        needs_key("cp_plan_key", ("cp_plan_start", "cp_plan_end"), "child protection plan")
        not_before("cp_plan_end", "cp_plan_start")
        not_before("previous_plan_end", "previous_plan_start")
        if "fs_start" in values and values.get("previous_plan_end", date.min) >= values["fs_start"]:
            log.error(
                number,
                _R["previous_plan_end"],
                raw("previous_plan_end"),
                "A previous plan must have ended before the FS start date (R03, "
                f"{_uk(values['fs_start'])}).",
            )
        needs("care_start", "care_period_key", "R16 (a period of care key) is filled")
        needs_key("care_period_key", ("care_start", "care_end"), "period of care")
        not_before("care_end", "care_start")
        absent = values.get("sessions_unauthorised", 0) + values.get("sessions_authorised", 0)
        if "sessions_possible" in values and absent > values["sessions_possible"]:
            log.error(
                number,
                _R["sessions_possible"],
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
                _R["assessments_no_engagement"],
                raw("assessments_no_engagement"),
                "Assessments with no engagement cannot be more than the initial assessments "
                f"(I29 = {values['initial_assessments']}).",
            )
        not_before("da_end", "da_start")
        needs("da_outcome", "da_end", "I48 (the programme end date) is filled")
        return values
