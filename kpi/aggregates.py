"""Indicators that authorities return as figures rather than records (docs/kpi-specification.md §7).

KPI 4 (care proceedings), KPI 5's whole-authority count of children looked after, KPI 8
and 9 (A&E attendances and emergency admissions, as health partners return them), KPI 14
(caseloads and waiting lists), KPI 16 (expert reports) and KPI 20 (LSIR) arrive per
authority and quarter, by form or CSV, through `submit_aggregates()`: the same all-or-
nothing validation, history and permissions as record-level submissions.
"""

import hashlib
import io
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from kpi.disclosure import (
    ALL_COHORTS,
    RULES_VERSION,
    Quantity,
    Relation,
    Rules,
    cells_to_suppress,
)
from kpi.models import AggregateFigure, AggregateReturn, IndicatorValue
from kpi.parsing import FileRejected, Problem, open_csv, sniff_format
from kpi.quarters import QuarterError, check_return_quarter_for
from kpi.validation import ProblemLog
from seslip.response_cache import data_changed


@dataclass(frozen=True)
class AggregateMeasure:
    name: str
    indicator: int
    label: str
    kind: str  # count | percentage | mean | money
    people_label: str = ""

    @property
    def asks_for_people(self) -> bool:
        """Percentages and means say how many people they rest on, for disclosure control."""
        return bool(self.people_label)


WORKERS = (
    ("social_worker", "social workers"),
    ("substance_misuse", "substance misuse workers"),
    ("mental_health", "mental health workers"),
    ("domestic_abuse", "domestic abuse workers"),
)

AGGREGATE_MEASURES: tuple[AggregateMeasure, ...] = (
    AggregateMeasure("care_proceedings", 4, "Care proceedings issued in the quarter", "count"),
    AggregateMeasure(
        "care_proceedings_mean_weeks",
        4,
        "Mean length of care proceedings (weeks)",
        "mean",
        "Care proceedings the mean is over",
    ),
    AggregateMeasure(
        "la_cla_at_start", 5, "Children looked after in the authority at quarter start", "count"
    ),
    AggregateMeasure(
        "la_cla_at_end", 5, "Children looked after in the authority at quarter end", "count"
    ),
    AggregateMeasure(
        "ae_children_pct",
        8,
        "Cohort children with an A&E attendance (%)",
        "percentage",
        "Cohort children",
    ),
    AggregateMeasure(
        "ae_adults_pct",
        8,
        "Cohort adults with an A&E attendance (%)",
        "percentage",
        "Cohort adults",
    ),
    AggregateMeasure(
        "admissions_children_pct",
        9,
        "Cohort children with an emergency admission (%)",
        "percentage",
        "Cohort children",
    ),
    AggregateMeasure(
        "admissions_adults_pct",
        9,
        "Cohort adults with an emergency admission (%)",
        "percentage",
        "Cohort adults",
    ),
    *(
        AggregateMeasure(
            f"caseload_{key}", 14, f"Mean caseload of {words}", "mean", f"Number of {words}"
        )
        for key, words in WORKERS
    ),
    *(
        AggregateMeasure(f"waiting_list_{key}", 14, f"Waiting list for {words}", "count")
        for key, words in WORKERS
    ),
    AggregateMeasure(
        "expert_reports_accepted", 16, "Expert reports by FS psychologists accepted", "count"
    ),
    AggregateMeasure(
        "expert_report_external_cost",
        16,
        "Average cost of an external expert report (£)",
        "money",
        "External expert reports the average is over",
    ),
    AggregateMeasure("lsir_improved", 20, "Adults whose LSIR score improved", "count"),
    AggregateMeasure("lsir_assessed", 20, "Adults assessed with LSIR", "count"),
)
BY_NAME = {measure.name: measure for measure in AGGREGATE_MEASURES}

# The limits of a return of figures (docs/kpi-ingest.md, "Returned figures"). A return is
# one row per measure (20 measures), so these leave room for a header, notes and blank
# lines and nothing else.
MAX_BYTES = 1024 * 1024
MAX_ROWS = 100  # data rows of a CSV
MAX_TEXT = 200  # characters in one cell, as for a cohort file's text cells
# Every figure and every count of people from 0 to this: more than any authority's
# children, workers or proceedings, and than an expert report's cost in pounds.
MAX_FIGURE = 1_000_000
COLUMNS = ("measure", "value", "people")

# A plain decimal in ASCII digits: 1234, 1,234 (thousands in threes), 12.5. No exponent, no
# NaN or infinity, no other digits (`float()` takes all of those).
_DECIMAL = re.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")


class FigureError(ValueError):
    """A figure or count of people that cannot be stored; the message says why."""


@dataclass(frozen=True)
class Figure:
    measure: str
    value: float
    people: int | None = None


