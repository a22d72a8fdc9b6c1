"""KPI 10–13: substance misuse treatment, engagement and TOPS change (docs/kpi-specification.md
§6)."""

from django.db.models import F, Q, Sum, Value
from django.db.models.functions import Coalesce

from kpi.disclosure import Relation
from kpi.indicators.base import (
    Amount,
    Measure,
    Quantity,
    QuantityQuery,
    Window,
    amounts_by_cohort,
    person_count,
    six_months_before,
    within,
)
from kpi.models import QuarterMeasures, Submission

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
    "initial_assessments": ("initial_assessments", "initial assessments (Σ I29)"),
    "assessments_no_engagement": (
        "assessments_no_engagement",
        "initial assessments with no engagement (Σ I30)",
    ),
    "treatments_non_engagement": (
        "treatments_non_engagement",
        "treatment programmes with non-engagement (Σ I31)",
    ),
}
ENDED = "adults whose treatment ended in the quarter"
KNOWN = "adults who completed treatment six months or more before quarter end"

QUANTITIES = {
    "treatments_started": Quantity("adults starting treatment in the quarter"),
    "treatments_ended": Quantity(ENDED),
    "treatments_successful": Quantity(f"{ENDED}, completing it successfully"),
    "ended_did_not_attend": Quantity(f"{ENDED}, for non-attendance"),
    "treatments_ended_otherwise": Quantity(f"{ENDED}, for any other reason"),
    "representation_known": Quantity(f"{KNOWN}, re-presentation known"),
    "no_representation_6m": Quantity(f"{KNOWN}, not re-presenting"),
    "representation_6m": Quantity(f"{KNOWN}, re-presenting"),
    **{
        name: Quantity(counts, "adults with one or more")
        for name, (_, counts) in ENGAGEMENT_SUMS.items()
    },
    "assessments_engaged": Quantity(
        "initial assessments with engagement (Σ I29 − I30)", "adults whose I29 and I30 differ"
    ),
    **{
        f"tops_{domain}_{outcome}": Quantity(f"adults {words} in {domain.replace('_', ' ')} (TOPS)")
        for domain in TOPS_DOMAINS
        for outcome, words in (
            ("assessed", "with an initial and a latest score"),
            ("improved", "better"),
            ("declined", "worse"),
            ("unchanged", "neither better nor worse"),
        )
    },
}

MEASURES = {
    "treatments_started": Measure(10, "count", "treatments_started"),
    "treatments_ended": Measure(10, "count", "treatments_ended"),
    "treatments_successful": Measure(10, "count", "treatments_successful"),
    "no_representation_6m": Measure(10, "count", "no_representation_6m", "representation_known"),
    "representation_known": Measure(10, "count", "representation_known"),
    "initial_assessments": Measure(11, "total", "initial_assessments"),
    "assessments_no_engagement": Measure(11, "total", "assessments_no_engagement"),
    "treatments_non_engagement": Measure(11, "total", "treatments_non_engagement"),
    "ended_did_not_attend": Measure(11, "count", "ended_did_not_attend"),
    **{
        f"tops_{domain}_{outcome}": Measure(
            12 if domain == "substance_misuse" else 13, "count", f"tops_{domain}_{outcome}"
        )
        for domain in TOPS_DOMAINS
        for outcome in ("improved", "declined", "assessed")
    },
}

RELATIONS = (
    Relation(
        "treatments_ended",
        ("treatments_successful", "ended_did_not_attend", "treatments_ended_otherwise"),
    ),
    Relation("representation_known", ("no_representation_6m", "representation_6m")),
    Relation("initial_assessments", ("assessments_no_engagement", "assessments_engaged")),
    *(
        Relation(
            f"tops_{domain}_assessed",
            (f"tops_{domain}_improved", f"tops_{domain}_declined", f"tops_{domain}_unchanged"),
        )
        for domain in TOPS_DOMAINS
    ),
)


def tops_filters(initial: str, latest: str, lower_is_better: bool) -> tuple[Q, Q, Q, Q]:
    assessed = Q(**{f"{initial}__isnull": False, f"{latest}__isnull": False})
    lower, higher = Q(**{f"{latest}__lt": F(initial)}), Q(**{f"{latest}__gt": F(initial)})
    improved, declined = (lower, higher) if lower_is_better else (higher, lower)
    unchanged = Q(**{latest: F(initial)})
    return assessed & improved, assessed & declined, assessed, assessed & unchanged


def compute(submission: Submission, window: Window) -> dict[int, dict[str, Amount]]:
    """KPI 10: treatments started (I25 in Q), ended (I26 in Q), ended successfully; and of
    all successful completions at least six calendar months before qe with I28 filled
    (`representation_known`), those with I28 = No. KPI 11: Σ I29, Σ I30, Σ I31 over adults
    with the field filled, and closures in Q for non-attendance. KPI 12/13: per TOPS domain,
    adults with an initial and a latest score, and those better or worse."""
    ended = within("treatment_closed", window)
    successful = ended & Q(treatment_closure_reason=SUCCESSFUL)
    did_not_attend = ended & Q(treatment_closure_reason=DID_NOT_ATTEND)
    known = Q(
        treatment_closure_reason=SUCCESSFUL,
        treatment_closed__lte=six_months_before(window.qe),
        representation_6m__isnull=False,
    )

    quantities: dict[str, QuantityQuery] = {
        "treatments_started": person_count(within("treatment_start", window)),
        "treatments_ended": person_count(ended),
        "treatments_successful": person_count(successful),
        "ended_did_not_attend": person_count(did_not_attend),
        "treatments_ended_otherwise": person_count(
            ended & ~Q(treatment_closure_reason__in=[SUCCESSFUL, DID_NOT_ATTEND])
        ),
        "representation_known": person_count(known),
        "no_representation_6m": person_count(known & Q(representation_6m=False)),
        "representation_6m": person_count(known & Q(representation_6m=True)),
    }
    for name, (field, _) in ENGAGEMENT_SUMS.items():
        quantities[name] = (Sum(field), person_count(Q(**{f"{field}__gt": 0})))
    quantities["assessments_engaged"] = (Sum("engaged"), person_count(~Q(engaged=0)))
    for domain, fields in TOPS_DOMAINS.items():
        improved, declined, assessed, unchanged = tops_filters(*fields)
        quantities[f"tops_{domain}_improved"] = person_count(improved)
        quantities[f"tops_{domain}_declined"] = person_count(declined)
        quantities[f"tops_{domain}_assessed"] = person_count(assessed)
        quantities[f"tops_{domain}_unchanged"] = person_count(unchanged)
    measures = QuarterMeasures.objects.filter(
        submission=submission,
        person__submission=submission,
        person__fs_start__lte=window.qe,
        person__is_child=False,
    ).annotate(
        engaged=Coalesce("initial_assessments", Value(0))
        - Coalesce("assessments_no_engagement", Value(0))
    )
    return amounts_by_cohort(measures, "person__family__cohort_id", quantities)
