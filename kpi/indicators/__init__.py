"""The toolkit's indicators computed from record-level submissions (kpi-spec §3).

One module per indicator family; each runs ONE aggregate query grouped by cohort and
returns the raw figures of its measures. This module puts them together: every measure for
every cohort of the authority (zeros where a cohort has no rows) and for all cohorts
together, which is the sum of the cohorts' numerators, denominators and people — cohorts
partition the people, so the sum is exact. docs/kpi.md states every rule in plain English.
"""

from dataclasses import dataclass

from kpi.indicators import (
    attendance,
    child_protection,
    domestic_abuse,
    looked_after,
    mental_health,
    police,
    substance_misuse,
)
from kpi.indicators.base import Raw, Window

ALL_COHORTS = "all"
FAMILIES = (
    child_protection,
    looked_after,
    attendance,
    substance_misuse,
    mental_health,
    domestic_abuse,
    police,
)
# Counts that carry a denominator the spec names (KPI 10's re-presentation).
COUNTS_WITH_DENOMINATOR = {"no_representation_6m"}


@dataclass(frozen=True)
class MeasureSpec:
    name: str
    indicator: int
    kind: str  # count | total | mean | percentage

    @property
    def has_denominator(self) -> bool:
        return self.kind in ("mean", "percentage") or self.name in COUNTS_WITH_DENOMINATOR


MEASURES: dict[str, MeasureSpec] = {
    name: MeasureSpec(name, indicator, kind)
    for family in FAMILIES
    for name, (indicator, kind) in family.MEASURES.items()
}


@dataclass(frozen=True)
class MeasureResult:
    cohort: str
    measure: str
    indicator: int
    value: float | int | None
    numerator: int
    denominator: int | None
    people: int


def finish(cohort: str, spec: MeasureSpec, raw: Raw) -> MeasureResult:
    """Derive the value from numerator and denominator; a mean or percentage over nothing
    has no value (None), not zero."""
    value: float | int | None = raw.numerator
    if spec.kind == "mean":
        value = raw.numerator / raw.denominator if raw.denominator else None
    elif spec.kind == "percentage":
        value = 100 * raw.numerator / raw.denominator if raw.denominator else None
    return MeasureResult(
        cohort, spec.name, spec.indicator, value, raw.numerator, raw.denominator, raw.people
    )


def zero(spec: MeasureSpec) -> Raw:
    return Raw(0, 0 if spec.has_denominator else None, 0)


def compute_submission(submission, cohorts, window: Window) -> list[MeasureResult]:
    """Every measure for each of `cohorts` (the authority's, in display order) and for all
    of them together, from `submission`'s rows for the quarter `window`."""
    raw: dict[int, dict[str, Raw]] = {cohort.pk: {} for cohort in cohorts}
    for family in FAMILIES:
        for cohort_id, values in family.compute(submission, window).items():
            raw.setdefault(cohort_id, {}).update(values)
    results = []
    for spec in MEASURES.values():
        numerator, denominator, people = 0, 0 if spec.has_denominator else None, 0
        for cohort in cohorts:
            part = raw[cohort.pk].get(spec.name) or zero(spec)
            results.append(finish(cohort.name, spec, part))
            numerator += part.numerator
            people += part.people
            if denominator is not None:
                denominator += part.denominator or 0
        results.append(finish(ALL_COHORTS, spec, Raw(numerator, denominator, people)))
    return results
