"""KPI 5–6: children looked after and their time in care, UASC excluded (docs/kpi-specification.md
§6)."""

from django.db.models import Count, Q, Sum

from kpi.indicators.base import (
    Amount,
    DaysBetween,
    Measure,
    Quantity,
    Window,
    amounts_by_cohort,
    closed_during,
    on_day,
    open_at_quarter_end,
    person_count,
    since_fs_intervention,
)
from kpi.models import PeriodOfCare, Submission

CHILDREN = "children with such a period"
DAYS = "children with such a period of a day or more"

QUANTITIES = {
    "cla_at_start": Quantity("children in care at quarter start"),
    "cla_at_end": Quantity("children in care at quarter end"),
    "cla_closed_days": Quantity("days of the periods of care closed in the quarter", DAYS),
    "cla_closed_periods": Quantity("periods of care closed in the quarter", CHILDREN),
    "cla_open_days": Quantity("days so far of the periods open at quarter end", DAYS),
    "cla_open_periods": Quantity("periods of care open at quarter end", CHILDREN),
}

MEASURES = {
    "cla_at_start": Measure(5, "count", "cla_at_start"),
    "cla_at_end": Measure(5, "count", "cla_at_end"),
    "cla_closed_mean_days": Measure(6, "mean", "cla_closed_days", "cla_closed_periods"),
    "cla_open_mean_days": Measure(6, "mean", "cla_open_days", "cla_open_periods"),
}

RELATIONS = ()


def compute(submission: Submission, window: Window) -> dict[int, dict[str, Amount]]:
    """KPI 5: children in care on qs and on qe. KPI 6: mean length of periods closed
    during Q, and of periods open at qe (to qe). Periods since FS intervention only."""
    at_start, at_end = on_day(window.qs), on_day(window.qe)
    closed, open_at_qe = closed_during(window), open_at_quarter_end(window)
    periods = (
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
    )
    return amounts_by_cohort(
        periods,
        "person__family__cohort_id",
        {
            "cla_at_start": person_count(at_start, "person"),
            "cla_at_end": person_count(at_end, "person"),
            "cla_closed_days": (
                Sum("days_closed", filter=closed),
                person_count(closed & Q(days_closed__gt=0), "person"),
            ),
            "cla_closed_periods": (Count("pk", filter=closed), person_count(closed, "person")),
            "cla_open_days": (
                Sum("days_open", filter=open_at_qe),
                person_count(open_at_qe & Q(days_open__gt=0), "person"),
            ),
            "cla_open_periods": (
                Count("pk", filter=open_at_qe),
                person_count(open_at_qe, "person"),
            ),
        },
    )
