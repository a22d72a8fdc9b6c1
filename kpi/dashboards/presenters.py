"""What the KPI dashboards show: tables of every figure, each through
kpi.disclosure.shown_to, and for each indicator a small chart per measure
(kpi/dashboards/charts.py): measures of one indicator differ in unit and scale (a count
beside a mean in days), so each gets its own axis rather than sharing one."""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import BooleanField, F, QuerySet, Value
from django.db.models.functions import Coalesce

from accounts.models import AnyUser
from kpi.dashboards.charts import Chart, line_chart
from kpi.dashboards.selectors import POLICE_AND_COHORT, indicator_titles
from kpi.disclosure import Shown, shown_to
from kpi.measures.definition import WITH_DECIMALS, Kind, MeasureDefinition, Statistic
from kpi.measures.registry import MEASURES, label
from kpi.models import IndicatorValue
from kpi.models.values import ALL_COHORTS
from kpi.quarters import Quarter
from models_registry.models import LocalAuthority

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
    of: str = ""  # a mean's or rate's denominator, "of 40"


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
    charts: list[Chart] = field(default_factory=list)

    @property
    def chart_pairs(self) -> list[list[Chart]]:
        """The charts two by two, one grid row each, so side-by-side charts line up."""
        return [self.charts[i : i + 2] for i in range(0, len(self.charts), 2)]

    @property
    def has_synthetic(self) -> bool:
        return any(chart.has_synthetic for chart in self.charts)


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


def with_synthetic_flag(values: QuerySet[IndicatorValue]) -> QuerySet[Any]:
    """Values with `is_synthetic`: from synthetic demonstration data (returned figures
    never are)."""
    return values.annotate(
        is_synthetic=Coalesce(
            F("submission__is_synthetic"), Value(False), output_field=BooleanField()
        )
    )


EMPTY = Cell("", False, None)


def authority_dashboard(user: AnyUser, authority: LocalAuthority, cohort: str) -> Dashboard:
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
            IndicatorPanel(spec.indicator, titles.get(spec.indicator, ""), []),
        )
        panel.rows.append(row)
    if len(quarters) > 1:
        for panel in panels.values():
            panel.charts = [line_chart(row.label, row.cells, quarters) for row in panel.rows]
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


COHORT_SIZE = "people"


@dataclass
class Comparison:
    """The compare page: each authority's figure over quarters, the region's (a sum, or a
    rate pooled from the authorities' numerators and denominators) and, for a count, each
    figure as a rate per 100 people in the cohort with that denominator."""

    quarters: list[Quarter]
    rows: list[MeasureRow]
    regional: MeasureRow
    rates: list[MeasureRow]
    regional_rate: MeasureRow | None
    has_suppressed: bool
    has_synthetic: bool

    @property
    def panels(self) -> list[IndicatorPanel]:
        return [IndicatorPanel(0, "", self.rows)]


