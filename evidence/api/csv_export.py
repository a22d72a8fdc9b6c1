"""CSV export of a filtered list of findings, safe to open in a spreadsheet."""

from collections.abc import Iterable

from evidence import presenters
from evidence.models import Finding
from seslip import csv_safety

COLUMNS = (
    "key",
    "practice_model",
    "authority",
    "outcome_domain",
    "statement",
    "measure",
    "value_before",
    "value_after",
    "change_value",
    "comparison_value",
    "comparison_label",
    "unit",
    "period",
    "n",
    "direction",
    "significance",
    "strength",
    "self_reported",
    "evaluation",
    "evaluator",
    "year",
    "source",
    "quotation",
    "quotation_attribution",
)


def _row(finding: Finding) -> list:
    evaluation = finding.evaluation
    return [
        finding.key,
        finding.practice_model.slug if finding.practice_model else "",
        finding.authority.slug if finding.authority else "",
        finding.outcome_domain.slug,
        finding.statement,
        finding.measure,
        finding.value_before,
        finding.value_after,
        finding.change_value,
        finding.comparison_value,
        finding.comparison_label,
        finding.unit,
        finding.period,
        finding.sample_size,
        finding.direction,
        finding.significance,
        evaluation.strength,
        "yes" if evaluation.is_self_reported else "no",
        evaluation.title,
        evaluation.evaluator,
        evaluation.year,
        presenters.source_citation(finding),
        finding.quotation,
        finding.quotation_attribution,
    ]


def findings_csv(findings: Iterable[Finding]) -> str:
    return csv_safety.render_csv(COLUMNS, (_row(finding) for finding in findings))
