"""KPI 17–19: repeat domestic abuse incidents, DA programmes and high-risk adults
(kpi-spec §3)."""

from django.db.models import Count, F, Q, Sum, Value
from django.db.models.functions import Coalesce

from kpi.indicators.base import Raw, Window, within
from kpi.models import QuarterMeasures

COMPLETED = "Completed"

MEASURES = {
    "da_incidents_before": (17, "total"),
    "da_incidents_since": (17, "total"),
    "da_adults": (17, "count"),
    "da_started": (18, "count"),
    "da_ended": (18, "count"),
    "da_completed": (18, "count"),
    "da_completion_rate": (18, "percentage"),
    "da_high_risk_adults": (19, "count"),
}


def compute(submission, window: Window) -> dict[int, dict[str, Raw]]:
    """KPI 17: Σ X08 and Σ X09 over adults with either filled, and how many adults.
    KPI 18: programmes (I47 filled) started in Q, ended in Q, completed in Q, and the
    completion rate over every programme ended by qe. KPI 19: adults with I66 = Yes."""
    reporting = Q(da_incidents_before__isnull=False) | Q(da_incidents_since__isnull=False)
    on_programme = Q(da_start__isnull=False)
    ended = on_programme & within("da_end", window)
    ended_by_qe = on_programme & Q(da_end__lte=window.qe)
    rows = (
        QuarterMeasures.objects.filter(
            submission=submission,
            person__submission=submission,
            person__fs_start__lte=window.qe,
            person__is_child=False,
        )
        .values(cohort=F("person__family__cohort_id"))
        .annotate(
            reporting=Count("pk", filter=reporting),
            before=Coalesce(Sum("da_incidents_before"), Value(0)),
            since=Coalesce(Sum("da_incidents_since"), Value(0)),
            started=Count("pk", filter=on_programme & within("da_start", window)),
            ended=Count("pk", filter=ended),
            completed=Count("pk", filter=ended & Q(da_outcome=COMPLETED)),
            ended_by_qe=Count("pk", filter=ended_by_qe),
            completed_by_qe=Count("pk", filter=ended_by_qe & Q(da_outcome=COMPLETED)),
            high_risk=Count("pk", filter=Q(da_high_risk=True)),
        )
        .order_by()
    )
    return {
        row["cohort"]: {
            "da_incidents_before": Raw(row["before"], None, row["reporting"]),
            "da_incidents_since": Raw(row["since"], None, row["reporting"]),
            "da_adults": Raw(row["reporting"], None, row["reporting"]),
            "da_started": Raw(row["started"], None, row["started"]),
            "da_ended": Raw(row["ended"], None, row["ended"]),
            "da_completed": Raw(row["completed"], None, row["completed"]),
            "da_completion_rate": Raw(
                row["completed_by_qe"], row["ended_by_qe"], row["ended_by_qe"]
            ),
            "da_high_risk_adults": Raw(row["high_risk"], None, row["high_risk"]),
        }
        for row in rows
    }
