"""What the KPI dashboards show: tables of every figure, each through
kpi.disclosure.shown_to, and a chart per indicator (kpi/dashboards/charts.py)."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import BooleanField, F, Value
from django.db.models.functions import Coalesce

from kpi.dashboards.charts import Chart, line_chart
from kpi.dashboards.selectors import POLICE_AND_COHORT, indicator_titles
from kpi.disclosure import Shown, shown_to
from kpi.measures.definition import WITH_DECIMALS
from kpi.measures.registry import MEASURES, label
from kpi.models import IndicatorValue
from kpi.models.values import ALL_COHORTS
from kpi.quarters import Quarter

# Before FS (12 months) beside since FS, where the toolkit's measures allow (KPI 17, police).
BASELINE_PAIRS = (
    ("Times a victim of crime", "victim_before", "victim_in_quarter"),
    ("Times an offender", "offender_before", "offender_in_quarter"),
    ("Domestic abuse incidents", "da_incidents_before", "da_incidents_since"),
)


@dataclass(frozen=True)
class Cell:
    display: str
    suppressed: bool
    value: float | None
    synthetic: bool = False


@dataclass(frozen=True)
class QuarterColumn:
    """A quarter as a column heading; `synthetic` when its figures come from synthetic
    demonstration data."""

    quarter: Quarter
    synthetic: bool

    @property
    def label(self) -> str:
        return self.quarter.label


@dataclass
class MeasureRow:
    measure: str
    label: str
    cells: list[Cell]


@dataclass
class IndicatorPanel:
    number: int
    title: str
    rows: list[MeasureRow]
    chart: Chart | None


@dataclass
class BaselineRow:
    label: str
    before: Cell
    since: Cell


@dataclass
class Dashboard:
    quarters: list[Quarter]
    panels: list[IndicatorPanel]
    baseline: list[BaselineRow]
    baseline_quarter: Quarter | None
    has_suppressed: bool = False
    extra: dict = field(default_factory=dict)
    columns: list[QuarterColumn] = field(default_factory=list)
    has_synthetic: bool = False


def cell(shown: Shown, measure: str, synthetic: bool = False) -> Cell:
    if shown.suppressed:
        return Cell("c", True, None, synthetic)
    if shown.value is None:
        return Cell("", False, None, synthetic)
    spec = MEASURES[measure]
    if spec.kind in WITH_DECIMALS:
        text = f"{spec.rounded(shown.value):,.{spec.precision}f}"
        return Cell(text, False, shown.value, synthetic)
    return Cell(f"{round(shown.value):,}", False, shown.value, synthetic)


def with_synthetic_flag(values):
    """Values with `is_synthetic`: from synthetic demonstration data (returned figures
    never are)."""
    return values.annotate(
        is_synthetic=Coalesce(
            F("submission__is_synthetic"), Value(False), output_field=BooleanField()
        )
    )


EMPTY = Cell("", False, None)


def authority_dashboard(user, authority, cohort: str) -> Dashboard:
    """Every measure of every quarter for one authority and one cohort (or all)."""
    values = list(
        with_synthetic_flag(
            IndicatorValue.objects.filter(authority=authority, cohort=cohort)
        ).order_by("quarter")
    )
    quarters = sorted({Quarter.parse(v.quarter) for v in values})
    synthetic = {v.quarter for v in values if v.is_synthetic}
    columns = [QuarterColumn(q, str(q) in synthetic) for q in quarters]
    by_measure: dict[str, dict[str, Cell]] = defaultdict(dict)
    has_suppressed = False
    for value in values:
        shown = shown_to(user, value)
        has_suppressed = has_suppressed or shown.suppressed
        by_measure[value.measure][value.quarter] = cell(shown, value.measure, value.is_synthetic)
    titles = indicator_titles()
    panels: dict[int, IndicatorPanel] = {}
    for spec in MEASURES.values():
        if spec.key not in by_measure:
            continue
        row = MeasureRow(
            spec.key,
            label(spec.key),
            [by_measure[spec.key].get(str(q), EMPTY) for q in quarters],
        )
        panel = panels.setdefault(
            spec.indicator,
            IndicatorPanel(spec.indicator, titles.get(spec.indicator, ""), [], None),
        )
        panel.rows.append(row)
    for panel in panels.values():
        panel.chart = (
            line_chart(panel.rows[0].label, panel.rows[0].cells, quarters)
            if len(quarters) > 1
            else None
        )
    latest = quarters[-1] if quarters else None
    baseline = [
        BaselineRow(
            text,
            by_measure.get(before, {}).get(str(latest), EMPTY),
            by_measure.get(since, {}).get(str(latest), EMPTY),
        )
        for text, before, since in BASELINE_PAIRS
        if latest is not None
    ]
    ordered = [panels[n] for n in sorted(panels) if n != POLICE_AND_COHORT]
    if POLICE_AND_COHORT in panels:
        ordered.append(panels[POLICE_AND_COHORT])
    return Dashboard(
        quarters,
        ordered,
        baseline,
        latest,
        has_suppressed,
        columns=columns,
        has_synthetic=bool(synthetic),
    )


def regional_comparison(user, measure: str, cohort: str = ALL_COHORTS) -> Dashboard:
    """One measure for every authority with values, side by side over quarters."""
    values = list(
        with_synthetic_flag(IndicatorValue.objects.filter(measure=measure, cohort=cohort))
        .select_related("authority")
        .order_by("authority__name", "quarter")
    )
    quarters = sorted({Quarter.parse(v.quarter) for v in values})
    rows: dict[str, MeasureRow] = {}
    cells: dict[str, dict[str, Cell]] = defaultdict(dict)
    has_suppressed = False
    for value in values:
        shown = shown_to(user, value)
        has_suppressed = has_suppressed or shown.suppressed
        cells[value.authority.slug][value.quarter] = cell(shown, value.measure, value.is_synthetic)
        rows.setdefault(
            value.authority.slug, MeasureRow(value.authority.slug, value.authority.name, [])
        )
    for slug, row in rows.items():
        row.cells = [cells[slug].get(str(q), EMPTY) for q in quarters]
    panel = IndicatorPanel(MEASURES[measure].indicator, label(measure), list(rows.values()), None)
    return Dashboard(
        quarters,
        [panel],
        [],
        None,
        has_suppressed,
        columns=[QuarterColumn(q, False) for q in quarters],
        has_synthetic=any(v.is_synthetic for v in values),
    )
