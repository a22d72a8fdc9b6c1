"""Police involvement (I01–I04) and the cohort's size (kpi-spec §3)."""

from django.db.models import Count, F, Sum, Value
from django.db.models.functions import Coalesce

from kpi.indicators.base import Raw, Window
from kpi.models import Person

# Police involvement is not numbered in the toolkit's list; the portal files it with the
# cohort's size under 0 ("cohort").
COUNTS = {
    "victim_before": "measures__victim_before",
    "offender_before": "measures__offender_before",
    "victim_in_quarter": "measures__victim_in_quarter",
    "offender_in_quarter": "measures__offender_in_quarter",
}

MEASURES = {**{measure: (0, "total") for measure in COUNTS}, "people": (0, "count")}


def compute(submission, window: Window) -> dict[int, dict[str, Raw]]:
    """Σ I01, Σ I02, Σ I03, Σ I04 over every counted person, and how many people."""
    rows = (
        Person.objects.filter(submission=submission, fs_start__lte=window.qe)
        .values(cohort=F("family__cohort_id"))
        .annotate(
            members=Count("pk"),
            **{measure: Coalesce(Sum(field), Value(0)) for measure, field in COUNTS.items()},
        )
        .order_by()
    )
    return {
        row["cohort"]: {
            **{measure: Raw(row[measure], None, row["members"]) for measure in COUNTS},
            "people": Raw(row["members"], None, row["members"]),
        }
        for row in rows
    }
