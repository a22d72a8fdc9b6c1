"""The one registry of measures: every measure a page, the API, a CSV, a chart, disclosure
control or the aggregate return form can show, computed from records
(kpi/measures/records.py) or returned as a figure (kpi/measures/returned.py), in the
toolkit's order within each indicator."""

from kpi.measures.definition import MeasureDefinition
from kpi.measures.records import RECORD_MEASURES
from kpi.measures.returned import RETURNED_MEASURES

MEASURES: dict[str, MeasureDefinition] = {
    **RECORD_MEASURES,
    **{measure.key: measure for measure in RETURNED_MEASURES},
}


def label(key: str) -> str:
    return MEASURES[key].label
