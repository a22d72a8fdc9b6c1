"""What the portal knows of one measure: one dataclass for every measure, computed from
records or returned as a figure."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import models


class Kind(models.TextChoices):
    COUNT = "count", "Count"
    TOTAL = "total", "Total"
    MEAN = "mean", "Mean"
    PERCENTAGE = "percentage", "Percentage"
    MONEY = "money", "Money (£)"


class Source(models.TextChoices):
    RECORDS = "records", "Computed from record-level submissions"
    RETURNED = "returned", "Returned as a figure per quarter"


class Statistic(models.TextChoices):
    """What sort of figure a measure is, as analysts ask it (issue 23): a count (of people,
    plans, sessions, incidents), a mean (an average over people or plans) or a rate (a
    percentage of a denominator)."""

    COUNT = "count", "Count"
    MEAN = "mean", "Mean"
    RATE = "rate", "Rate"


class Unit(models.TextChoices):
    """What one of a measure's figures is counted in."""

    COUNT = "count", "Count"
    DAYS = "days", "Days"
    WEEKS = "weeks", "Weeks"
    PERCENT = "percent", "Percent"
    SCORE = "score", "Score"
    POUNDS = "pounds", "Pounds (£)"


UNITS = {Kind.PERCENTAGE: "%", Kind.MONEY: "£"}
WITH_DECIMALS = (Kind.MEAN, Kind.PERCENTAGE, Kind.MONEY)
STATISTICS = {
    Kind.COUNT: Statistic.COUNT,
    Kind.TOTAL: Statistic.COUNT,
    Kind.MEAN: Statistic.MEAN,
    Kind.MONEY: Statistic.MEAN,
    Kind.PERCENTAGE: Statistic.RATE,
}
# A mean's unit, from how its key ends: a mean of durations or of scores.
MEAN_UNITS = (("_days", Unit.DAYS), ("_weeks", Unit.WEEKS), ("_mean", Unit.SCORE))


@dataclass(frozen=True)
class MeasureDefinition:
    """One measure: `key` (as stored in values and filtered by in the API), the toolkit
    indicator it belongs to, its plain-English label, its kind, where it comes from and how
    it is computed: a computed measure shows the quantity `numerator` (divided by
    `denominator` for a mean or percentage; kpi/indicators/ computes the quantities); a
    returned one is the figure the authority gives, protected by the count of people
    `people_label` names (percentages and means; a count protects itself)."""

    key: str
    indicator: int
    label: str
    kind: Kind
    source: Source
    numerator: str = ""
    denominator: str | None = None
    people_label: str = ""

    @property
    def precision(self) -> int:
        """Decimal places shown on pages and charts."""
        return 1 if self.kind in WITH_DECIMALS else 0

    def rounded(self, value: float) -> float:
        """`value` at the measure's precision, half away from zero as people round
        (a mean of 2.25 days is 2.3): the one rounding of pages, charts, API and CSV."""
        step = Decimal(1).scaleb(-self.precision)
        return float(Decimal(repr(value)).quantize(step, rounding=ROUND_HALF_UP))

    @property
    def unit(self) -> str:
        """The sign shown beside a figure on pages: % or £, or nothing."""
        return UNITS.get(self.kind, "")

    @property
    def statistic(self) -> Statistic:
        return STATISTICS[self.kind]

    @property
    def unit_name(self) -> Unit:
        """What the figure is counted in: a count, days, weeks, percent, a score, pounds.
        A mean of caseloads is a count (families per worker)."""
        if self.kind == Kind.PERCENTAGE:
            return Unit.PERCENT
        if self.kind == Kind.MONEY:
            return Unit.POUNDS
        if self.kind == Kind.MEAN:
            for ending, unit in MEAN_UNITS:
                if self.key.endswith(ending):
                    return unit
        return Unit.COUNT

    @property
    def quantities(self) -> tuple[str, ...]:
        """The quantities a computed measure shows (disclosure control rests on them)."""
        if self.denominator is None:
            return (self.numerator,)
        return (self.numerator, self.denominator)

    @property
    def asks_for_people(self) -> bool:
        """Returned percentages and means say how many people they rest on."""
        return bool(self.people_label)
