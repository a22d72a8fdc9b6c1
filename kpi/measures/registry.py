"""Every measure a page, the API, a CSV or a chart can show."""

from dataclasses import dataclass

from kpi.indicators import MEASURES
from kpi.indicators.labels import label as record_label
from kpi.measures.returned import AGGREGATE_MEASURES


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
