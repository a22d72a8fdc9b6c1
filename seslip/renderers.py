"""A CSV renderer for DRF lists, safe against spreadsheet formula injection."""

import math

from rest_framework.renderers import BaseRenderer

from seslip import csv_safety


class SafeCSVRenderer(BaseRenderer):
    """Renders a list of flat dicts (or a paginated response's `results`) as CSV, one row
    per item, columns in the serializer's order. Views that offer it switch pagination off
    for CSV so the file holds every row the filters select."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        if isinstance(data, dict) and "results" in data:
            data = data["results"]
        if isinstance(data, dict):
            data = [data]
        data = data or []
        header = list(data[0].keys()) if data else _columns(renderer_context)
        rows = ([_cell(item.get(name)) for name in header] for item in data)
        return csv_safety.render_csv(header, rows).encode(self.charset)


def _columns(renderer_context) -> list[str]:
    """With no rows, the header still names the columns (and an empty CSV is still CSV)."""
    view = (renderer_context or {}).get("view")
    if view is None or not hasattr(view, "get_serializer"):
        return []
    return list(view.get_serializer().fields)


def _cell(value):
    # A number that is not finite (a returned figure given as "nan", say) is not a figure:
    # an empty cell, as for a suppressed one, never "nan" or "inf".
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value
