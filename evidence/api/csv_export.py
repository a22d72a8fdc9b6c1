"""CSV export of a filtered list of findings, safe to open in a spreadsheet."""

from collections.abc import Iterable

from evidence import presenters
from evidence.models import Finding
from seslip import csv_safety
from sources.values import FigureKind

# Each figure's kind and ends beside it (issue 18): the plain column holds an exact figure
# only; a vague one is in its `_kind`, `_value` (a lower bound or an approximate figure),
# `_low`/`_high` (a range's ends, never a midpoint) and `_as_written` ("over 200", "18–19").
FIGURES = (
    ("value_before", "value_before"),
    ("value_after", "value_after"),
    ("change_value", "change_value"),
    ("comparison_value", "comparison_value"),
    ("sample_size", "n"),
)
FIGURE_PARTS = ("kind", "value", "low", "high", "as_written")

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
    *(f"{column}_{part}" for _, column in FIGURES for part in FIGURE_PARTS),
)


def _figure_columns(finding: Finding) -> list:
    cells: list = []
    for name, _ in FIGURES:
        figure = finding.figure(name)
        if figure is None:
            cells += [""] * len(FIGURE_PARTS)
            continue
        api = figure.as_api()
        cells += [
            figure.kind,
            api["value"],
            api["low"],
            api["high"],
            presenters.figure_text(figure),
        ]
    return cells


def _exact(finding: Finding, name: str):
    return getattr(finding, name) if getattr(finding, f"{name}_kind") == FigureKind.EXACT else None


def _row(finding: Finding) -> list:
    evaluation = finding.evaluation
    return [
        finding.key,
        finding.practice_model.slug if finding.practice_model else "",
        finding.authority.slug if finding.authority else "",
        finding.outcome_domain.slug,
        finding.statement,
        finding.measure,
        _exact(finding, "value_before"),
        _exact(finding, "value_after"),
        _exact(finding, "change_value"),
        _exact(finding, "comparison_value"),
        finding.comparison_label,
        finding.unit,
        finding.period,
        _exact(finding, "sample_size"),
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
        *_figure_columns(finding),
    ]


def findings_csv(findings: Iterable[Finding]) -> str:
    return csv_safety.render_csv(COLUMNS, (_row(finding) for finding in findings))
