"""KPI 15: depression (PHQ-9) and anxiety (GAD-7) scores of cohort adults
(docs/kpi-specification.md §6)."""

from django.db.models import F, Q, Sum

from kpi.disclosure import Relation
from kpi.indicators.base import (
    Amount,
    Measure,
    Quantity,
    QuantityQuery,
    Window,
    amounts_by_cohort,
    person_count,
)
from kpi.models import QuarterMeasures, Submission

SCALES = {"depression": "PHQ-9", "anxiety": "GAD-7"}

QUANTITIES = {
    name: quantity
    for scale, test in SCALES.items()
    for name, quantity in (
        (f"{scale}_assessed", Quantity(f"adults with an initial and an end {scale} score")),
        (f"{scale}_improved", Quantity(f"adults whose {scale} score fell")),
        (f"{scale}_not_improved", Quantity(f"adults assessed whose {scale} score did not fall")),
        (
            f"{scale}_initial_total",
            Quantity(f"initial {test} scores added up", "the adults assessed scoring above 0"),
        ),
        (
            f"{scale}_end_total",
            Quantity(f"end {test} scores added up", "the adults assessed scoring above 0"),
        ),
    )
}

MEASURES = {
    name: measure
    for scale in SCALES
    for name, measure in (
        (f"{scale}_improved", Measure(15, "count", f"{scale}_improved")),
        (f"{scale}_assessed", Measure(15, "count", f"{scale}_assessed")),
        (
            f"{scale}_initial_mean",
            Measure(15, "mean", f"{scale}_initial_total", f"{scale}_assessed"),
        ),
        (f"{scale}_end_mean", Measure(15, "mean", f"{scale}_end_total", f"{scale}_assessed")),
    )
}

RELATIONS = tuple(
    Relation(f"{scale}_assessed", (f"{scale}_improved", f"{scale}_not_improved"))
    for scale in SCALES
)


def compute(submission: Submission, window: Window) -> dict[int, dict[str, Amount]]:
    """Adults with both an initial and an end score: how many, how many ended lower
    (improved), and the mean initial and end scores over them."""
    quantities: dict[str, QuantityQuery] = {}
    for scale in SCALES:
        initial, end = f"{scale}_initial", f"{scale}_end"
        assessed = Q(**{f"{initial}__isnull": False, f"{end}__isnull": False})
        improved = assessed & Q(**{f"{end}__lt": F(initial)})
        not_improved = assessed & Q(**{f"{end}__gte": F(initial)})
        quantities[f"{scale}_assessed"] = person_count(assessed)
        quantities[f"{scale}_improved"] = person_count(improved)
        quantities[f"{scale}_not_improved"] = person_count(not_improved)
        quantities[f"{scale}_initial_total"] = (
            Sum(initial, filter=assessed),
            person_count(assessed & Q(**{f"{initial}__gt": 0})),
        )
        quantities[f"{scale}_end_total"] = (
            Sum(end, filter=assessed),
            person_count(assessed & Q(**{f"{end}__gt": 0})),
        )
    adults = QuarterMeasures.objects.filter(
        submission=submission,
        person__submission=submission,
        person__fs_start__lte=window.qe,
        person__is_child=False,
    )
    return amounts_by_cohort(adults, "person__family__cohort_id", quantities)
