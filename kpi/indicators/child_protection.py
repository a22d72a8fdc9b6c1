"""KPI 1–3: child protection plans since FS intervention (kpi-spec §3)."""

from django.db.models import Count, F, Q, Sum

from kpi.indicators.base import (
    DaysBetween,
    Raw,
    Window,
    active_during,
    closed_during,
    open_at_quarter_end,
    since_fs_intervention,
    within,
)
from kpi.models import CPPlan

MEASURES = {
    "cp_plans_active": (1, "count"),
    "cp_plans_at_fs_start": (1, "count"),
    "cp_plans_after_fs_start": (1, "count"),
    "children_with_cp_plan": (1, "count"),
    "cp_closed_mean_days": (2, "mean"),
    "cp_open_mean_days": (2, "mean"),
    "cp_new_in_quarter": (3, "count"),
    "cp_repeat_12m": (3, "count"),
    "cp_repeat_24m": (3, "count"),
}


def compute(submission, window: Window) -> dict[int, dict[str, Raw]]:
    """KPI 1: plans active during Q, split at the child's FS start, and the children.
    KPI 2: mean length of plans closed during Q, and of plans open at qe (to qe).
    KPI 3: plans starting in Q, and those starting < 365 / < 730 days after the end of
    the child's previous plan (R15)."""
    active = active_during(window)
    closed = closed_during(window)
    open_at_qe = open_at_quarter_end(window)
    new = within("start", window)
    repeat_12 = new & Q(since_previous__lt=365)
    repeat_24 = new & Q(since_previous__lt=730)
    at_start = active & Q(start__lte=F("person__fs_start"))
    after_start = active & Q(start__gt=F("person__fs_start"))
    rows = (
        CPPlan.objects.filter(
            submission=submission, person__submission=submission, person__fs_start__lte=window.qe
        )
        .filter(since_fs_intervention())
        .annotate(
            since_previous=DaysBetween("start", "person__previous_cp_plan__end"),
            days_closed=DaysBetween("end", "start"),
            days_open=DaysBetween(window.qe, "start"),
        )
        .values(cohort=F("person__family__cohort_id"))
        .annotate(
            active=Count("pk", filter=active),
            active_children=Count("person", distinct=True, filter=active),
            at_start=Count("pk", filter=at_start),
            at_start_children=Count("person", distinct=True, filter=at_start),
            after_start=Count("pk", filter=after_start),
            after_start_children=Count("person", distinct=True, filter=after_start),
            closed_n=Count("pk", filter=closed),
            closed_days=Sum("days_closed", filter=closed),
            closed_children=Count("person", distinct=True, filter=closed),
            open_n=Count("pk", filter=open_at_qe),
            open_days=Sum("days_open", filter=open_at_qe),
            open_children=Count("person", distinct=True, filter=open_at_qe),
            new_n=Count("pk", filter=new),
            new_children=Count("person", distinct=True, filter=new),
            repeat_12_n=Count("pk", filter=repeat_12),
            repeat_12_children=Count("person", distinct=True, filter=repeat_12),
            repeat_24_n=Count("pk", filter=repeat_24),
            repeat_24_children=Count("person", distinct=True, filter=repeat_24),
        )
        .order_by()
    )
    results = {}
    for row in rows:
        children = row["active_children"]
        results[row["cohort"]] = {
            "cp_plans_active": Raw(row["active"], None, children),
            "cp_plans_at_fs_start": Raw(row["at_start"], None, row["at_start_children"]),
            "cp_plans_after_fs_start": Raw(row["after_start"], None, row["after_start_children"]),
            "children_with_cp_plan": Raw(children, None, children),
            "cp_closed_mean_days": Raw(
                row["closed_days"] or 0, row["closed_n"], row["closed_children"]
            ),
            "cp_open_mean_days": Raw(row["open_days"] or 0, row["open_n"], row["open_children"]),
            "cp_new_in_quarter": Raw(row["new_n"], None, row["new_children"]),
            "cp_repeat_12m": Raw(row["repeat_12_n"], None, row["repeat_12_children"]),
            "cp_repeat_24m": Raw(row["repeat_24_n"], None, row["repeat_24_children"]),
        }
    return results
