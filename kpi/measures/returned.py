"""The measures authorities return as figures rather than records (kpi-spec §4): KPI 4
(care proceedings), KPI 5's whole-authority count of children looked after, KPI 8 and 9
(A&E attendances and emergency admissions), KPI 14 (caseloads and waiting lists), KPI 16
(expert reports) and KPI 20 (LSIR)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class AggregateMeasure:
    name: str
    indicator: int
    label: str
    kind: str  # count | percentage | mean | money
    people_label: str = ""

    @property
    def asks_for_people(self) -> bool:
        """Percentages and means say how many people they rest on, for disclosure control."""
        return bool(self.people_label)


WORKERS = (
    ("social_worker", "social workers"),
    ("substance_misuse", "substance misuse workers"),
    ("mental_health", "mental health workers"),
    ("domestic_abuse", "domestic abuse workers"),
)

AGGREGATE_MEASURES: tuple[AggregateMeasure, ...] = (
    AggregateMeasure("care_proceedings", 4, "Care proceedings issued in the quarter", "count"),
    AggregateMeasure(
        "care_proceedings_mean_weeks",
        4,
        "Mean length of care proceedings (weeks)",
        "mean",
        "Care proceedings the mean is over",
    ),
    AggregateMeasure(
        "la_cla_at_start", 5, "Children looked after in the authority at quarter start", "count"
    ),
    AggregateMeasure(
        "la_cla_at_end", 5, "Children looked after in the authority at quarter end", "count"
    ),
    AggregateMeasure(
        "ae_children_pct",
        8,
        "Cohort children with an A&E attendance (%)",
        "percentage",
        "Cohort children",
    ),
    AggregateMeasure(
        "ae_adults_pct",
        8,
        "Cohort adults with an A&E attendance (%)",
        "percentage",
        "Cohort adults",
    ),
    AggregateMeasure(
        "admissions_children_pct",
        9,
        "Cohort children with an emergency admission (%)",
        "percentage",
        "Cohort children",
    ),
    AggregateMeasure(
        "admissions_adults_pct",
        9,
        "Cohort adults with an emergency admission (%)",
        "percentage",
        "Cohort adults",
    ),
    *(
        AggregateMeasure(
            f"caseload_{key}", 14, f"Mean caseload of {words}", "mean", f"Number of {words}"
        )
        for key, words in WORKERS
    ),
    *(
        AggregateMeasure(f"waiting_list_{key}", 14, f"Waiting list for {words}", "count")
        for key, words in WORKERS
    ),
    AggregateMeasure(
        "expert_reports_accepted", 16, "Expert reports by FS psychologists accepted", "count"
    ),
    AggregateMeasure(
        "expert_report_external_cost",
        16,
        "Average cost of an external expert report (£)",
        "money",
        "External expert reports the average is over",
    ),
    AggregateMeasure("lsir_improved", 20, "Adults whose LSIR score improved", "count"),
    AggregateMeasure("lsir_assessed", 20, "Adults assessed with LSIR", "count"),
)
BY_NAME = {measure.name: measure for measure in AGGREGATE_MEASURES}
