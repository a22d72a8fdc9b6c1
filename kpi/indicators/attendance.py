"""KPI 7: educational attendance of cohort children aged 5 to 15 (docs/kpi-specification.md §6)."""

from django.db.models import F, Q, Sum, Value
from django.db.models.functions import Coalesce

from kpi.disclosure import Relation
from kpi.indicators.base import Amount, Measure, Quantity, Window, amounts_by_cohort, person_count
from kpi.models import QuarterMeasures, Submission

PUPILS = "children aged 5 to 15 with possible sessions"
ANY = "the children with any"

QUANTITIES = {
    "sessions_possible": Quantity("possible school sessions (Σ I17)", PUPILS),
    "sessions_unauthorised": Quantity("unauthorised absence sessions (Σ I15)", ANY),
    "sessions_authorised": Quantity("authorised absence sessions (Σ I16)", ANY),
    "sessions_not_absent": Quantity("possible sessions not missed (Σ I17 − I15 − I16)", ANY),
    "persistently_absent": Quantity("children missing 10% or more of their sessions"),
}

MEASURES = {
    "sessions_possible": Measure(7, "total", "sessions_possible"),
    "sessions_unauthorised": Measure(7, "total", "sessions_unauthorised"),
    "sessions_authorised": Measure(7, "total", "sessions_authorised"),
    "pct_unauthorised": Measure(7, "percentage", "sessions_unauthorised", "sessions_possible"),
    "pct_authorised": Measure(7, "percentage", "sessions_authorised", "sessions_possible"),
    "persistently_absent": Measure(7, "count", "persistently_absent"),
}

RELATIONS = (
    Relation(
        "sessions_possible",
        ("sessions_unauthorised", "sessions_authorised", "sessions_not_absent"),
    ),
)


def compute(submission: Submission, window: Window) -> dict[int, dict[str, Amount]]:
    """Children with 5 <= D04 <= 15 and I17 > 0: Σ I17, Σ I15, Σ I16, their percentages of
    Σ I17, and the children missing at least 10% of sessions ((I15 + I16) / I17 >= 0.10,
    compared as 10 × (I15 + I16) >= I17 to stay in integers)."""
    unauthorised = Coalesce("sessions_unauthorised", Value(0))
    authorised = Coalesce("sessions_authorised", Value(0))
    pupils = QuarterMeasures.objects.filter(
        submission=submission,
        person__submission=submission,
        person__fs_start__lte=window.qe,
        person__is_child=True,
        person__age__gte=5,
        person__age__lte=15,
        sessions_possible__gt=0,
    ).annotate(
        absent_tenfold=10 * (unauthorised + authorised),
        not_absent=F("sessions_possible") - unauthorised - authorised,
    )
    persistent = Q(absent_tenfold__gte=F("sessions_possible"))
    return amounts_by_cohort(
        pupils,
        "person__family__cohort_id",
        {
            "sessions_possible": (Sum("sessions_possible"), person_count()),
            "sessions_unauthorised": (
                Sum("sessions_unauthorised"),
                person_count(Q(sessions_unauthorised__gt=0)),
            ),
            "sessions_authorised": (
                Sum("sessions_authorised"),
                person_count(Q(sessions_authorised__gt=0)),
            ),
            "sessions_not_absent": (Sum("not_absent"), person_count(Q(not_absent__gt=0))),
            "persistently_absent": person_count(persistent),
        },
    )