@dataclass
class AggregateReport:
    outcome: str  # accepted | unchanged | rejected
    aggregate_return: AggregateReturn | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.outcome in ("accepted", "unchanged")


def _plain_decimal(text: str, *, what: str) -> Decimal:
    text = text.strip()
    digits = text.removeprefix("-")
    if not _DECIMAL.fullmatch(digits):
        raise FigureError(
            f"{what} must be a number written with the digits 0 to 9, for example 12 or 12.5"
        )
    number = Decimal(digits.replace(",", ""))
    if text.startswith("-") and number:
        raise FigureError(f"{what} cannot be negative")
    return number


def value_problem(measure: AggregateMeasure, value: float) -> str | None:
    """Why a figure cannot be stored for this measure, or None."""
    if math.isnan(value):
        return f"{measure.label} must be a number"
    if value < 0:
        return f"{measure.label} cannot be negative"
    if measure.kind == "percentage" and value > 100:
        return f"{measure.label} must be a percentage from 0 to 100"
    if value > MAX_FIGURE:
        return f"{measure.label} must be {MAX_FIGURE:,} or less"
    if measure.kind == "count" and not float(value).is_integer():
        return f"{measure.label} must be a whole number"
    return None


def people_problem(people: int) -> str | None:
    if people < 0:
        return "The number of people cannot be negative"
    if people > MAX_FIGURE:
        return f"The number of people must be {MAX_FIGURE:,} or less"
    return None


def read_value(measure: AggregateMeasure, text: str) -> float:
    """A figure as typed on the form or written in the CSV: a plain decimal (with £ for a
    cost, % for a percentage), then the measure's range. FigureError says what is wrong."""
    text = text.strip()
    if measure.kind == "money":
        text = text.removeprefix("£")
    elif measure.kind == "percentage":
        text = text.removesuffix("%")
    value = float(_plain_decimal(text, what=measure.label))
    problem = value_problem(measure, value)
    if problem:
        raise FigureError(problem)
    return value


def read_people(text: str) -> int:
    """How many people a percentage or mean rests on: a whole number from 0 to MAX_FIGURE."""
    number = _plain_decimal(text, what="The number of people")
    if number != number.to_integral_value():
        raise FigureError("The number of people must be a whole number")
    problem = people_problem(int(number))
    if problem:
        raise FigureError(problem)
    return int(number)


def check_figures(figures: list[Figure]) -> list[Problem]:
    """Every error in figures handed over as values (the form's, or a caller's): the same
    ranges as read_value and read_people apply to text."""
    problems = []
    seen = set()
    for figure in figures:
        measure = BY_NAME.get(figure.measure)
        if measure is None:
            problems.append(_error(None, "measure", figure.measure, _UNKNOWN_MEASURE))
            continue
        if figure.measure in seen:
            problems.append(_error(None, "measure", figure.measure, "This measure is given twice."))
        seen.add(figure.measure)
        problem = value_problem(measure, figure.value)
        if problem:
            problems.append(_error(None, "value", _shown(figure.value), f"{problem}."))
        if figure.people is not None:
            problem = people_problem(figure.people)
            if problem:
                problems.append(_error(None, "people", figure.people, f"{problem}."))
    return problems


_UNKNOWN_MEASURE = (
    "This is not a measure returned as a figure. Use a name from the KPI definitions."
)


def _shown(value: float) -> str:
    return str(int(value)) if math.isfinite(value) and float(value).is_integer() else str(value)


def _error(row, column, value, message) -> Problem:
    return Problem.of(Problem.ERROR, row, column, value, message)


def parse_aggregate_csv(content: bytes) -> tuple[list[Figure], list[Problem]]:
    """`measure,value[,people]` rows, read as a cohort file's CSV is (kpi.parsing.open_csv:
    UTF-8 with or without BOM, or Windows-1252; RFC 4180 quoting) and checked against the
    limits above. Every problem is reported with its row, column and value."""
    if len(content) > MAX_BYTES:
        return [], [
            _error(
                None,
                "",
                f"{len(content):,} bytes",
                "The file is larger than 1 MB; a return of figures is a few rows.",
            )
        ]
    try:
        if sniff_format(content[:8], "figures.csv") != "csv":
            return [], [
                _error(
                    None,
                    "",
                    "",
                    "This is an Excel workbook. Save the figures as CSV (CSV UTF-8) and "
                    "upload that.",
                )
            ]
        table = open_csv(io.BytesIO(content))
    except FileRejected as rejected:
        return [], [rejected.problem]
    log = ProblemLog()
    header = [cell.strip().casefold() for cell in table.header]
    _check_header(header, table.header, log)
    if log.error_count:
        return [], log.errors
    figures: list[Figure] = []
    first_rows: dict[str, int] = {}
    try:
        for number, cells in table.rows:
            if number - 1 > MAX_ROWS:
                log.error(
                    number,
                    "",
                    "",
                    f"The file has more than {MAX_ROWS} rows of figures; a return has one "
                    "row per measure.",
                )
                break
            name, figure = _read_row(number, cells, header, log)
            if name in first_rows:
                log.error(
                    number,
                    "measure",
                    name,
                    f"This measure is given twice: row {first_rows[name]} gives it too.",
                )
                continue
            if name in BY_NAME:
                first_rows[name] = number
            if figure is not None:
                figures.append(figure)
    except FileRejected as rejected:
        log.add(rejected.problem)
    if log.error_count:
        return figures, log.errors
    if not figures:
        return [], [_error(2, "", "", "The file has a header row but no figures.")]
    return figures, []


