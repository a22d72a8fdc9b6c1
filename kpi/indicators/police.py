"""Police involvement (I01–I04) and the cohort's size (docs/kpi-specification.md §6)."""

from django.db.models import Count, Q, Sum

from kpi.indicators.base import (
    Amount,
    Measure,
    Quantity,
    QuantityQuery,
    Window,
    amounts_by_cohort,
    person_count,
)
from kpi.models import Person, Submission

# Police involvement is not numbered in the toolkit's list; the portal files it with the
# cohort's size under 0 ("cohort").
COUNTS = {
    "victim_before": ("measures__victim_before", "times a victim in the 12 months before FS"),
    "offender_before": (
        "measures__offender_before",
        "times an offender in the 12 months before FS",
    ),
    "victim_in_quarter": ("measures__victim_in_quarter", "times a victim in the quarter"),
    "offender_in_quarter": ("measures__offender_in_quarter", "times an offender in the quarter"),
}

QUANTITIES = {
    **{
        measure: Quantity(f"{counts} (Σ)", "people with one or more")
        for measure, (_, counts) in COUNTS.items()
    },
    "people": Quantity("people in the cohort"),
}

MEASURES = {
    **{measure: Measure(0, "total", measure) for measure in COUNTS},
    "people": Measure(0, "count", "people"),
}

RELATIONS = ()


def compute(submission: Submission, window: Window) -> dict[int, dict[str, Amount]]:
    """Σ I01, Σ I02, Σ I03, Σ I04 over every counted person, and how many people."""
    quantities: dict[str, QuantityQuery] = {
        measure: (Sum(field), person_count(Q(**{f"{field}__gt": 0})))
        for measure, (field, _) in COUNTS.items()
    }
    quantities["people"] = Count("pk")
    members = Person.objects.filter(submission=submission, fs_start__lte=window.qe)
    return amounts_by_cohort(members, "family__cohort_id", quantities)
