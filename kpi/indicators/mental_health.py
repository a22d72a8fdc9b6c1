"""KPI 15: depression (PHQ-9) and anxiety (GAD-7) scores of cohort adults (kpi-spec §3)."""

from django.db.models import Count, F, Q, Sum, Value
from django.db.models.functions import Coalesce

from kpi.indicators.base import Raw, Window
from kpi.models import QuarterMeasures

SCALES = {"depression": "depression", "anxiety": "anxiety"}

MEASURES = {
    f"{scale}_{measure}": (15, kind)
    for scale in SCALES
    for measure, kind in (
        ("improved", "count"),
        ("assessed", "count"),
        ("initial_mean", "mean"),
        ("end_mean", "mean"),
    )
}


def compute(submission, window: Window) -> dict[int, dict[str, Raw]]:
    """Adults with both an initial and an end score: how many, how many ended lower
    (improved), and the mean initial and end scores over them."""
    aggregates = {}
    for scale in SCALES:
        initial, end = f"{scale}_initial", f"{scale}_end"
        assessed = Q(**{f"{initial}__isnull": False, f"{end}__isnull": False})
        aggregates[f"{scale}_assessed"] = Count("pk", filter=assessed)
        aggregates[f"{scale}_improved"] = Count(
            "pk", filter=assessed & Q(**{f"{end}__lt": F(initial)})
        )
        aggregates[f"{scale}_initial_sum"] = Coalesce(Sum(initial, filter=assessed), Value(0))
        aggregates[f"{scale}_end_sum"] = Coalesce(Sum(end, filter=assessed), Value(0))
    rows = (
        QuarterMeasures.objects.filter(
            submission=submission,
            person__submission=submission,
            person__fs_start__lte=window.qe,
            person__is_child=False,
        )
        .values(cohort=F("person__family__cohort_id"))
        .annotate(**aggregates)
        .order_by()
    )
    results = {}
    for row in rows:
        values = {}
        for scale in SCALES:
            n = row[f"{scale}_assessed"]
            values[f"{scale}_assessed"] = Raw(n, None, n)
            values[f"{scale}_improved"] = Raw(
                row[f"{scale}_improved"], None, row[f"{scale}_improved"]
            )
            values[f"{scale}_initial_mean"] = Raw(row[f"{scale}_initial_sum"], n, n)
            values[f"{scale}_end_mean"] = Raw(row[f"{scale}_end_sum"], n, n)
        results[row["cohort"]] = values
    return results