def _check_header(header: list[str], given: list[str], log: ProblemLog) -> None:
    for position, name in enumerate(header):
        if name not in COLUMNS:
            log.error(
                1,
                given[position],
                given[position],
                "This column is not one of measure, value and people.",
            )
        elif header.index(name) != position:
            log.error(1, given[position], given[position], "This column appears twice.")
    for name in ("measure", "value"):
        if name not in header:
            log.error(1, name, "", f"The header row has no '{name}' column.")


def _read_row(
    number: int, cells: list[str], header: list[str], log: ProblemLog
) -> tuple[str, Figure | None]:
    """One row's measure name and figure; no figure after logging the row's problems (or
    for a blank row)."""
    cells = [cell.strip() for cell in cells]
    if not any(cells):
        return "", None
    if len(cells) > len(header) and any(cells[len(header) :]):
        log.error(
            number,
            "",
            ",".join(cells[len(header) :]),
            "This row has more cells than the header row has columns.",
        )
        return "", None
    record = dict(zip(header, cells, strict=False))
    for column, text in record.items():
        if len(text) > MAX_TEXT:
            log.error(number, column, text, f"This is longer than {MAX_TEXT} characters.")
            return "", None
    errors = log.error_count
    name = record.get("measure", "")
    measure = BY_NAME.get(name)
    if measure is None:
        log.error(number, "measure", name, _UNKNOWN_MEASURE if name else "Enter the measure.")
    value = people = None
    text = record.get("value", "")
    if measure is not None:
        try:
            value = read_value(measure, text)
        except FigureError as error:
            log.error(number, "value", text, f"{error}.")
    if record.get("people"):
        if measure is not None and not measure.asks_for_people:
            log.error(
                number,
                "people",
                record["people"],
                f"{measure.label} rests on itself, not on a number of people: leave people empty.",
            )
        else:
            try:
                people = read_people(record["people"])
            except FigureError as error:
                log.error(number, "people", record["people"], f"{error}.")
    if log.error_count > errors:
        return name, None
    return name, Figure(name, value, people)


def submit_aggregate_csv(*, authority, quarter: str, content: bytes, user) -> AggregateReport:
    """Parse a CSV of figures and submit it: a parsing problem rejects it like any other."""
    figures, problems = parse_aggregate_csv(content)
    return submit_aggregates(
        authority=authority,
        quarter=quarter,
        figures=figures,
        user=user,
        source=AggregateReturn.Source.CSV,
        content=content,
        problems=problems,
    )


def submit_aggregates(
    *,
    authority,
    quarter: str,
    figures: list[Figure],
    user,
    source: str,
    content: bytes = b"",
    problems: list[Problem] | None = None,
) -> AggregateReport:
    """Validate and store one return of figures; any error rejects it whole and only the
    report is kept. An accepted return supersedes the quarter's current one; the same CSV
    bytes again change nothing. A quarter that breaks the rule of
    kpi.quarters.check_return_quarter is refused before anything is stored."""
    try:
        quarter = str(check_return_quarter_for(authority, quarter, today=timezone.localdate()))
    except QuarterError as error:
        return AggregateReport("rejected", None, [_error(None, "quarter", quarter, str(error))])
    sha256 = hashlib.sha256(content).hexdigest() if content else ""
    current = AggregateReturn.objects.current().filter(authority=authority, quarter=quarter)
    if sha256 and current.filter(sha256=sha256).exists():
        return AggregateReport("unchanged", current.get())
    problems = problems or check_figures(figures)
    if not figures and not problems:
        problems = [_error(None, "", "", "The return has no figures.")]
    if problems:
        rejected = AggregateReturn.objects.create(
            authority=authority,
            quarter=quarter,
            source=source,
            sha256=sha256,
            submitted_by=user if getattr(user, "is_authenticated", False) else None,
            status=AggregateReturn.Status.REJECTED,
            problems=[problem.as_dict() for problem in problems],
        )
        return AggregateReport("rejected", rejected, problems)
    with transaction.atomic():
        now = timezone.now()
        list(current.select_for_update())
        current.update(status=AggregateReturn.Status.SUPERSEDED, superseded_at=now)
        accepted = AggregateReturn.objects.create(
            authority=authority,
            quarter=quarter,
            source=source,
            sha256=sha256,
            submitted_by=user if getattr(user, "is_authenticated", False) else None,
            status=AggregateReturn.Status.ACCEPTED,
        )
        AggregateFigure.objects.bulk_create(
            [
                AggregateFigure(
                    aggregate_return=accepted,
                    measure=f.measure,
                    value=f.value,
                    people=f.people,
                )
                for f in figures
            ]
        )
        store_values(accepted, figures, now)
    return AggregateReport("accepted", accepted)


