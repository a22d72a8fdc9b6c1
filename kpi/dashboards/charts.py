"""Line charts drawn on the server as SVG, so they need no script and no CDN; the table
beside each chart is the accessible source and always holds every figure."""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from kpi.quarters import Quarter


class ChartCell(Protocol):
    """A table cell a chart plots: its value (None breaks the line) and how it is shown."""

    @property
    def display(self) -> str: ...

    @property
    def value(self) -> float | None: ...

    @property
    def synthetic(self) -> bool: ...


@dataclass
class ChartPoint:
    x: float
    y: float
    label: str
    synthetic: bool = False


@dataclass
class Chart:
    """A small line chart of one measure over quarters, sized for half the page's width.
    Missing and suppressed quarters break the line; a synthetic quarter's point is drawn
    hollow; the table gives every figure."""

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
    has_synthetic: bool = False


# A quarter's label ("Jan–Mar 2018") is about 90 units wide at the chart's type size.
LABEL_SPACING = 100


def line_chart(title: str, cells: Sequence[ChartCell], quarters: list[Quarter]) -> Chart:
    width, height, left, right, top, bottom = 460, 220, 64, 48, 16, 40
    shown = [item.value for item in cells if item.value is not None]
    top_value = max(shown, default=0) or 1
    step = (width - left - right) / max(1, len(quarters) - 1)

    def y_of(value: float) -> float:
        return round(top + (height - top - bottom) * (1 - value / top_value), 1)

    points: list[ChartPoint] = []
    segments: list[str] = []
    current: list[str] = []
    for index, item in enumerate(cells):
        x = round(left + index * step, 1)
        if item.value is None:
            if current:
                segments.append(" ".join(current))
            current = []
            continue
        y = y_of(item.value)
        points.append(ChartPoint(x, y, item.display, item.synthetic))
        current.append(f"{x},{y}")
    if current:
        segments.append(" ".join(current))
    # Every quarter is a point; when they crowd, every second (third…) one is labelled,
    # always the latest, so labels never overlap. The table names every quarter.
    every = max(1, math.ceil(LABEL_SPACING / step)) if len(quarters) > 1 else 1
    x_labels = [
        ChartPoint(round(left + i * step, 1), height - bottom + 20, q.label)
        for i, q in enumerate(quarters)
        if (len(quarters) - 1 - i) % every == 0
    ]
    y_labels = [
        ChartPoint(left - 8, y_of(v), f"{v:,.0f}" if top_value >= 10 else f"{v:,.1f}")
        for v in (0, top_value / 2, top_value)
    ]
    return Chart(
        title,
        width,
        height,
        segments,
        points,
        x_labels,
        y_labels,
        y_of(0),
        left,
        width - right,
        any(point.synthetic for point in points),
    )