def regional_comparison(user: AnyUser, measure: str, cohort: str = ALL_COHORTS) -> Comparison:
    """One measure for every authority with values, side by side over quarters, with the
    region's figure. A regional figure is hidden ("c") when any authority's figure it adds
    up is hidden from the viewer: shown, it would give that figure away by subtraction."""
    spec = MEASURES[measure]
    per_person = spec.statistic == Statistic.COUNT and measure != COHORT_SIZE
    wanted = [measure, COHORT_SIZE] if per_person else [measure]
    values = list(
        with_synthetic_flag(IndicatorValue.objects.filter(measure__in=wanted, cohort=cohort))
        .select_related("authority")
        .order_by("authority__name", "quarter")
    )
    quarters = sorted({Quarter.parse(v.quarter) for v in values if v.measure == measure})
    names: dict[str, str] = {}
    shown: dict[tuple[str, str, str], Shown] = {}
    synthetic: set[tuple[str, str]] = set()
    for value in values:
        names.setdefault(value.authority.slug, value.authority.name)
        shown[(value.authority.slug, value.quarter, value.measure)] = shown_to(user, value)
        if value.is_synthetic:
            synthetic.add((value.authority.slug, value.quarter))
    slugs = [slug for slug in names if any((slug, str(q), measure) in shown for q in quarters)]
    rows = [
        MeasureRow(
            slug,
            names[slug],
            [
                figure_cell(shown.get((slug, str(q), measure)), spec, (slug, str(q)) in synthetic)
                for q in quarters
            ],
        )
        for slug in slugs
    ]
    regional = MeasureRow(
        "region",
        "South East region",
        [
            regional_cell([shown[key] for key in shown if key[1:] == (str(q), measure)], spec)
            for q in quarters
        ],
    )
    rates, regional_rate = [], None
    if per_person:
        rates = [
            MeasureRow(
                slug,
                names[slug],
                [
                    rate_cell(
                        [shown.get((slug, str(q), measure))],
                        [shown.get((slug, str(q), COHORT_SIZE))],
                    )
                    for q in quarters
                ],
            )
            for slug in slugs
        ]
        regional_rate = MeasureRow(
            "region",
            "South East region",
            [
                rate_cell(
                    [shown.get((slug, str(q), measure)) for slug in slugs],
                    [shown.get((slug, str(q), COHORT_SIZE)) for slug in slugs],
                )
                for q in quarters
            ],
        )
    return Comparison(
        quarters,
        rows,
        regional,
        rates,
        regional_rate,
        any(item.suppressed for key, item in shown.items() if key[2] == measure),
        bool(synthetic),
    )


HIDDEN = Cell("c", True, None)


def figure_cell(item: Shown | None, spec: MeasureDefinition, synthetic: bool) -> Cell:
    """An authority's figure; a mean or rate with its denominator ("of 40")."""
    if item is None:
        return EMPTY
    shown_cell = cell(item, spec.key, synthetic)
    if shown_cell.value is None or spec.statistic == Statistic.COUNT:
        return shown_cell
    if item.denominator is None:
        return shown_cell
    return Cell(shown_cell.display, False, shown_cell.value, synthetic, of_count(item.denominator))


def of_count(number: float) -> str:
    return f"of {round(number):,}"


def regional_cell(items: list[Shown], spec: MeasureDefinition) -> Cell:
    """The region's figure for one quarter: the authorities' sum for a count; for a mean or
    rate, their numerators over their denominators (pooled), when every one gives both."""
    if not items:
        return EMPTY
    if any(item.suppressed for item in items):
        return HIDDEN
    figures = [item.value for item in items if item.value is not None]
    if len(figures) < len(items):
        return EMPTY
    if spec.statistic == Statistic.COUNT:
        total = float(sum(figures))
        return Cell(f"{round(total):,}", False, total)
    numerators = [item.numerator for item in items if item.numerator is not None]
    denominators = [item.denominator for item in items if item.denominator is not None]
    if len(numerators) < len(items) or len(denominators) < len(items):
        return EMPTY
    denominator = float(sum(denominators))
    if not denominator:
        return EMPTY
    scale = 100 if spec.kind == Kind.PERCENTAGE else 1
    pooled = scale * float(sum(numerators)) / denominator
    text = f"{spec.rounded(pooled):,.{spec.precision}f}"
    return Cell(text, False, pooled, False, of_count(denominator))


def rate_cell(counts: list[Shown | None], sizes: list[Shown | None]) -> Cell:
    """Counts per 100 people in the cohort, over the pairs given, with the cohort size."""
    pairs = [(c, p) for c, p in zip(counts, sizes, strict=True) if c is not None]
    if not pairs:
        return EMPTY
    if any(c.suppressed or p is None or p.suppressed for c, p in pairs):
        return HIDDEN
    figures = [
        (c.value, p.value)
        for c, p in pairs
        if p is not None and c.value is not None and p.value is not None
    ]
    if len(figures) < len(pairs):
        return EMPTY
    people = float(sum(size for _, size in figures))
    if not people:
        return EMPTY
    rate = 100 * float(sum(count for count, _ in figures)) / people
    return Cell(f"{rate:,.1f}", False, rate, False, of_count(people))
