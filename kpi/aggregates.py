"""Indicators that authorities return as figures rather than records (kpi-spec §4).

KPI 4 (care proceedings), KPI 5's whole-authority count of children looked after, KPI 8
and 9 (A&E attendances and emergency admissions, as health partners return them), KPI 14
(caseloads and waiting lists), KPI 16 (expert reports) and KPI 20 (LSIR) arrive per
authority and quarter, by form or CSV, through `submit_aggregates()`: the same all-or-
nothing validation, history and permissions as record-level submissions.
"""

import csv
import hashlib
import io
import math
from dataclasses import dataclass, field

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
from kpi.parsing import Problem
from kpi.quarters import Quarter
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
MAX_BYTES = 1024 * 1024


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


def check_figures(figures: list[Figure], first_row: int | None = None) -> list[Problem]:
    """Every error in the figures; rows are numbered as a spreadsheet user counts them."""
    problems = []
    seen = set()
    for index, figure in enumerate(figures):
        row = None if first_row is None else first_row + index
        measure = BY_NAME.get(figure.measure)
        if measure is None:
            problems.append(
                _error(
                    row,
                    "measure",
                    figure.measure,
                    "This is not a measure "
                    "returned as a figure. Use a name from the KPI definitions.",
                )
            )
            continue
        if figure.measure in seen:
            problems.append(_error(row, "measure", figure.measure, "This measure is given twice."))
        seen.add(figure.measure)
        if figure.value < 0:
            problems.append(
                _error(row, "value", str(figure.value), f"{measure.label} cannot be negative.")
            )
        if measure.kind == "percentage" and figure.value > 100:
            problems.append(
                _error(
                    row,
                    "value",
                    str(figure.value),
                    f"{measure.label} must be a percentage from 0 to 100.",
                )
            )
        if measure.kind == "count" and not float(figure.value).is_integer():
            problems.append(
                _error(row, "value", str(figure.value), f"{measure.label} must be a whole number.")
            )
        if figure.people is not None and figure.people < 0:
            problems.append(
                _error(
                    row, "people", str(figure.people), "The number of people cannot be negative."
                )
            )
    return problems


def _error(row, column, value, message) -> Problem:
    return Problem(Problem.ERROR, row, column, value, message)


def parse_aggregate_csv(content: bytes) -> tuple[list[Figure], list[Problem]]:
    """`measure,value[,people]` rows (UTF-8 with or without BOM, or Windows-1252)."""
    if len(content) > MAX_BYTES:
        return [], [_error(None, "", "", "The file is larger than 1 MB; a return is a few rows.")]
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [cell.strip().lower() for cell in next(reader, [])]
    missing = [name for name in ("measure", "value") if name not in header]
    if missing:
        return [], [
            _error(1, name, "", f"The header row has no '{name}' column.") for name in missing
        ]
    figures, problems = [], []
    for number, cells in enumerate(reader, start=2):
        cells = [cell.strip() for cell in cells]
        if not any(cells):
            continue
        record = dict(zip(header, cells, strict=False))
        value = _number(record.get("value", ""))
        people = record.get("people", "")
        if value is None:
            problems.append(_error(number, "value", record.get("value", ""), "Enter a number."))
            continue
        if people and not people.isdigit():
            problems.append(_error(number, "people", people, "Enter a whole number of people."))
            continue
        figures.append(Figure(record.get("measure", ""), value, int(people) if people else None))
    if not figures and not problems:
        problems.append(_error(2, "", "", "The file has a header row but no figures."))
    if problems:
        return figures, problems
    return figures, check_figures(figures, first_row=2)


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", "").replace("£", ""))
    except ValueError:
        return None


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
    bytes again change nothing."""
    quarter = str(Quarter.parse(quarter))
    sha256 = hashlib.sha256(content).hexdigest() if content else ""
    current = AggregateReturn.objects.current().filter(authority=authority, quarter=quarter)
    if sha256 and current.filter(sha256=sha256).exists():
        return AggregateReport("unchanged", current.get())
    problems = problems or check_figures(figures)
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
