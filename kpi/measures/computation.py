"""Every computed measure from the families' quantities (docs/kpi-specification.md §6).

Each family module (kpi/indicators/) runs ONE aggregate query grouped by cohort and returns
its quantities, each with the distinct people contributing to it. This module puts them
together: every quantity for every cohort of the authority (zeros where a cohort has no
rows) and for all cohorts together, which is the sum of the cohorts' — cohorts partition
the people, so the sum is exact, people included — and every measure made from them.
docs/kpi.md states every rule in plain English.

The families' QUANTITIES and RELATIONS with the registry's computed measures are `RULES`,
what disclosure control (kpi/disclosure.py) works from, and the table in docs/security.md.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from kpi.disclosure import Relation, Rules
from kpi.indicators.base import Amount, Quantity, Window
from kpi.measures.definition import MeasureDefinition
from kpi.measures.records import FAMILIES, RECORD_MEASURES
from kpi.models import Cohort, Submission
from kpi.models.values import ALL_COHORTS

QUANTITIES: dict[str, Quantity] = {
    name: quantity for family in FAMILIES for name, quantity in family.QUANTITIES.items()
}
RELATIONS: tuple[Relation, ...] = tuple(
    relation for family in FAMILIES for relation in family.RELATIONS
)
RULES = Rules({spec.key: spec.quantities for spec in RECORD_MEASURES.values()}, RELATIONS)


@dataclass(frozen=True)
class MeasureResult:
    cohort: str
    measure: str
    indicator: int
    value: float | int | None
    numerator: int
    denominator: int | None
    people: int


@dataclass(frozen=True)
class SubmissionFigures:
    """A submission's measures for one quarter, and the quantities they are made from
    (with the people each rests on) for disclosure control."""

    measures: list[MeasureResult]
    amounts: dict[tuple[str, str], Amount]

    def people(self) -> dict[tuple[str, str], int]:
        return {key: amount.people for key, amount in self.amounts.items()}


def finish(cohort: str, spec: MeasureDefinition, amounts: dict[str, Amount]) -> MeasureResult:
    """Derive the value from numerator and denominator; a mean or percentage over nothing
    has no value (None), not zero. A figure rests on the people of its denominator, if it
    has one, else on those of its numerator."""
    numerator = amounts[spec.numerator]
    denominator = amounts[spec.denominator] if spec.denominator else None
    value: float | int | None = numerator.value
    if spec.kind == "mean":
        assert denominator is not None  # a mean's definition names what it divides by
        value = numerator.value / denominator.value if denominator.value else None
    elif spec.kind == "percentage":
        assert denominator is not None  # so does a percentage's
        value = 100 * numerator.value / denominator.value if denominator.value else None
    return MeasureResult(
        cohort,
        spec.key,
        spec.indicator,
        value,
        numerator.value,
        denominator.value if denominator else None,
        (denominator or numerator).people,
    )


def compute_submission(
    submission: Submission, cohorts: Iterable[Cohort], window: Window
) -> SubmissionFigures:
    """Every measure for each of `cohorts` (the authority's, in display order) and for all
    of them together, from `submission`'s rows for the quarter `window`."""
    computed: dict[int, dict[str, Amount]] = {cohort.pk: {} for cohort in cohorts}
    for family in FAMILIES:
        for cohort_id, values in family.compute(submission, window).items():
            computed.setdefault(cohort_id, {}).update(values)
    nothing = Amount(0, 0)
    amounts: dict[tuple[str, str], Amount] = {}
    for name in QUANTITIES:
        value = people = 0
        for cohort in cohorts:
            amount = computed[cohort.pk].get(name, nothing)
            amounts[(cohort.name, name)] = amount
            value += amount.value
            people += amount.people
        amounts[(ALL_COHORTS, name)] = Amount(value, people)
    measures = []
    for spec in RECORD_MEASURES.values():
        for cohort_name in [*(c.name for c in cohorts), ALL_COHORTS]:
            row = {name: amounts[(cohort_name, name)] for name in spec.quantities}
            measures.append(finish(cohort_name, spec, row))
    return SubmissionFigures(measures, amounts)
