"""The measures computed from record-level submissions (docs/kpi-specification.md §6): each family's
measures (kpi/indicators/) with their plain-English labels (docs/kpi.md has the rules)."""

from kpi.indicators import (
    attendance,
    child_protection,
    domestic_abuse,
    looked_after,
    mental_health,
    police,
    substance_misuse,
)
from kpi.measures.definition import Kind, MeasureDefinition, Source

# In the order of docs/kpi-specification.md §6; compute_submission() computes them family by family.
FAMILIES = (
    child_protection,
    looked_after,
    attendance,
    substance_misuse,
    mental_health,
    domestic_abuse,
    police,
)

LABELS = {
    "cp_plans_active": "Child protection plans active in the quarter",
    "cp_plans_at_fs_start": "of which started before or at FS start",
    "cp_plans_after_fs_start": "of which started after FS start",
    "children_with_cp_plan": "Children with an active plan",
    "cp_closed_mean_days": "Mean length of plans closed in the quarter (days)",
    "cp_open_mean_days": "Mean length so far of plans open at quarter end (days)",
    "cp_new_in_quarter": "New plans in the quarter",
    "cp_repeat_12m": "of which repeats within 12 months",
    "cp_repeat_24m": "of which repeats within 24 months",
    "cla_at_start": "Children looked after at quarter start",
    "cla_at_end": "Children looked after at quarter end",
    "cla_closed_mean_days": "Mean length of periods of care closed in the quarter (days)",
    "cla_open_mean_days": "Mean length so far of periods open at quarter end (days)",
    "sessions_possible": "Possible school sessions",
    "sessions_unauthorised": "Unauthorised absence sessions",
    "sessions_authorised": "Authorised absence sessions",
    "pct_unauthorised": "Unauthorised absence (% of sessions)",
    "pct_authorised": "Authorised absence (% of sessions)",
    "persistently_absent": "Children persistently absent (10% or more)",
    "treatments_started": "Treatments started",
    "treatments_ended": "Treatments ended",
    "treatments_successful": "Treatments completed successfully",
    "no_representation_6m": "Successful completions not re-presenting within 6 months",
    "representation_known": "Successful completions with re-presentation known",
    "initial_assessments": "Initial assessments",
    "assessments_no_engagement": "Initial assessments with no engagement",
    "treatments_non_engagement": "Treatment programmes with non-engagement",
    "ended_did_not_attend": "Treatments ended for non-attendance",
    "depression_improved": "Adults whose depression score improved",
    "depression_assessed": "Adults with initial and end depression scores",
    "depression_initial_mean": "Mean initial depression score (PHQ-9)",
    "depression_end_mean": "Mean end depression score (PHQ-9)",
    "anxiety_improved": "Adults whose anxiety score improved",
    "anxiety_assessed": "Adults with initial and end anxiety scores",
    "anxiety_initial_mean": "Mean initial anxiety score (GAD-7)",
    "anxiety_end_mean": "Mean end anxiety score (GAD-7)",
    "da_incidents_before": "DA incidents in the 12 months before FS",
    "da_incidents_since": "DA incidents since FS",
    "da_adults": "Adults with DA incident counts",
    "da_started": "DA programmes started",
    "da_ended": "DA programmes ended",
    "da_completed": "DA programmes completed",
    "da_completion_rate": "DA programme completion rate (%)",
    "da_high_risk_adults": "Adults with 4+ DA repeats or referred to MARAC",
    "victim_before": "Times a victim in the 12 months before FS",
    "offender_before": "Times an offender in the 12 months before FS",
    "victim_in_quarter": "Times a victim in the quarter since FS",
    "offender_in_quarter": "Times an offender in the quarter since FS",
    "people": "People in the cohort",
}

_TOPS = {
    "substance_misuse": "substance misuse",
    "psychological_wellbeing": "psychological wellbeing",
    "physical_health": "physical health",
    "employment": "employment",
    "quality_of_life": "quality of life",
}
for _domain, _words in _TOPS.items():
    LABELS[f"tops_{_domain}_improved"] = f"Adults improved in {_words} (TOPS)"
    LABELS[f"tops_{_domain}_declined"] = f"Adults declined in {_words} (TOPS)"
    LABELS[f"tops_{_domain}_assessed"] = f"Adults assessed in {_words} (TOPS)"


def _label(key: str) -> str:
    return LABELS.get(key, key.replace("_", " ").capitalize())


RECORD_MEASURES: dict[str, MeasureDefinition] = {
    key: MeasureDefinition(
        key,
        computed.indicator,
        _label(key),
        Kind(computed.kind),
        Source.RECORDS,
        computed.numerator,
        computed.denominator,
    )
    for family in FAMILIES
    for key, computed in family.MEASURES.items()
}
