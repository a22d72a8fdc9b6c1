"""KPI 10–13: substance misuse treatment, engagement and TOPS change (kpi-spec §3)."""

from django.db.models import Count, F, Q, Sum, Value
from django.db.models.functions import Coalesce

from kpi.indicators.base import Raw, Window, six_months_before, within
from kpi.models import QuarterMeasures

SUCCESSFUL = "Successful completion"
DID_NOT_ATTEND = "Did not attend"

# domain: (initial field, latest field, lower is better)
TOPS_DOMAINS = {
    "substance_misuse": ("tops_substance_initial", "tops_substance_latest", True),
    "psychological_wellbeing": ("tops_psychological_initial", "tops_psychological_latest", False),
    "physical_health": ("tops_physical_initial", "tops_physical_latest", False),
    "employment": ("tops_employment_initial", "tops_employment_latest", False),
    "quality_of_life": ("tops_quality_of_life_initial", "tops_quality_of_life_latest", False),
}
ENGAGEMENT_SUMS = {
    "initial_assessments": "initial_assessments",
    "assessments_no_engagement": "assessments_no_engagement",
    "treatments_non_engagement": "treatments_non_engagement",
}

MEASURES = {
    "treatments_started": (10, "count"),
    "treatments_ended": (10, "count"),
    "treatments_successful": (10, "count"),
    "no_representation_6m": (10, "count"),
    "representation_known": (10, "count"),
    "initial_assessments": (11, "total"),
    "assessments_no_engagement": (11, "total"),
    "treatments_non_engagement": (11, "total"),
    "ended_did_not_attend": (11, "count"),
    **{
        f"tops_{domain}_{outcome}": (12 if domain == "substance_misuse" else 13, "count")
        for domain in TOPS_DOMAINS
        for outcome in ("improved", "declined", "assessed")
    },
}


def tops_filters(initial: str, latest: str, lower_is_better: bool) -> tuple[Q, Q, Q]:
    assessed = Q(**{f"{initial}__isnull": False, f"{latest}__isnull": False})
    lower, higher = Q(**{f"{latest}__lt": F(initial)}), Q(**{f"{latest}__gt": F(initial)})
    improved, declined = (lower, higher) if lower_is_better else (higher, lower)
    return assessed & improved, assessed & declined, assessed


def compute(submission, window: Window) -> dict[int, dict[str, Raw]]:
    """KPI 10: treatments started (I25 in Q), ended (I26 in Q), ended successfully; and of
    all successful completions at least six calendar months before qe with I28 filled
    (`representation_known`), those with I28 = No. KPI 11: Σ I29, Σ I30, Σ I31 over adults
    with the field filled, and closures in Q for non-attendance. KPI 12/13: per TOPS domain,
    adults with an initial and a latest score, and those better or worse."""
    ended = within("treatment_closed", window)
    known = Q(
        treatment_closure_reason=SUCCESSFUL,
        treatment_closed__lte=six_months_before(window.qe),
        representation_6m__isnull=False,
    )
    aggregates = {
        "started": Count("pk", filter=within("treatment_start", window)),
        "ended": Count("pk", filter=ended),
        "successful": Count("pk", filter=ended & Q(treatment_closure_reason=SUCCESSFUL)),
        "did_not_attend": Count("pk", filter=ended & Q(treatment_closure_reason=DID_NOT_ATTEND)),
        "known": Count("pk", filter=known),
        "no_representation": Count("pk", filter=known & Q(representation_6m=False)),
    }
    for measure, field in ENGAGEMENT_SUMS.items():
        aggregates[f"{measure}_sum"] = Coalesce(Sum(field), Value(0))
        aggregates[f"{measure}_people"] = Count(field)
    for domain, fields in TOPS_DOMAINS.items():
        improved, declined, assessed = tops_filters(*fields)
        aggregates[f"{domain}_improved"] = Count("pk", filter=improved)
        aggregates[f"{domain}_declined"] = Count("pk", filter=declined)
        aggregates[f"{domain}_assessed"] = Count("pk", filter=assessed)
    rows = (
        QuarterMeasures.objects.filter(
            submission=submission,
            person__submission=submission,
            person__fs_start__lte=window.qe,
            person__is_child=False,
        )
        .values(cohort=F("person__family__cohort_id"))
        .annotate(**aggregates)
        .order_by()
    )
    results = {}
    for row in rows:
        values = {
            "treatments_started": Raw(row["started"], None, row["started"]),
            "treatments_ended": Raw(row["ended"], None, row["ended"]),
            "treatments_successful": Raw(row["successful"], None, row["successful"]),
            "no_representation_6m": Raw(row["no_representation"], row["known"], row["known"]),
            "representation_known": Raw(row["known"], None, row["known"]),
            "ended_did_not_attend": Raw(row["did_not_attend"], None, row["did_not_attend"]),
        }
        for measure in ENGAGEMENT_SUMS:
            values[measure] = Raw(row[f"{measure}_sum"], None, row[f"{measure}_people"])
        for domain in TOPS_DOMAINS:
            for outcome in ("improved", "declined", "assessed"):
                n = row[f"{domain}_{outcome}"]
                values[f"tops_{domain}_{outcome}"] = Raw(n, None, n)
        results[row["cohort"]] = values
    return results
