"""KPI 7: educational attendance of cohort children aged 5 to 15 (kpi-spec §3)."""

from django.db.models import Count, F, Q, Sum, Value
from django.db.models.functions import Coalesce

from kpi.indicators.base import Raw, Window
from kpi.models import QuarterMeasures

MEASURES = {
    "sessions_possible": (7, "total"),
    "sessions_unauthorised": (7, "total"),
    "sessions_authorised": (7, "total"),
    "pct_unauthorised": (7, "percentage"),
    "pct_authorised": (7, "percentage"),
    "persistently_absent": (7, "count"),
}


def compute(submission, window: Window) -> dict[int, dict[str, Raw]]:
    """Children with 5 <= D04 <= 15 and I17 > 0: Σ I17, Σ I15, Σ I16, their percentages of
    Σ I17, and the children missing at least 10% of sessions ((I15 + I16) / I17 >= 0.10,
    compared as 10 × (I15 + I16) >= I17 to stay in integers)."""
    persistent = Q(absent_tenfold__gte=F("sessions_possible"))
    rows = (
        QuarterMeasures.objects.filter(
            submission=submission,
            person__submission=submission,
            person__fs_start__lte=window.qe,
            person__is_child=True,
            person__age__gte=5,
            person__age__lte=15,
            sessions_possible__gt=0,
        )
        .annotate(
            absent_tenfold=10
            * (
                Coalesce("sessions_unauthorised", Value(0))
                + Coalesce("sessions_authorised", Value(0))
            )
        )
        .values(cohort=F("person__family__cohort_id"))
        .annotate(
            pupils=Count("pk"),
            possible=Sum("sessions_possible"),
            unauthorised=Coalesce(Sum("sessions_unauthorised"), Value(0)),
            authorised=Coalesce(Sum("sessions_authorised"), Value(0)),
            persistent=Count("pk", filter=persistent),
        )
        .order_by()
    )
    return {
        row["cohort"]: {
            "sessions_possible": Raw(row["possible"], None, row["pupils"]),
            "sessions_unauthorised": Raw(row["unauthorised"], None, row["pupils"]),
            "sessions_authorised": Raw(row["authorised"], None, row["pupils"]),
            "pct_unauthorised": Raw(row["unauthorised"], row["possible"], row["pupils"]),
            "pct_authorised": Raw(row["authorised"], row["possible"], row["pupils"]),
            "persistently_absent": Raw(row["persistent"], None, row["persistent"]),
        }
        for row in rows
    }
