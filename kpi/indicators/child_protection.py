"""KPI 1–3: child protection plans since FS intervention (docs/kpi-specification.md §6)."""

from django.db.models import Count, F, Q, Sum

from kpi.disclosure import Relation
from kpi.indicators.base import (
    Amount,
    DaysBetween,
    Measure,
    Quantity,
    Window,
    active_during,
    amounts_by_cohort,
    closed_during,
    open_at_quarter_end,
    person_count,
    since_fs_intervention,
    within,
)
from kpi.models import CPPlan, Submission

CHILDREN = "children with such a plan"
DAYS = "children with such a plan of a day or more"

QUANTITIES = {
    "cp_plans_active": Quantity("plans active in the quarter", CHILDREN),
    "cp_plans_at_fs_start": Quantity(
        "active plans that started on or before the child's FS start", CHILDREN
    ),
    "cp_plans_after_fs_start": Quantity(
        "active plans that started after the child's FS start", CHILDREN
    ),
    "cp_plans_from_before": Quantity("active plans that started before the quarter", CHILDREN),
    "children_with_cp_plan": Quantity("children with an active plan"),
    "cp_closed_days": Quantity("days of the plans closed in the quarter", DAYS),
    "cp_closed_plans": Quantity("plans closed in the quarter", CHILDREN),
    "cp_open_days": Quantity("days so far of the plans open at quarter end", DAYS),
    "cp_open_plans": Quantity("plans open at quarter end", CHILDREN),
    "cp_new_in_quarter": Quantity("plans that started in the quarter", CHILDREN),
    "cp_repeat_24m": Quantity("new plans repeating a plan within 24 months", CHILDREN),
    "cp_repeat_12m": Quantity("new plans repeating a plan within 12 months", CHILDREN),
    "cp_new_not_repeat": Quantity("new plans that are not repeats within 24 months", CHILDREN),
    "cp_repeat_12_to_24m": Quantity(
        "new plans repeating a plan within 24 months but not 12", CHILDREN
    ),
}

MEASURES = {
    "cp_plans_active": Measure(1, "count", "cp_plans_active"),
    "cp_plans_at_fs_start": Measure(1, "count", "cp_plans_at_fs_start"),
    "cp_plans_after_fs_start": Measure(1, "count", "cp_plans_after_fs_start"),
    "children_with_cp_plan": Measure(1, "count", "children_with_cp_plan"),
    "cp_closed_mean_days": Measure(2, "mean", "cp_closed_days", "cp_closed_plans"),
    "cp_open_mean_days": Measure(2, "mean", "cp_open_days", "cp_open_plans"),
    "cp_new_in_quarter": Measure(3, "count", "cp_new_in_quarter"),
    "cp_repeat_12m": Measure(3, "count", "cp_repeat_12m"),
    "cp_repeat_24m": Measure(3, "count", "cp_repeat_24m"),
}

# Active plans split three ways (at or after FS start; closed in Q or still open; started
# in Q or before it), and new plans nest: repeats within 12 months are repeats within 24.
RELATIONS = (
    Relation("cp_plans_active", ("cp_plans_at_fs_start", "cp_plans_after_fs_start")),
    Relation("cp_plans_active", ("cp_closed_plans", "cp_open_plans")),
    Relation("cp_plans_active", ("cp_new_in_quarter", "cp_plans_from_before")),
    Relation("cp_new_in_quarter", ("cp_repeat_24m", "cp_new_not_repeat")),
    Relation("cp_repeat_24m", ("cp_repeat_12m", "cp_repeat_12_to_24m")),
)


def compute(submission: Submission, window: Window) -> dict[int, dict[str, Amount]]:
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
    not_repeat = new & (Q(since_previous__isnull=True) | Q(since_previous__gte=730))
    repeat_12_to_24 = new & Q(since_previous__gte=365, since_previous__lt=730)
    from_before = active & Q(start__lt=window.qs)
    at_start = active & Q(start__lte=F("person__fs_start"))
    after_start = active & Q(start__gt=F("person__fs_start"))

    def plans(condition: Q) -> tuple:
        return Count("pk", filter=condition), person_count(condition, "person")

    plans_of = (
        CPPlan.objects.filter(
            submission=submission, person__submission=submission, person__fs_start__lte=window.qe
        )
        .filter(since_fs_intervention())
        .annotate(
            since_previous=DaysBetween("start", "person__previous_cp_plan__end"),
            days_closed=DaysBetween("end", "start"),
            days_open=DaysBetween(window.qe, "start"),
        )
    )
    return amounts_by_cohort(
        plans_of,
        "person__family__cohort_id",
        {
            "cp_plans_active": plans(active),
            "cp_plans_at_fs_start": plans(at_start),
            "cp_plans_after_fs_start": plans(after_start),
            "cp_plans_from_before": plans(from_before),
            "children_with_cp_plan": person_count(active, "person"),
            "cp_closed_days": (
                Sum("days_closed", filter=closed),
                person_count(closed & Q(days_closed__gt=0), "person"),
            ),
            "cp_closed_plans": plans(closed),
            "cp_open_days": (
                Sum("days_open", filter=open_at_qe),
                person_count(open_at_qe & Q(days_open__gt=0), "person"),
            ),
            "cp_open_plans": plans(open_at_qe),
            "cp_new_in_quarter": plans(new),
            "cp_repeat_24m": plans(repeat_24),
            "cp_repeat_12m": plans(repeat_12),
            "cp_new_not_repeat": plans(not_repeat),
            "cp_repeat_12_to_24m": plans(repeat_12_to_24),
        },
    )