# Disclosure control of returned figures (kpi/disclosure.py, docs/security.md). A count
# rests on itself. A percentage shows, in effect, how many of its people have the event
# (value × people / 100) and how many do not; a mean or an average cost rests on the
# number it is over. A figure whose number of people was not given is hidden from the
# public until a return gives it. LSIR improvements are part of those assessed.
AGGREGATE_RULES = Rules(
    shows={
        m.name: {
            "count": (m.name,),
            "percentage": (m.name, f"{m.name}_people"),
        }.get(m.kind, (f"{m.name}_people",))
        for m in AGGREGATE_MEASURES
    },
    relations=(
        *(
            Relation(f"{m.name}_people", (m.name, f"{m.name}_others"))
            for m in AGGREGATE_MEASURES
            if m.kind == "percentage"
        ),
        Relation("lsir_assessed", ("lsir_improved", "lsir_not_improved")),
    ),
)


GIVEN = "given with the return; too few until given"
AGGREGATE_QUANTITIES = {
    **{m.name: Quantity(m.label) for m in AGGREGATE_MEASURES if m.kind == "count"},
    **{
        f"{m.name}_people": Quantity(f"{m.people_label.lower()} ({GIVEN})")
        for m in AGGREGATE_MEASURES
        if m.kind != "count"
    },
    **{
        name: Quantity(f"{m.people_label.lower()} {words} (percentage × number ÷ 100)")
        for m in AGGREGATE_MEASURES
        if m.kind == "percentage"
        for name, words in ((m.name, "it counts"), (f"{m.name}_others", "it leaves out"))
    },
    "lsir_not_improved": Quantity("adults assessed with LSIR whose score did not improve"),
}


def disclosure_people(figures: list[Figure]) -> dict[tuple[str, str], int | None]:
    """The people each quantity of AGGREGATE_RULES rests on (None: not given)."""
    people: dict[str, int | None] = {}
    for figure in figures:
        kind = BY_NAME[figure.measure].kind
        if kind == "count":
            people[figure.measure] = int(figure.value)
            continue
        people[f"{figure.measure}_people"] = figure.people
        if kind == "percentage":
            known = figure.people is not None and math.isfinite(figure.value)
            having = round(figure.value * figure.people / 100) if known else None
            people[figure.measure] = having
            people[f"{figure.measure}_others"] = figure.people - having if known else None
    if "lsir_assessed" in people and "lsir_improved" in people:
        people["lsir_not_improved"] = people["lsir_assessed"] - people["lsir_improved"]
    return {(ALL_COHORTS, name): count for name, count in people.items()}


def store_values(aggregate_return: AggregateReturn, figures: list[Figure], now) -> None:
    """The return's figures become the quarter's values for its measures (cohort `all`),
    with the disclosure decision; a count rests on itself, other figures on the people
    the authority gave."""
    data_changed()
    IndicatorValue.objects.filter(
        authority=aggregate_return.authority,
        quarter=aggregate_return.quarter,
        measure__in=list(BY_NAME),
    ).delete()
    hidden = cells_to_suppress(disclosure_people(figures), AGGREGATE_RULES)
    values = []
    for figure in figures:
        measure = BY_NAME[figure.measure]
        people = int(figure.value) if measure.kind == "count" else figure.people
        values.append(
            IndicatorValue(
                authority=aggregate_return.authority,
                quarter=aggregate_return.quarter,
                cohort=IndicatorValue.ALL_COHORTS,
                cohort_position=99,
                indicator=measure.indicator,
                measure=measure.name,
                value=figure.value,
                numerator=figure.value,
                denominator=None,
                people=people or 0,
                suppressed=(ALL_COHORTS, measure.name) in hidden,
                disclosure_rules=RULES_VERSION,
                aggregate_return=aggregate_return,
                computed_at=now,
            )
        )
    IndicatorValue.objects.bulk_create(values)
