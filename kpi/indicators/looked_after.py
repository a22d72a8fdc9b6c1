"""KPI 5–6: children looked after and their time in care, UASC excluded (kpi-spec §3)."""

from django.db.models import Count, F, Sum

from kpi.indicators.base import (
    DaysBetween,
    Raw,
    Window,
    closed_during,
    on_day,
    open_at_quarter_end,
    since_fs_intervention,
)
from kpi.models import PeriodOfCare

MEASURES = {
    "cla_at_start": (5, "count"),
    "cla_at_end": (5, "count"),
    "cla_closed_mean_days": (6, "mean"),
    "cla_open_mean_days": (6, "mean"),
}


def compute(submission, window: Window) -> dict[int, dict[str, Raw]]:
    """KPI 5: children in care on qs and on qe. KPI 6: mean length of periods closed
    during Q, and of periods open at qe (to qe). Periods since FS intervention only."""
    at_start, at_end = on_day(window.qs), on_day(window.qe)
    closed, open_at_qe = closed_during(window), open_at_quarter_end(window)
    rows = (
        PeriodOfCare.objects.filter(
            submission=submission,
            person__submission=submission,
            person__fs_start__lte=window.qe,
            person__uasc=False,
        )
        .filter(since_fs_intervention())
        .annotate(
            days_closed=DaysBetween("end", "start"), days_open=DaysBetween(window.qe, "start")
        )
        .values(cohort=F("person__family__cohort_id"))
        .annotate(
            at_start=Count("person", distinct=True, filter=at_start),
            at_end=Count("person", distinct=True, filter=at_end),
            closed_n=Count("pk", filter=closed),
            closed_days=Sum("days_closed", filter=closed),
            closed_children=Count("person", distinct=True, filter=closed),
            open_n=Count("pk", filter=open_at_qe),
            open_days=Sum("days_open", filter=open_at_qe),
            open_children=Count("person", distinct=True, filter=open_at_qe),
        )
        .order_by()
    )
    return {
        row["cohort"]: {
            "cla_at_start": Raw(row["at_start"], None, row["at_start"]),
            "cla_at_end": Raw(row["at_end"], None, row["at_end"]),
            "cla_closed_mean_days": Raw(
                row["closed_days"] or 0, row["closed_n"], row["closed_children"]
            ),
            "cla_open_mean_days": Raw(row["open_days"] or 0, row["open_n"], row["open_children"]),
        }
        for row in rows
    }
