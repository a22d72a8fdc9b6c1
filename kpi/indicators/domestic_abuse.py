"""KPI 17–19: repeat domestic abuse incidents, DA programmes and high-risk adults
(docs/kpi-specification.md §6)."""

from django.db.models import Q, Sum

from kpi.disclosure import Relation
from kpi.indicators.base import (
    Amount,
    Measure,
    Quantity,
    Window,
    amounts_by_cohort,
    person_count,
    within,
)
from kpi.models import QuarterMeasures, Submission

COMPLETED = "Completed"
ENDED = "adults whose DA programme ended in the quarter"
BY_QE = "adults whose DA programme ended by quarter end"
BEFORE = "adults whose DA programme ended before the quarter"

QUANTITIES = {
    "da_incidents_before": Quantity(
        "DA incidents in the 12 months before FS (Σ X08)", "adults with one or more"
    ),
    "da_incidents_since": Quantity("DA incidents since FS (Σ X09)", "adults with one or more"),
    "da_adults": Quantity("adults with DA incident counts"),
    "da_started": Quantity("adults starting a DA programme in the quarter"),
    "da_ended": Quantity(ENDED),
    "da_completed": Quantity(f"{ENDED}, completing it"),
    "da_ended_not_completed": Quantity(f"{ENDED}, not completing it"),
    "da_ended_by_qe": Quantity(BY_QE),
    "da_completed_by_qe": Quantity(f"{BY_QE}, completing it"),
    "da_not_completed_by_qe": Quantity(f"{BY_QE}, not completing it"),
    "da_ended_before_quarter": Quantity(BEFORE),
    "da_completed_before_quarter": Quantity(f"{BEFORE}, completing it"),
    "da_high_risk_adults": Quantity("adults with 4 or more DA repeats or referred to MARAC"),
}

MEASURES = {
    "da_incidents_before": Measure(17, "total", "da_incidents_before"),
    "da_incidents_since": Measure(17, "total", "da_incidents_since"),
    "da_adults": Measure(17, "count", "da_adults"),
    "da_started": Measure(18, "count", "da_started"),
    "da_ended": Measure(18, "count", "da_ended"),
    "da_completed": Measure(18, "count", "da_completed"),
    "da_completion_rate": Measure(18, "percentage", "da_completed_by_qe", "da_ended_by_qe"),
    "da_high_risk_adults": Measure(19, "count", "da_high_risk_adults"),
}

# Programmes ended by quarter end are those ended in the quarter and those ended before
# it, so the completion rate's numerator and denominator contain da_completed, da_ended.
RELATIONS = (
    Relation("da_ended", ("da_completed", "da_ended_not_completed")),
    Relation("da_ended_by_qe", ("da_completed_by_qe", "da_not_completed_by_qe")),
    Relation("da_ended_by_qe", ("da_ended", "da_ended_before_quarter")),
    Relation("da_completed_by_qe", ("da_completed", "da_completed_before_quarter")),
)


def compute(submission: Submission, window: Window) -> dict[int, dict[str, Amount]]:
    """KPI 17: Σ X08 and Σ X09 over adults with either filled, and how many adults.
    KPI 18: programmes (I47 filled) started in Q, ended in Q, completed in Q, and the
    completion rate over every programme ended by qe. KPI 19: adults with I66 = Yes."""
    reporting = Q(da_incidents_before__isnull=False) | Q(da_incidents_since__isnull=False)
    on_programme = Q(da_start__isnull=False)
    completed = Q(da_outcome=COMPLETED)
    ended = on_programme & within("da_end", window)
    ended_by_qe = on_programme & Q(da_end__lte=window.qe)
    ended_before = on_programme & Q(da_end__lt=window.qs)

    adults_of = QuarterMeasures.objects.filter(
        submission=submission,
        person__submission=submission,
        person__fs_start__lte=window.qe,
        person__is_child=False,
    )
    return amounts_by_cohort(
        adults_of,
        "person__family__cohort_id",
        {
            "da_incidents_before": (
                Sum("da_incidents_before"),
                person_count(Q(da_incidents_before__gt=0)),
            ),
            "da_incidents_since": (
                Sum("da_incidents_since"),
                person_count(Q(da_incidents_since__gt=0)),
            ),
            "da_adults": person_count(reporting),
            "da_started": person_count(on_programme & within("da_start", window)),
            "da_ended": person_count(ended),
            "da_completed": person_count(ended & completed),
            "da_ended_not_completed": person_count(ended & ~completed),
            "da_ended_by_qe": person_count(ended_by_qe),
            "da_completed_by_qe": person_count(ended_by_qe & completed),
            "da_not_completed_by_qe": person_count(ended_by_qe & ~completed),
            "da_ended_before_quarter": person_count(ended_before),
            "da_completed_before_quarter": person_count(ended_before & completed),
            "da_high_risk_adults": person_count(Q(da_high_risk=True)),
        },
    )
