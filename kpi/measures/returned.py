"""The measures authorities return as figures rather than records (docs/kpi-specification.md
§7): KPI 4
(care proceedings), KPI 5's whole-authority count of children looked after, KPI 8 and 9
(A&E attendances and emergency admissions), KPI 14 (caseloads and waiting lists), KPI 16
(expert reports) and KPI 20 (LSIR)."""

from kpi.measures.definition import Kind, MeasureDefinition, Source


def returned(
    key: str, indicator: int, label: str, kind: Kind, people_label: str = ""
) -> MeasureDefinition:
    return MeasureDefinition(key, indicator, label, kind, Source.RETURNED, key, None, people_label)


WORKERS = (
    ("social_worker", "social workers"),
    ("substance_misuse", "substance misuse workers"),
    ("mental_health", "mental health workers"),
    ("domestic_abuse", "domestic abuse workers"),
)

RETURNED_MEASURES: tuple[MeasureDefinition, ...] = (
    returned("care_proceedings", 4, "Care proceedings issued in the quarter", Kind.COUNT),
    returned(
        "care_proceedings_mean_weeks",
        4,
        "Mean length of care proceedings (weeks)",
        Kind.MEAN,
        "Care proceedings the mean is over",
    ),
    returned(
        "la_cla_at_start", 5, "Children looked after in the authority at quarter start", Kind.COUNT
    ),
    returned(
        "la_cla_at_end", 5, "Children looked after in the authority at quarter end", Kind.COUNT
    ),
    returned(
        "ae_children_pct",
        8,
        "Cohort children with an A&E attendance (%)",
        Kind.PERCENTAGE,
        "Cohort children",
    ),
    returned(
        "ae_adults_pct",
        8,
        "Cohort adults with an A&E attendance (%)",
        Kind.PERCENTAGE,
        "Cohort adults",
    ),
    returned(
        "admissions_children_pct",
        9,
        "Cohort children with an emergency admission (%)",
        Kind.PERCENTAGE,
        "Cohort children",
    ),
    returned(
        "admissions_adults_pct",
        9,
        "Cohort adults with an emergency admission (%)",
        Kind.PERCENTAGE,
        "Cohort adults",
    ),
    *(
        returned(
            f"caseload_{key}", 14, f"Mean caseload of {words}", Kind.MEAN, f"Number of {words}"
        )
        for key, words in WORKERS
    ),
    *(
        returned(f"waiting_list_{key}", 14, f"Waiting list for {words}", Kind.COUNT)
        for key, words in WORKERS
    ),
    returned(
        "expert_reports_accepted", 16, "Expert reports by FS psychologists accepted", Kind.COUNT
    ),
    returned(
        "expert_report_external_cost",
        16,
        "Average cost of an external expert report (£)",
        Kind.MONEY,
        "External expert reports the average is over",
    ),
    returned("lsir_improved", 20, "Adults whose LSIR score improved", Kind.COUNT),
    returned("lsir_assessed", 20, "Adults assessed with LSIR", Kind.COUNT),
)
BY_KEY = {measure.key: measure for measure in RETURNED_MEASURES}
