"""What the KPI dashboards show: reads (constant queries) and presenters (tables and
server-drawn SVG charts). Every figure goes through kpi.disclosure.shown_to.

Charts are drawn on the server as SVG so they need no script and no CDN; the table beside
each chart is the accessible source and always holds every figure."""

from collections import defaultdict
from dataclasses import dataclass, field

from kpi.disclosure import Shown, shown_to
from kpi.indicators import ALL_COHORTS, MEASURES
from kpi.indicators.labels import label as record_label
from kpi.measures.returned import AGGREGATE_MEASURES
from kpi.models import Cohort, IndicatorDefinition, IndicatorValue, Submission
from kpi.permissions import can_upload_for
from kpi.quarters import Quarter

POLICE_AND_COHORT = 0


@dataclass(frozen=True)
class MeasureInfo:
    name: str
    indicator: int
    kind: str
    label: str


# Every measure a dashboard can show, computed from records or returned as a figure, in
# the toolkit's order within each indicator.
ALL_MEASURES: dict[str, MeasureInfo] = {
    **{
        spec.name: MeasureInfo(spec.name, spec.indicator, spec.kind, record_label(spec.name))
        for spec in MEASURES.values()
    },
    **{m.name: MeasureInfo(m.name, m.indicator, m.kind, m.label) for m in AGGREGATE_MEASURES},
}


def label(measure: str) -> str:
    return ALL_MEASURES[measure].label


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


@dataclass
class MeasureRow:
    measure: str
    label: str
    cells: list[Cell]


@dataclass
class ChartPoint:
    x: float
    y: float
    label: str


@dataclass
class Chart:
    """A line chart of one measure over quarters. Missing and suppressed quarters break the
    line; the table gives every figure."""

    title: str
    width: int
    height: int
    segments: list[str]
    points: list[ChartPoint]
    x_labels: list[ChartPoint]
    y_labels: list[ChartPoint]
    baseline_y: float
    left: int
    right: int


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


def cell(shown: Shown, measure: str) -> Cell:
    if shown.suppressed:
        return Cell("c", True, None)
    if shown.value is None:
        return Cell("", False, None)
    if ALL_MEASURES[measure].kind in ("mean", "percentage", "money"):
        return Cell(f"{shown.value:,.1f}", False, shown.value)
    return Cell(f"{round(shown.value):,}", False, shown.value)


EMPTY = Cell("", False, None)


def authority_cohorts(authority) -> list[Cohort]:
    return list(Cohort.objects.filter(authority=authority).order_by("start", "number"))


def latest_submission(authority) -> Submission | None:
    """The latest accepted submission: the public face of the authority's returns. (A
    superseded one is always older than the one that superseded it.)"""
    return (
        Submission.objects.filter(authority=authority, status=Submission.Status.ACCEPTED)
        .order_by("-uploaded_at", "-id")
        .first()
    )


def latest_upload_not_accepted(user, authority, after: Submission | None) -> Submission | None:
    """For the authority's own analysts only: an upload newer than the latest accepted one
    that was not accepted (rejected, failed or still being checked). Nobody else learns of
    it (kpi/permissions.py)."""
    if not can_upload_for(user, authority):
        return None
    newer = Submission.objects.filter(authority=authority).exclude(
        status__in=[Submission.Status.ACCEPTED, Submission.Status.SUPERSEDED]
    )
    if after is not None:
        newer = newer.filter(uploaded_at__gt=after.uploaded_at)
    return newer.order_by("-uploaded_at", "-id").first()


def indicator_titles() -> dict[int, str]:
    titles = dict(IndicatorDefinition.objects.values_list("number", "title"))
    titles[POLICE_AND_COHORT] = "Police involvement and cohort size"
    return titles


def authority_dashboard(user, authority, cohort: str) -> Dashboard:
    """Every measure of every quarter for one authority and one cohort (or all)."""
    values = list(
        IndicatorValue.objects.filter(authority=authority, cohort=cohort).order_by("quarter")
    )
    quarters = sorted({Quarter.parse(v.quarter) for v in values})
    by_measure: dict[str, dict[str, Cell]] = defaultdict(dict)
    has_suppressed = False
    for value in values:
        shown = shown_to(user, value)
        has_suppressed = has_suppressed or shown.suppressed
        by_measure[value.measure][value.quarter] = cell(shown, value.measure)
    titles = indicator_titles()
    panels: dict[int, IndicatorPanel] = {}
    for spec in ALL_MEASURES.values():
        if spec.name not in by_measure:
            continue
        row = MeasureRow(
            spec.name,
            label(spec.name),
            [by_measure[spec.name].get(str(q), EMPTY) for q in quarters],
        )
        panel = panels.setdefault(
            spec.indicator,
            IndicatorPanel(spec.indicator, titles.get(spec.indicator, ""), [], None),
        )
        panel.rows.append(row)
    for panel in panels.values():
        panel.chart = line_chart(panel.rows[0], quarters) if len(quarters) > 1 else None
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
    return Dashboard(quarters, ordered, baseline, latest, has_suppressed)


def regional_comparison(user, measure: str, cohort: str = ALL_COHORTS) -> Dashboard:
    """One measure for every authority with values, side by side over quarters."""
    values = list(
        IndicatorValue.objects.filter(measure=measure, cohort=cohort)
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
        cells[value.authority.slug][value.quarter] = cell(shown, value.measure)
        rows.setdefault(
            value.authority.slug, MeasureRow(value.authority.slug, value.authority.name, [])
        )
    for slug, row in rows.items():
        row.cells = [cells[slug].get(str(q), EMPTY) for q in quarters]
    panel = IndicatorPanel(
        ALL_MEASURES[measure].indicator, label(measure), list(rows.values()), None
    )
    return Dashboard(quarters, [panel], [], None, has_suppressed)


def line_chart(row: MeasureRow, quarters: list[Quarter]) -> Chart:
    width, height, left, right, top, bottom = 640, 220, 64, 48, 16, 40
    shown = [c.value for c in row.cells if c.value is not None]
    top_value = max(shown, default=0) or 1
    step = (width - left - right) / max(1, len(quarters) - 1)

    def y_of(value: float) -> float:
        return round(top + (height - top - bottom) * (1 - value / top_value), 1)

    points, segments, current = [], [], []
    for index, item in enumerate(row.cells):
        x = round(left + index * step, 1)
        if item.value is None:
            if current:
                segments.append(" ".join(current))
            current = []
            continue
        y = y_of(item.value)
        points.append(ChartPoint(x, y, item.display))
        current.append(f"{x},{y}")
    if current:
        segments.append(" ".join(current))
    x_labels = [
        ChartPoint(round(left + i * step, 1), height - bottom + 20, q.label)
        for i, q in enumerate(quarters)
    ]
    y_labels = [
        ChartPoint(left - 8, y_of(v), f"{v:,.0f}" if top_value >= 10 else f"{v:,.1f}")
        for v in (0, top_value / 2, top_value)
    ]
    return Chart(
        row.label,
        width,
        height,
        segments,
        points,
        x_labels,
        y_labels,
        y_of(0),
        left,
        width - right,
    )
